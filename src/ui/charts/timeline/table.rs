//! The timeline as a table, for screen readers and for reading dates exactly.

use crate::layout::chronology;
use crate::ui::ctx;
use leptos::prelude::*;

/// A table longer than this helps nobody; the result list below has them all.
const TABLE_ROWS: usize = 200;

#[component]
pub fn Table(kept: Memo<Vec<bool>>) -> impl IntoView {
    let cx = ctx();
    let (b, index) = (cx.briefing.clone(), cx.index.clone());
    let open = RwSignal::new(false);
    // Written only while open: the same rows as the printed chronology.
    let rows = move || {
        if !open.get() {
            return String::new();
        }
        let shown: Vec<usize> =
            kept.with(|k| (0..k.len()).filter(|&p| k[p]).take(TABLE_ROWS).collect());
        chronology::rows_html(&chronology::rows(&b, &index, &shown))
    };
    view! {
        <details class="as-table" on:toggle=move |e| open.set(event_target::<web_sys::HtmlDetailsElement>(&e).open())>
            <summary>"Timeline as a table"</summary>
            <table>
                <caption>{format!("Events shown (first {TABLE_ROWS} at most)")}</caption>
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Event"</th><th scope="col">"Channel"</th><th scope="col">"Status"</th></tr></thead>
                <tbody inner_html=rows></tbody>
            </table>
        </details>
    }
}
