use super::on_activate;
use crate::layout::timeline::{self, TimelineLayout};
use crate::model::{Day, Vocab};
use crate::ui::ctx;
use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

const WIDTH: f64 = 1000.0;
const MARGIN: f64 = 130.0;
const LANE: f64 = 30.0;
const TOP: f64 = 8.0;
const AXIS: f64 = 34.0;

/// Events on a time axis, one lane per channel modality. Hover or focus a
/// mark for its title; click or Enter opens it; drag across the axis to set
/// the date range.
#[component]
pub fn Timeline(kept: Memo<Vec<bool>>) -> impl IntoView {
    let cx = ctx();
    let state = cx.state;
    let b = cx.briefing.clone();
    let layout: TimelineLayout = timeline::layout(&b, &cx.index.order, WIDTH, MARGIN);
    let lanes_bottom = TOP + layout.lanes.len() as f64 * LANE;
    let height = lanes_bottom + AXIS;
    let scale = layout.scale;
    let lane_y = move |lane: usize| TOP + lane as f64 * LANE + LANE / 2.0;
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let focused = RwSignal::new(None::<usize>);
    // The x (in view-box units) of a pointer event.
    let view_x = move |client_x: i32| {
        svg_ref.get_untracked().map(|svg| {
            let rect = svg.get_bounding_client_rect();
            (client_x as f64 - rect.left()) / rect.width().max(1.0) * WIDTH
        })
    };
    let brush = RwSignal::new(None::<(f64, f64)>);

    let lanes = layout
        .lanes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            view! {
                <text class="lane-label" x="4" y=lane_y(i) + 4.0>{m.label()}</text>
                <line class="lane-line" x1=MARGIN x2=WIDTH - 10.0 y1=TOP + (i + 1) as f64 * LANE y2=TOP + (i + 1) as f64 * LANE/>
            }
        })
        .collect_view();
    let ticks = layout
        .ticks
        .iter()
        .map(|t| {
            view! {
                <line class="tick" x1=t.x x2=t.x y1=TOP y2=lanes_bottom + 5.0/>
                <text class="tick-label" x=t.x y=lanes_bottom + 20.0 text-anchor="middle">{t.label.clone()}</text>
            }
        })
        .collect_view();
    let binned = layout.marks.len() > timeline::MAX_MARKS;
    // Bins are laid out once. What follows the filters is one path per lane
    // drawing the kept share of every bin: a handful of updates per change
    // instead of one per bin.
    let bins_view = binned.then(|| {
        let all = vec![true; layout.marks.len()];
        let bins = timeline::bins(&layout, &all, BINS);
        let most = bins.iter().map(|b| b.total).max().unwrap_or(1) as f64;
        let h = move |n: usize| if n == 0 { 0.0 } else { 4.0 + (LANE - 8.0) * (n as f64 / most).sqrt() };
        let kept_paths = {
            let layout = layout.clone();
            Memo::new(move |_| {
                let mut paths = vec![String::new(); layout.lanes.len()];
                for bin in kept.with(|k| timeline::bins(&layout, k, BINS)) {
                    let (y, height) = (lane_y(bin.lane), h(bin.kept));
                    if height > 0.0 {
                        paths[bin.lane].push_str(&format!(
                            "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}Z",
                            bin.x0,
                            y - height / 2.0,
                            bin.x1 - bin.x0,
                            height,
                            bin.x0 - bin.x1
                        ));
                    }
                }
                paths
            })
        };
        let kept_view = layout
            .lanes
            .iter()
            .enumerate()
            .map(|(lane, m)| {
                view! {
                    <path class=format!("kept-bars m-{}", m.key()) aria-hidden="true" d=move || kept_paths.with(|p| p[lane].clone())/>
                }
            })
            .collect_view();
        let bin_view = bins
            .into_iter()
            .map(|bin| {
                let y = lane_y(bin.lane);
                let (from, to) = (scale.day(bin.x0), scale.day(bin.x1));
                let label = format!(
                    "{} events from {} to {}",
                    bin.total,
                    Day::from_ordinal(from).long(),
                    Day::from_ordinal(to).long()
                );
                let select = move || {
                    state.update(|s| {
                        s.from = Some(Day::from_ordinal(from));
                        s.to = Some(Day::from_ordinal(to));
                    })
                };
                let lane_class = format!("bin m-{}", layout.lanes[bin.lane].key());
                let aria = label.clone();
                view! {
                    <g
                        class=lane_class
                        tabindex="0"
                        role="button"
                        aria-label=aria
                        on:click=move |_| select()
                        on:keydown=on_activate(select)
                    >
                        <title>{label}</title>
                        <rect class="all" x=bin.x0 y=y - h(bin.total) / 2.0 width=bin.x1 - bin.x0 height=h(bin.total)/>
                    </g>
                }
            })
            .collect_view();
        view! { {bin_view} <g class="kept-layer">{kept_view}</g> }
    });
    let marks = (!binned).then(|| layout
        .marks
        .iter()
        .filter(|m| !m.undated)
        .map(|m| {
            let event = &b.events[cx.index.order[m.position]];
            let (id, position) = (event.id.clone(), m.position);
            let label = format!("{} — {}", event.title, event.date.display());
            let y = lane_y(m.lane);
            let open = { let cx = cx.clone(); move || cx.open_event(&id) };
            let open_key = open.clone();
            let shape = if m.point {
                view! { <circle class="shape" cx=m.x0 cy=y r="6"/> }.into_any()
            } else {
                view! { <rect class="shape" x=m.x0 y=y - 6.0 width=(m.x1 - m.x0).max(4.0) height="12" rx="3"/> }.into_any()
            };
            let class = format!(
                "mark m-{}{}{}{}{}",
                event.channel.modality.key(),
                if m.planned { " planned" } else { "" },
                if m.open_start { " open-start" } else { "" },
                if m.open_end { " open-end" } else { "" },
                if m.point { " point" } else { " span" },
            );
            view! {
                <g
                    class=class
                    class:dim=move || !kept.with(|k| k[position])
                    tabindex="0"
                    role="button"
                    aria-label=label.clone()
                    on:click=move |_| open()
                    on:keydown=on_activate(open_key)
                    on:mouseenter=move |_| focused.set(Some(position))
                    on:mouseleave=move |_| focused.set(None)
                    on:focus=move |_| focused.set(Some(position))
                    on:blur=move |_| focused.set(None)
                >
                    <title>{label.clone()}</title>
                    {shape}
                </g>
            }
        })
        .collect_view());
    let marks_for_tip = layout.marks.clone();
    let b_for_tip = b.clone();
    let order = cx.index.order.clone();
    let tooltip = move || {
        focused.get().map(|p| {
            let m = &marks_for_tip[p];
            let event = &b_for_tip.events[order[p]];
            let text = format!("{} · {}", event.title, event.date.display());
            let width = (text.chars().count() as f64 * 6.6 + 16.0).min(WIDTH - MARGIN);
            let x = ((m.x0 + m.x1) / 2.0 - width / 2.0).clamp(MARGIN, WIDTH - width);
            let y = (lane_y(m.lane) - 34.0).max(0.0);
            view! {
                <g class="tooltip" aria-hidden="true">
                    <rect x=x y=y width=width height="22" rx="4"/>
                    <text x=x + 8.0 y=y + 15.0>{text}</text>
                </g>
            }
        })
    };
    // The current date-range filter, shaded; and the brush while dragging.
    let range = move || {
        state.with(|s| {
            (s.from.is_some() || s.to.is_some()).then(|| {
                let x0 = s.from.map_or(scale.x0, |d| scale.x(d.ordinal()).max(scale.x0));
                let x1 = s.to.map_or(scale.x1, |d| scale.x(d.ordinal()).min(scale.x1));
                view! { <rect class="range" x=x0.min(x1) y=TOP width=(x1 - x0).abs().max(2.0) height=lanes_bottom - TOP/> }
            })
        })
    };
    let brushing = move || {
        brush.get().map(|(a, c)| {
            view! { <rect class="brush" x=a.min(c) y=TOP width=(c - a).abs() height=height - TOP/> }
        })
    };
    let on_down = move |e: ev::PointerEvent| {
        // Keep receiving the pointer while it drags, wherever it goes.
        if let Some(band) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = band.set_pointer_capture(e.pointer_id());
        }
        if let Some(x) = view_x(e.client_x()) {
            brush.set(Some((x, x)));
        }
    };
    let on_move = move |e: ev::PointerEvent| {
        if brush.with_untracked(Option::is_some) {
            if let Some(x) = view_x(e.client_x()) {
                brush.update(|b| {
                    if let Some((_, end)) = b {
                        *end = x;
                    }
                });
            }
        }
    };
    let on_up = move |_| {
        if let Some((a, c)) = brush.get_untracked() {
            brush.set(None);
            if (c - a).abs() >= 4.0 {
                let (from, to) = (scale.day(a.min(c)), scale.day(a.max(c)));
                state.update(|s| {
                    s.from = Some(Day::from_ordinal(from));
                    s.to = Some(Day::from_ordinal(to));
                });
            }
        }
    };

    let rows = {
        let b = b.clone();
        let order = cx.index.order.clone();
        move || {
            kept.with(|k| {
                k.iter()
                    .enumerate()
                    .filter(|(_, keep)| **keep)
                    .take(TABLE_ROWS)
                    .map(|(p, _)| {
                        let e = &b.events[order[p]];
                        view! {
                            <tr>
                                <td>{e.date.display()}</td>
                                <td>{e.title.clone()}</td>
                                <td>{e.channel.modality.label()}</td>
                                <td>{if e.status == crate::model::EventStatus::Planned { "planned" } else { "happened" }}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let table_open = RwSignal::new(false);
    view! {
        <details class="figure" open>
            <summary><h3>"Timeline"</h3></summary>
            <figure>
                <svg
                    node_ref=svg_ref
                    class="timeline"
                    viewBox=format!("0 0 {WIDTH} {height}")
                    role="group"
                    aria-label="Timeline of events by channel; drag across the dates at the bottom to filter by date"
                >
                    <rect
                        class="axis-band"
                        x=MARGIN
                        y=lanes_bottom
                        width=WIDTH - MARGIN
                        height=AXIS
                        on:pointerdown=on_down
                        on:pointermove=on_move
                        on:pointerup=on_up
                        on:pointercancel=move |_| brush.set(None)
                    >
                        <title>"Drag across the dates to filter by date range"</title>
                    </rect>
                    {lanes}
                    {ticks}
                    {range}
                    {bins_view}
                    {marks}
                    {brushing}
                    {tooltip}
                </svg>
                <figcaption>
                    "Spans show dates known only to a month, part of a month or a range; dots are days; a dashed outline runs to the edge for “or later” or “or earlier”; hollow marks are planned. Events whose sources give no date are not placed on the axis: they are listed under “Date not given”. "
                    <button
                        type="button"
                        disabled=move || state.with(|s| s.from.is_none() && s.to.is_none())
                        on:click=move |_| state.update(|s| (s.from, s.to) = (None, None))
                    >
                        "Clear date range"
                    </button>
                </figcaption>
            </figure>
            <details class="as-table" on:toggle=move |e| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&e).open())>
                <summary>"Timeline as a table"</summary>
                {move || table_open.get().then(|| view! {
                    <table>
                        <caption>{format!("Events shown (first {TABLE_ROWS} at most)")}</caption>
                        <thead><tr><th scope="col">"Date"</th><th scope="col">"Event"</th><th scope="col">"Channel"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>{rows.clone()}</tbody>
                    </table>
                })}
            </details>
        </details>
    }
}

/// Time bins per lane when events are too many to draw one by one.
const BINS: usize = 120;

/// A table longer than this helps nobody; the result list below has them all.
const TABLE_ROWS: usize = 200;
