use super::{ctx, detail::EventDetail, dom};
use crate::model::{EventStatus, Vocab};
use crate::report;
use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

/// One event: heading (a button that opens its detail), date, channel,
/// participants and the statuses of its claims. Its buttons and keys are
/// served by the list's listeners (`on_list_click`, `on_list_keydown`): a
/// filter change replaces the cards in view, and three listeners a card were
/// added and removed with them on every click.
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
    let statuses = !cx.index.claim_statuses(position).is_empty();
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
        >
            <h3 id=heading_id>
                <button
                    type="button"
                    class="event-toggle"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=detail_id.clone()
                >
                    {event.title.clone()}
                </button>
            </h3>
            // The parts that never change are plain DOM, filled as they are
            // built (`use:`): as typed views they were 0.5 KB gzip of the
            // page, and every actor button had a listener of its own.
            <p class="event-meta" use:meta=position></p>
            <ul class="participants" aria-label="Participants" use:participants=position></ul>
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

/// The event card a list event happened in, and its id.
fn card_of(e: &web_sys::Event) -> Option<(web_sys::Element, String)> {
    let card = dom::hit(e, "article.event")?;
    let id = card.id().strip_prefix("event-")?.to_string();
    Some((card, id))
}

/// A click in the event list: its heading opens or closes a card, a
/// participant filters to that actor. (The open detail has its own.)
pub fn on_list_click(e: ev::MouseEvent) {
    let cx = ctx();
    if dom::hit(&e, ".event-toggle").is_some() {
        if let Some((_, id)) = card_of(&e) {
            cx.open.update(|o| {
                if !o.remove(&id) {
                    o.insert(id);
                }
            });
        }
    } else if let Some(id) =
        dom::hit(&e, ".participants [data-actor]").and_then(|b| b.get_attribute("data-actor"))
    {
        cx.only_actor(&id);
    }
}

/// Escape inside an open event closes it and returns focus to its heading.
pub fn on_list_keydown(e: ev::KeyboardEvent) {
    if e.key() != "Escape" {
        return;
    }
    let cx = ctx();
    let Some((card, id)) = card_of(&e) else {
        return;
    };
    if cx.open.with_untracked(|o| o.contains(&id)) {
        e.stop_propagation();
        cx.open.update(|o| {
            o.remove(&id);
        });
        if let Ok(Some(button)) = card.query_selector(".event-toggle") {
            let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    }
}
