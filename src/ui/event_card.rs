use super::{ctx, detail::EventDetail, dom, Ctx};
use crate::model::{EventStatus, Vocab};
use crate::report;
use leptos::mount::{mount_to, UnmountHandle};
use leptos::tachys::view::any_view::AnyViewState;
use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

/// One event: heading (a button that opens its detail), date, channel,
/// participants and the statuses of its claims, built as plain DOM by
/// [`card`]. A filter change replaces the cards in view, so what a card costs
/// to build and drop is paid on every click: as a typed view it was seven
/// elements with type-erased attributes, a memo and four render effects (each
/// a task of its own); now it is one render effect. Its buttons and keys are
/// served by the list's listeners (`on_list_click`, `on_list_keydown`).
#[component]
pub fn EventCard(position: usize) -> impl IntoView {
    view! { <article class="event" use:card=position></article> }
}

/// Fills a card's `<article>` and keeps its open state: the class, the
/// heading's `aria-expanded`, the detail's `hidden`, and the detail itself,
/// built only while shown (on screen when open, on paper always).
fn card(article: web_sys::Element, position: usize) {
    let cx = ctx();
    let (open, printing) = (cx.open, cx.printing);
    let event = &cx.briefing.events[cx.index.order[position]];
    let id = event.id.to_string();
    if event.status == EventStatus::Planned {
        let _ = article.class_list().add_1("planned");
    }
    article.set_id(&format!("event-{id}"));
    dom::set(&article, "aria-labelledby", &format!("h-{id}"));
    let heading = dom::add(&article, "h3", "", "");
    heading.set_id(&format!("h-{id}"));
    let button = dom::button(
        &heading,
        "event-toggle",
        &event.title,
        "aria-controls",
        &format!("d-{id}"),
    );
    dom::set(&button, "aria-expanded", "false");
    meta(&dom::add(&article, "p", "event-meta", ""), &cx, position);
    let people = dom::add(&article, "ul", "participants", "");
    dom::set(&people, "aria-label", "Participants");
    for p in &event.participants {
        let li = dom::add(&people, "li", "", "");
        dom::actor(&li, &cx, &p.actor);
        dom::add(&li, "span", "role", &format!(" ({})", p.role.label()));
    }
    let statuses = cx.index.claim_statuses(position);
    if !statuses.is_empty() {
        let list = dom::add(&article, "ul", "badges", "");
        dom::set(&list, "aria-label", "Claim statuses");
        for s in statuses {
            dom::add(&list, "li", &format!("badge status-{}", s.key()), s.label());
        }
    }
    let detail: web_sys::HtmlElement = dom::add(&article, "div", "detail", "").unchecked_into();
    detail.set_id(&format!("d-{id}"));
    detail.set_hidden(true);
    // The detail's components belong to the card, not to the effect, whose
    // children are cleaned up each time it re-runs.
    let owner = Owner::current().unwrap_or_default();
    type Shown = Option<UnmountHandle<AnyViewState>>;
    // Re-runs on any open/close of the (at most a few dozen) cards mounted, and
    // touches the DOM only when this card's own state flips.
    let effect = RenderEffect::new(move |prev: Option<(bool, Shown)>| {
        let is_open = open.with(|o| o.contains(&id));
        let (was_open, mut shown) = prev.unwrap_or((false, None));
        if is_open != was_open {
            let _ = article.class_list().toggle_with_force("open", is_open);
            dom::set(
                &button,
                "aria-expanded",
                if is_open { "true" } else { "false" },
            );
            detail.set_hidden(!is_open);
        }
        if !(is_open || printing.get()) {
            shown = None;
        } else if shown.is_none() {
            let parent = detail.clone();
            shown =
                Some(owner.with(|| {
                    mount_to(parent, move || view! { <EventDetail position/> }.into_any())
                }));
        }
        (is_open, shown)
    });
    StoredValue::new_local(effect);
}

/// Date, channel and the planned and secret tags: "late October 2025 ·
/// In person · Planned, not yet happened".
fn meta(el: &web_sys::Element, cx: &Ctx, position: usize) {
    let (b, index) = (&cx.briefing, &cx.index);
    let event = &b.events[index.order[position]];
    dom::date(el, &event.date);
    dom::text(el, " · ");
    dom::add(
        el,
        "span",
        "channel",
        &report::channel_words(&event.channel),
    );
    if let Some(words) = report::planned_words(b, index, position) {
        dom::text(el, " · ");
        dom::add(el, "span", "tag planned-tag", &words);
    }
    if event.secret {
        dom::text(el, " · ");
        dom::add(el, "span", "tag secret-tag", "Secret or backchannel");
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
