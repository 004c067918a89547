//! The result list: month headings and events. Up to `WINDOW_AFTER` rows
//! are all in the DOM (and print); beyond that only the rows in view, plus a
//! margin, are, between two spacers sized from measured row heights.

use super::{ctx, event_card::EventCard};
use crate::layout::window;
use leptos::{ev, prelude::*};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// One row of the result list, by chronological position: the heading of
/// the group an event opens, or the event. Small and `Copy`, because a list
/// of 100k rows is rebuilt on every filter change.
#[derive(Clone, Copy, PartialEq)]
pub enum Row {
    /// Keyed by the event it precedes: the same label can head two groups
    /// ("January 2023", then "2023", then "January 2023" again).
    Heading(usize),
    Event(usize),
}

impl Row {
    fn key(&self) -> u64 {
        match *self {
            Row::Heading(p) => (p as u64) << 1,
            Row::Event(p) => (p as u64) << 1 | 1,
        }
    }

    /// Until measured: roughly a heading, roughly a closed event card.
    fn estimate(&self) -> f64 {
        match self {
            Row::Heading(_) => 52.0,
            Row::Event(_) => 150.0,
        }
    }

    fn view(self) -> AnyView {
        match self {
            Row::Heading(p) => {
                view! { <h2 class="month">{ctx().index.group[p].clone()}</h2> }.into_any()
            }
            Row::Event(p) => view! { <EventCard position=p/> }.into_any(),
        }
    }
}

const WINDOW_AFTER: usize = 400;
/// Rendered beyond the viewport on each side, in CSS pixels.
const MARGIN: f64 = 900.0;

#[component]
pub fn EventList(rows: Memo<Vec<Row>>) -> impl IntoView {
    scroll_opened_event_into_view(rows);
    // Re-decided only when the list crosses the threshold: a closure reading
    // `rows` itself would rebuild the whole list on every filter change.
    let windowed = Memo::new(move |_| rows.with(|r| r.len() > WINDOW_AFTER));
    move || {
        if !windowed.get() {
            view! {
                <div class="event-list">
                    <For each=move || rows.get() key=Row::key children=Row::view/>
                </div>
            }
            .into_any()
        } else {
            view! { <Windowed rows/> }.into_any()
        }
    }
}

#[component]
fn Windowed(rows: Memo<Vec<Row>>) -> impl IntoView {
    let list = NodeRef::<leptos::html::Div>::new();
    // Where the list starts on the page: the top spacer's top, which does not
    // move as the window does (the rendered rows' container does).
    let start = NodeRef::<leptos::html::Div>::new();
    let heights = StoredValue::new(HashMap::<u64, f64>::new());
    let measured = RwSignal::new(0u64);
    let viewport = RwSignal::new(read_viewport());
    let tops = Memo::new(move |_| {
        measured.track();
        rows.with(|r| {
            heights.with_value(|h| {
                window::tops(
                    r.iter()
                        .map(|row| *h.get(&row.key()).unwrap_or(&row.estimate())),
                )
            })
        })
    });
    // Where the list starts on the page, read on scroll, resize and after
    // each measured frame, never while the filters are being applied: a
    // layout read there would force a layout of the half-updated page.
    let origin = RwSignal::new(0.0);
    let read_origin = move || {
        if let Some(el) = start.try_get_untracked().flatten() {
            let top = el.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(0.0);
            origin.try_update(|o| {
                if (*o - top).abs() > 0.5 {
                    *o = top;
                }
            });
        }
    };
    let span = Memo::new(move |_| {
        let (scroll_y, height) = viewport.get();
        let top = origin.get();
        tops.with(|t| window::visible(t, scroll_y - top - MARGIN, scroll_y - top + height + MARGIN))
    });
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        read_origin();
        viewport.set(read_viewport());
    });
    let on_resize = window_event_listener(ev::resize, move |_| {
        read_origin();
        viewport.set(read_viewport());
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    // After each render, measure the rows on screen; the spacers follow.
    Effect::new(move |_| {
        span.track();
        // The frame may come after this list is gone (the filters left fewer
        // rows, or another dataset opened): every read below must be a try.
        request_animation_frame(move || {
            let Some(el) = list.try_get_untracked().flatten() else {
                return;
            };
            let children = el.children();
            let mut changed = false;
            heights.try_update_value(|h| {
                for i in 0..children.length() {
                    let Some(child) = children.item(i) else {
                        continue;
                    };
                    let Some(key) = child
                        .get_attribute("data-key")
                        .and_then(|k| k.parse::<u64>().ok())
                    else {
                        continue;
                    };
                    let height = child
                        .unchecked_into::<web_sys::HtmlElement>()
                        .offset_height() as f64;
                    if h.get(&key).is_none_or(|old| (old - height).abs() > 0.5) {
                        h.insert(key, height);
                        changed = true;
                    }
                }
            });
            if changed {
                measured.try_update(|m| *m += 1);
            }
            read_origin();
        });
    });
    let slice = move || {
        let (start, end) = span.get();
        rows.with(|r| r[start..end.min(r.len())].to_vec())
    };
    let before = move || format!("{}px", tops.with(|t| t[span.get().0.min(t.len() - 1)]));
    let after = move || {
        let end = span.get().1;
        tops.with(|t| format!("{}px", t[t.len() - 1] - t[end.min(t.len() - 1)]))
    };
    view! {
        <div class="spacer" aria-hidden="true" node_ref=start style:height=before></div>
        <div class="event-list windowed" node_ref=list>
            <For
                each=slice
                key=Row::key
                children=|row| {
                    let key = row.key();
                    view! { <div class="row" data-key=key>{row.view()}</div> }
                }
            />
        </div>
        <div class="spacer" aria-hidden="true" style:height=after></div>
    }
}

fn read_viewport() -> (f64, f64) {
    let w = window();
    (
        w.scroll_y().unwrap_or(0.0),
        w.inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0),
    )
}

/// When an event opens (from the timeline, a pasted link or the keyboard), bring it
/// into view if it is not: by its element, or, in a windowed list where it is
/// not rendered yet, by its estimated place.
fn scroll_opened_event_into_view(rows: Memo<Vec<Row>>) {
    let cx = ctx();
    let (state, index) = (cx.state, cx.index.clone());
    let opened = Memo::new(move |_| state.with(|s| s.open.clone()));
    Effect::new(move |previous: Option<Option<String>>| {
        let open = opened.get();
        // Also on load: a pasted link with `event=` shows that event.
        if let (Some(id), true) = (open.clone(), previous.as_ref() != Some(&open)) {
            let position = index.position_of(&id);
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&format!("event-{id}")) {
                    let rect = el.get_bounding_client_rect();
                    let height = window()
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(800.0);
                    if rect.top() < 0.0 || rect.top() > height {
                        el.scroll_into_view();
                    }
                } else if let Some(p) = position {
                    let row = rows
                        .try_with_untracked(|r| r.iter().position(|x| *x == Row::Event(p)))
                        .flatten();
                    if let (Some(row), Some(list)) =
                        (row, document().query_selector(".event-list").ok().flatten())
                    {
                        let estimate: f64 = rows
                            .try_with_untracked(|r| r[..row].iter().map(Row::estimate).sum())
                            .unwrap_or(0.0);
                        let top = list.get_bounding_client_rect().top()
                            + window().scroll_y().unwrap_or(0.0);
                        window().scroll_to_with_x_and_y(0.0, top + estimate);
                    }
                }
            });
        }
        open
    });
}
