use super::{ctx, detail::EventDetail, dom};
use crate::model::{EventStatus, Vocab};
use crate::report;
use leptos::{ev, prelude::*};

/// One event: heading (a button that opens its detail), date, channel,
/// participants and the statuses of its claims.
#[component]
pub fn EventCard(position: usize) -> impl IntoView {
    let cx = ctx();
    let (open, printing) = (cx.open, cx.printing);
    let b = cx.briefing.clone();
    let event = &b.events[cx.index.order[position]];
    let id = event.id.to_string();
    // Re-runs on any open/close, but notifies this card only when its own
    // state flips (a Selector needs one selected key; this is a set).
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| open.with(|o| o.contains(&id)))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            open.update(|o| {
                if !o.remove(&id) {
                    o.insert(id.clone());
                }
            })
        }
    };
    let close = {
        let id = id.clone();
        move || {
            open.update(|o| {
                o.remove(&id);
            })
        }
    };
    let heading_button = NodeRef::<leptos::html::Button>::new();
    // Escape inside an open event closes it and returns focus to its heading.
    let on_key = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && is_open.get_untracked() {
            e.stop_propagation();
            close();
            if let Some(button) = heading_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };

    let statuses = !cx.index.claim_statuses(position).is_empty();
    // Filters to one participant: one listener for the card's actor buttons.
    let only_actor = move |e: ev::MouseEvent| {
        if let Some(id) = dom::hit(&e, "[data-actor]").and_then(|b| b.get_attribute("data-actor")) {
            cx.only_actor(&id);
        }
    };
    let heading_id = format!("h-{id}");
    let detail_id = format!("d-{id}");
    let labelled_by = heading_id.clone();
    view! {
        <article
            class="event"
            class:open=move || is_open.get()
            class:planned=event.status == EventStatus::Planned
            id=format!("event-{id}")
            aria-labelledby=labelled_by
            on:keydown=on_key
        >
            <h3 id=heading_id>
                <button
                    type="button"
                    class="event-toggle"
                    node_ref=heading_button
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=detail_id.clone()
                    on:click=toggle
                >
                    {event.title.clone()}
                </button>
            </h3>
            // The parts that never change are plain DOM, filled as they are
            // built (`use:`): as typed views they were 0.5 KB gzip of the
            // page, and every actor button had a listener of its own.
            <p class="event-meta" use:meta=position></p>
            <ul class="participants" aria-label="Participants" use:participants=position on:click=only_actor></ul>
            {statuses.then(|| view! { <ul class="badges" aria-label="Claim statuses" use:badges=position></ul> })}
            // Built only while shown: on screen when open, on paper always.
            <div id=detail_id class="detail" hidden=move || !is_open.get()>
                {move || (is_open.get() || printing.get()).then(|| view! { <EventDetail position/> })}
            </div>
        </article>
    }
}

/// Date, channel and the planned and secret tags: "late October 2025 ·
/// In person · Planned, not yet happened".
fn meta(el: web_sys::Element, position: usize) {
    let cx = ctx();
    let (b, index) = (&cx.briefing, &cx.index);
    let event = &b.events[index.order[position]];
    dom::date(&el, &event.date);
    dom::text(&el, " · ");
    dom::add(
        &el,
        "span",
        "channel",
        &report::channel_words(&event.channel),
    );
    if let Some(words) = report::planned_words(b, index, position) {
        dom::text(&el, " · ");
        dom::add(&el, "span", "tag planned-tag", &words);
    }
    if event.secret {
        dom::text(&el, " · ");
        dom::add(&el, "span", "tag secret-tag", "Secret or backchannel");
    }
}

/// Each participant: a button that filters to them, and their role.
fn participants(el: web_sys::Element, position: usize) {
    let cx = ctx();
    let event = &cx.briefing.events[cx.index.order[position]];
    for p in &event.participants {
        let li = dom::add(&el, "li", "", "");
        dom::actor(&li, &cx, &p.actor);
        dom::add(&li, "span", "role", &format!(" ({})", p.role.label()));
    }
}

/// The distinct statuses of the event's claims.
fn badges(el: web_sys::Element, position: usize) {
    for s in ctx().index.claim_statuses(position) {
        dom::add(&el, "li", &format!("badge status-{}", s.key()), s.label());
    }
}
