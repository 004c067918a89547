//! The timeline: laid out for the measured width and written as SVG by the
//! pictures' module (`layout::timeline`, `layout::draw`), set as this
//! element's content. What
//! follows the filters (dimming, the range, the brush) updates attributes in
//! place, so focus stays where it is. Events are read off the element that
//! was touched (`events.rs`).

mod events;
mod table;

use super::{bits, listen, measured_width, module};
use crate::model::Day;
use crate::ui::ctx;
use leptos::prelude::*;
use std::sync::Arc;

/// A drag in progress: where it started, the snapped range, and in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Brush {
    start: f64,
    from: Day,
    to: Day,
    words: String,
}

#[component]
pub fn Timeline(kept: Memo<Vec<bool>>) -> impl IntoView {
    let cx = ctx();
    let state = cx.state;
    let wrap = NodeRef::<leptos::html::Div>::new();
    let width = measured_width(wrap);
    let svg: Memo<Option<Arc<String>>> = Memo::new(move |_| {
        let w = width.get().floor();
        (w > 0.0).then(|| Arc::new(module::draw(&format!("timeline\n{}", w as u32))))
    });
    let brush = RwSignal::new(None::<Brush>);
    let focused = RwSignal::new(None::<usize>);

    // The picture, rewritten only when the layout changes; then what follows
    // the filters, on the fresh picture too.
    let (b, order) = (cx.briefing.clone(), cx.index.order.clone());
    let h = events::Handlers {
        width,
        brush,
        focused,
        state,
        ids: StoredValue::new(order.iter().map(|&e| b.events[e].id.clone()).collect()),
        cx: StoredValue::new(cx.clone()),
    };
    Effect::new(move |drawn: Option<usize>| {
        let (Some(el), Some(svg)) = (wrap.get(), svg.get()) else {
            return drawn.unwrap_or(0);
        };
        if drawn.is_none_or(|d| d == 0) {
            listen(
                &el,
                &[
                    "click",
                    "keydown",
                    "pointerdown",
                    "pointermove",
                    "pointerup",
                    "pointercancel",
                    "mouseover",
                    "mouseout",
                    "focusin",
                    "focusout",
                ],
                move |e| h.handle(e),
            );
        }
        let id = Arc::as_ptr(&svg) as usize;
        if drawn != Some(id) {
            el.set_inner_html(&svg);
        }
        // Dim what the filters leave out.
        module::apply(&module::ask(&format!(
            "timeline-kept\n{}",
            kept.with(|k| bits(k))
        )));
        // The date range filter, and the brush while dragging, shaded.
        let shade = |id: &str, (from, to): (Option<Day>, Option<Day>)| {
            let day = |d: Option<Day>| d.map(|d| d.ordinal().to_string()).unwrap_or_default();
            module::apply(&module::ask(&format!(
                "shade\n{id}\n{}\n{}",
                day(from),
                day(to)
            )));
        };
        shade("timeline-range", state.with(|s| (s.from, s.to)));
        let dragged = brush.with(|b| b.as_ref().map(|b| (Some(b.from), Some(b.to))));
        shade("timeline-brush", dragged.unwrap_or_default());
        id
    });

    // While dragging, the range in words (once set, the active filters say it).
    let range_words = move || {
        brush
            .with(|b| b.as_ref().map(|b| format!("Release to show {}.", b.words)))
            .unwrap_or_default()
    };
    let focus_line = {
        let (b, order) = (cx.briefing.clone(), cx.index.order.clone());
        move || {
            focused.get().and_then(|p| order.get(p)).map(|&e| {
                let event = &b.events[e];
                format!("{} · {}", event.title, event.date.display())
            })
        }
    };
    view! {
        <details class="figure" open>
            <summary><h3>"Timeline"</h3></summary>
            <figure>
                <div
                    class="chart-wrap"
                    node_ref=wrap
                ></div>
                <p class="focus-line" aria-hidden="true">{focus_line}</p>
                <figcaption>
                    <span>
                        "One lane per channel; overlapping events take their own rows. Dots are days, spans the days a date may fall on; "
                        "dashed to the edge: “or later” or “or earlier”; hollow: planned; a shaded // break folds out months without events. "
                        "Undated events are listed under “Date not given”."
                    </span>
                    <span class="range-words" aria-live="polite">{range_words}</span>
                    <button
                        type="button"
                        disabled=move || state.with(|s| s.from.is_none() && s.to.is_none())
                        on:click=move |_| state.update(|s| (s.from, s.to) = (None, None))
                    >
                        "Clear date range"
                    </button>
                </figcaption>
            </figure>
            <table::Table kept/>
        </details>
    }
}
