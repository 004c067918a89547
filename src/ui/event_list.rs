//! The result list: month headings and events. Up to `WINDOW_AFTER` rows
//! (`PRINT_ALL_UP_TO` while printing) are all in the DOM; beyond that only
//! the rows in view, plus a margin, are, between two spacers sized from
//! measured row heights. A filter change then costs the rows it brings into
//! view, not the rows it matches.

use super::{ctx, event_card::EventCard};
use crate::layout::window::{self, Heights};
use crate::layout::Px;
use crate::query::IdSet;
use leptos::{ev, prelude::*};
use wasm_bindgen::{closure::Closure, JsCast};

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
                view! { <h2 class="month">{ctx().index.group[p].to_string()}</h2> }.into_any()
            }
            Row::Event(p) => view! { <EventCard position=p/> }.into_any(),
        }
    }
}

/// About two screens of cards: a short list is whole (find in page, tests
/// that read every event); a longer one would cost a frame per card a filter
/// brings back (a 1,000-event click took 250 ms at 400).
const WINDOW_AFTER: usize = 60;
/// On paper every row prints, up to this many.
const PRINT_ALL_UP_TO: usize = 400;
/// Rendered beyond the viewport on each side, in CSS pixels.
const MARGIN: f64 = 250.0;

#[component]
pub fn EventList(rows: Memo<Vec<Row>>) -> impl IntoView {
    // Measured row heights, by row key: shared by the window and the scroll
    // to an opened event, so both place rows alike.
    let heights = StoredValue::new(Heights::default());
    let nudge = RwSignal::new(0u32);
    scroll_opened_event_into_view(rows, heights, nudge);
    // Re-decided only when the list crosses the threshold: a closure reading
    // `rows` itself would rebuild the whole list on every filter change.
    let printing = ctx().printing;
    let windowed = Memo::new(move |_| {
        let limit = if printing.get() {
            PRINT_ALL_UP_TO
        } else {
            WINDOW_AFTER
        };
        rows.with(|r| r.len() > limit)
    });
    let list = move || {
        if !windowed.get() {
            view! {
                <div class="event-list">
                    <For each=move || rows.get() key=Row::key children=Row::view/>
                </div>
            }
            .into_any()
        } else {
            view! { <Windowed rows heights/> }.into_any()
        }
    };
    view! {
        <HiddenOpenEvent nudge/>
        {list}
    }
}

/// A link (or a filter change) can leave the open event outside the
/// results: say so, with a way to show it, instead of nothing happening.
#[component]
fn HiddenOpenEvent(nudge: RwSignal<u32>) -> impl IntoView {
    let cx = ctx();
    let (state, outcome, index, briefing) =
        (cx.state, cx.outcome, cx.index.clone(), cx.briefing.clone());
    let open = cx.open;
    // The first open event (in date order) the filters leave out.
    let hidden = Memo::new(move |_| {
        let mut positions: Vec<usize> =
            open.with(|o| o.iter().filter_map(|id| index.position_of(id)).collect());
        positions.sort_unstable();
        outcome.with(|o| {
            positions
                .into_iter()
                .find(|p| o.matches.binary_search(p).is_err())
                .map(|p| briefing.events[index.order[p]].title.clone())
        })
    });
    move || {
        hidden.get().map(|title| {
            view! {
                <p class="hidden-open">
                    "The open event “" <bdi>{title}</bdi> "” is hidden by the filters. "
                    <button type="button" on:click=move |_| {
                        state.update(|s| s.clear_filters());
                        nudge.update(|n| *n += 1);
                    }>"Clear the filters to show it"</button>
                </p>
            }
        })
    }
}

thread_local! {
    /// How many windowed lists are mounted (a dataset switch mounts the next
    /// before the last is gone).
    static WINDOWED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Rows come and go while scrolling: the page must not re-anchor on them
/// (`overflow-anchor: none` on the root). A class set here, not
/// `html:has(.windowed)`: that rule re-checked the root's style for every
/// node a filter change inserted (86 a click at 1,000 events).
fn hold_windowed_root(mounted: bool) {
    let count = WINDOWED.with(|w| {
        let n = if mounted {
            w.get() + 1
        } else {
            w.get().saturating_sub(1)
        };
        w.set(n);
        n
    });
    if let Some(root) = document().document_element() {
        let _ = root
            .class_list()
            .toggle_with_force("windowed-list", count > 0);
    }
}

#[component]
fn Windowed(rows: Memo<Vec<Row>>, heights: StoredValue<Heights>) -> impl IntoView {
    hold_windowed_root(true);
    on_cleanup(|| hold_windowed_root(false));
    let list = NodeRef::<leptos::html::Div>::new();
    // Where the list starts on the page: the top spacer's top, which does not
    // move as the window does (the rendered rows' container does).
    let start = NodeRef::<leptos::html::Div>::new();
    let measured = RwSignal::new(0u64);
    let viewport = RwSignal::new(read_viewport());
    let tops = Memo::new(move |_| {
        measured.track();
        rows.with(|r| {
            heights.with_value(|h| {
                window::tops(
                    r.iter()
                        .map(|row| h.get(row.key()).unwrap_or_else(|| row.estimate())),
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
    // The rows on screen are measured once the browser has laid them out, by
    // a ResizeObserver: its callback comes after the frame's layout, so the
    // reads force none (in a frame callback they forced it early, before the
    // frame could start: ~5 ms of every filter click at 1,000 events). It
    // also hears a row that grows (an event opened) or a width change.
    let measure = move || {
        // The callback may come after this list is gone (the filters left
        // fewer rows, or another dataset opened): every read must be a try.
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
                // Zero while not rendered (printing, a hidden view): keep the last.
                if height > 0.0 {
                    changed |= h.set(key, height);
                }
            }
        });
        if changed {
            measured.try_update(|m| *m += 1);
        }
        read_origin();
    };
    let callback = Closure::<dyn FnMut()>::new(measure);
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    // Observed: exactly the rows rendered, once the list has them (in the
    // next frame callback: this effect may run before the list's own).
    // Observing a row again reports it again, which changes nothing.
    let observed = observer.clone();
    Effect::new(move |_| {
        span.track();
        let observed = observed.clone();
        request_animation_frame(move || {
            let (Some(observer), Some(el)) = (observed, list.try_get_untracked().flatten()) else {
                return;
            };
            observer.disconnect();
            let children = el.children();
            for i in 0..children.length() {
                if let Some(child) = children.item(i) {
                    observer.observe(&child);
                }
            }
        });
    });
    // Kept for the page's life: called after the list is gone, it reads nothing.
    callback.forget();
    let held = StoredValue::new_local(observer);
    on_cleanup(move || {
        held.try_with_value(|o| o.as_ref().map(web_sys::ResizeObserver::disconnect));
    });
    let slice = move || {
        let (start, end) = span.get();
        rows.with(|r| r[start..end.min(r.len())].to_vec())
    };
    let before = move || format!("{}px", tops.with(|t| Px(t[span.get().0.min(t.len() - 1)])));
    let after = move || {
        let end = span.get().1;
        tops.with(|t| format!("{}px", Px(t[t.len() - 1] - t[end.min(t.len() - 1)])))
    };
    view! {
        <div class="spacer list-start" aria-hidden="true" node_ref=start style:height=before></div>
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

/// When an event opens (from the timeline, a claim, a pasted link or the
/// keyboard), bring it into view if it is not: by its element, or, in a
/// windowed list where it is not rendered yet, by its estimated place.
/// "Expand all" opens many at once and scrolls nowhere; a nudge (the
/// filters were cleared to show an open event) shows the first open one.
fn scroll_opened_event_into_view(
    rows: Memo<Vec<Row>>,
    heights: StoredValue<Heights>,
    nudge: RwSignal<u32>,
) {
    let cx = ctx();
    let (open, index, reveal) = (cx.open, cx.index.clone(), cx.reveal);
    Effect::new(move |previous: Option<(IdSet, u32)>| {
        let now = open.get();
        let nudged = nudge.get();
        let asked = reveal.try_update_value(Option::take).flatten();
        let first = || now.iter().min_by_key(|id| index.position_of(id)).cloned();
        let added: Vec<String> = match &previous {
            // On load, a pasted link with `event=` shows its first event; from
            // another view, the event asked for.
            None => asked.or_else(first).into_iter().collect(),
            Some((_, n)) if *n != nudged => first().into_iter().collect(),
            Some((before, _)) => now.difference(before).cloned().collect(),
        };
        if let [id] = &added[..] {
            let id = id.clone();
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
                    // Where the row would be, from the heights measured so far.
                    let estimate = move || -> Option<f64> {
                        let row = rows
                            .try_with_untracked(|r| r.iter().position(|x| *x == Row::Event(p)))
                            .flatten()?;
                        // The list starts at the top spacer, not at the rendered
                        // rows (which sit below it): row tops count from there.
                        let start = document()
                            .query_selector(".results .list-start")
                            .ok()
                            .flatten()?;
                        let tops = rows.try_with_untracked(|r| {
                            heights.try_with_value(|h| {
                                window::tops(
                                    r[..row]
                                        .iter()
                                        .map(|x| h.get(x.key()).unwrap_or_else(|| x.estimate())),
                                )
                            })
                        })??;
                        let origin = start.get_bounding_client_rect().top()
                            + window().scroll_y().unwrap_or(0.0);
                        Some(window::scroll_target(origin, &tops, row))
                    };
                    if let Some(y) = estimate() {
                        window().scroll_to_with_x_and_y(0.0, y);
                        align(id, std::rc::Rc::new(estimate), None, 0, ALIGN_FRAMES);
                    }
                }
            });
        }
        (now, nudged)
    });
}

/// How many frames `align` may take: about a second at 60 per second.
const ALIGN_FRAMES: u32 = 60;

/// Brings the card of event `id` to the top of the view and keeps it there
/// until it stays put for three frames: the rows rendered and measured
/// around it move it while the list settles, which on a busy machine takes
/// several frames. Until the card is rendered, scrolls to its estimated place.
fn align(
    id: String,
    estimate: std::rc::Rc<dyn Fn() -> Option<f64>>,
    last: Option<f64>,
    still: u32,
    frames: u32,
) {
    if frames == 0 || still >= 3 {
        return;
    }
    request_animation_frame(move || {
        let Some(el) = document().get_element_by_id(&format!("event-{id}")) else {
            if let Some(y) = estimate() {
                window().scroll_to_with_x_and_y(0.0, y);
            }
            return align(id, estimate, None, 0, frames - 1);
        };
        let top = el.get_bounding_client_rect().top();
        if last.is_some_and(|l| (l - top).abs() <= 1.0) {
            return align(id, estimate, Some(top), still + 1, frames - 1);
        }
        el.scroll_into_view();
        let top = el.get_bounding_client_rect().top();
        align(id, estimate, Some(top), 0, frames - 1)
    });
}
