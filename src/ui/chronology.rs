//! The chronology for the printed briefing: one compact row per event shown
//! (the rows come from `layout::chronology`). Print only: on screen the
//! timeline and its table do this job.

use super::ctx;
use crate::layout::chronology::{self, MAX_ROWS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The inferences behind the “inferred” marks, each once, numbered as the
/// marks print them (`marks::number_notes`). Print only, like the chronology.
#[component]
pub fn InferenceNotes(notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <section class="inference-notes print-only" aria-labelledby="inference-notes-heading">
                <h2 id="inference-notes-heading">"Inferences"</h2>
                <p>"An “inferred” mark gives, in brackets, the numbers of the notes below."</p>
                <ol>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ol>
            </section>
        }
    })
}

#[component]
pub fn Chronology() -> impl IntoView {
    let cx = ctx();
    let (b, index, outcome, printing) = (
        cx.briefing.clone(),
        cx.index.clone(),
        cx.outcome,
        cx.printing,
    );
    // Paper only: the screen never pays for rows it does not show.
    let rows = move || {
        if !printing.get() {
            return String::new();
        }
        outcome.with(|o| {
            let mut html = chronology::rows_html(&chronology::rows(&b, &index, &o.matches));
            let more = o.matches.len().saturating_sub(MAX_ROWS);
            if more > 0 {
                html.push_str(&format!(
                    r#"<tr><td colspan="4">And {}, below.</td></tr>"#,
                    crate::report::count(more, "more event", "more events")
                ));
            }
            html
        })
    };
    // The handling marking runs in every printed page's margins (style/main.css, @page).
    let marking = cx
        .briefing
        .meta
        .handling
        .as_deref()
        .map(chronology::css_string)
        .unwrap_or_default();
    if let Some(root) = document().document_element() {
        let _ = root
            .unchecked_into::<web_sys::HtmlElement>()
            .style()
            .set_property("--marking", &marking);
    }
    view! {
        <section class="chronology print-only" aria-labelledby="chronology-heading">
            <h2 id="chronology-heading">"Chronology"</h2>
            <table>
                <thead>
                    <tr><th scope="col">"Date"</th><th scope="col">"Event"</th><th scope="col">"Channel"</th><th scope="col">"Status"</th></tr>
                </thead>
                <tbody inner_html=rows></tbody>
            </table>
        </section>
    }
}
