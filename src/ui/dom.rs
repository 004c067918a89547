//! Plain DOM building for the stance lists and the claims table.
//!
//! Leptos' typed views monomorphise per shape, and these lists (a stance
//! with its quote, source and citation button; a table of claims by
//! speakers) cost about 10 KB gzip each as `view!`s against a page with a
//! size budget. Here they are built in loops, text always as text nodes
//! (never HTML), and one delegated click listener per container serves
//! their buttons and links through `data-*` attributes.

use super::{share, Ctx};
use crate::model::{ClaimStatus, DateSpec, Speech, Vocab};
use crate::query::Tab;
use crate::report;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

pub fn add(parent: &Element, tag: &str, class: &str, text: &str) -> Element {
    let el = document().create_element(tag).expect("create_element");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    let _ = parent.append_child(&el);
    el
}

pub fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

pub fn text(el: &Element, text: &str) {
    let _ = el.append_with_str_1(text);
}

pub fn button(parent: &Element, class: &str, label: &str, data: &str, value: &str) -> Element {
    let b = add(parent, "button", class, label);
    set(&b, "type", "button");
    set(&b, data, value);
    b
}

pub fn badge(parent: &Element, status: ClaimStatus) {
    add(
        parent,
        "span",
        &format!("badge status-{}", status.key()),
        status.label(),
    );
}

/// An actor's name as a button that filters to that actor (`data-actor`).
pub fn actor(parent: &Element, cx: &Ctx, id: &str) -> Element {
    let name = cx.actor_name(id);
    let b = button(parent, "actor", &name, "data-actor", id);
    set(&b, "title", &format!("Show only events involving {name}"));
    b
}

/// The element an event (a click, a key) happened on that matches `selector`, or its nearest
/// ancestor that does: what a delegated listener acts on.
pub fn hit(e: &web_sys::Event, selector: &str) -> Option<Element> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    target.closest(selector).ok()?
}

/// A date as written, in `<time datetime>` only when that claims no more than the source.
pub fn date(parent: &Element, date: &DateSpec) {
    match date.machine() {
        Some(machine) => set(
            &add(parent, "time", "", &date.display()),
            "datetime",
            &machine,
        ),
        None => {
            add(parent, "span", "date", &date.display());
        }
    }
    super::marks::inferred_in(parent, &date.inferred);
}

/// One stance as an `<li>`: speaker (filters to them), kind, the claim (a
/// link to it, under an event), when, direct or reported; the quote; its
/// note; its source chain (linked when known); "Copy citation".
pub fn stance(parent: &Element, cx: &Ctx, claim: usize, s: usize, with_claim: bool) {
    let (b, index) = (&cx.briefing, &cx.index);
    let c = &b.claims[claim];
    let st = &c.stances[s];
    let li = add(parent, "li", "stance", "");
    let head = add(&li, "p", "stance-head", "");
    actor(&head, cx, &st.actor);
    text(&head, " ");
    add(
        &head,
        "strong",
        &format!("kind kind-{}", st.kind.key()),
        st.kind.label(),
    );
    if with_claim {
        text(&head, " ");
        let link = add(&head, "a", "claim-link", &c.text);
        set(&link, "href", &format!("#claim-{}", c.id));
        set(&link, "data-claim", &c.id);
    }
    text(&head, " · ");
    date(&head, &st.date);
    text(&head, " · ");
    add(
        &head,
        "span",
        "speech",
        if st.speech == Speech::Direct {
            "direct quote"
        } else {
            "reported speech, as the outlet words it"
        },
    );
    let quote = add(&li, "blockquote", &format!("quote {}", st.speech.key()), "");
    add(&quote, "p", "", &st.quote);
    if let Some(note) = &st.note {
        add(&li, "p", "note", note);
    }
    let source = add(&li, "p", "source", "");
    add(&source, "span", "source-label", "Source: ");
    let chain = report::source_text(b, index, &st.source);
    match index.source(b, &st.source).and_then(|s| s.url.clone()) {
        Some(url) => {
            let link = add(&source, "a", "", &chain);
            set(&link, "href", &url);
            set(&link, "rel", "noopener noreferrer");
            set(&link, "target", "_blank");
        }
        None => {
            add(&source, "cite", "", &chain);
        }
    }
    if let Some(src) = index.source(b, &st.source) {
        super::marks::inferred_in(&source, &src.inferred);
    }
    button(
        &add(&li, "p", "cite-tools", ""),
        "small",
        "Copy citation",
        "data-cite",
        &format!("{claim},{s}"),
    );
}

/// Shows a claim in the claims view and puts the focus on it.
pub fn go_to_claim(cx: &Ctx, id: &str) {
    let wanted = cx.briefing.claims.iter().position(|c| *c.id == *id);
    cx.wanted_claim.set(wanted.unwrap_or(usize::MAX));
    cx.tab.set(Tab::Claims);
    let anchor = format!("claim-{id}");
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&anchor) {
            el.scroll_into_view();
            if let Some(text) = el.query_selector(".claim-text").ok().flatten() {
                let _ = text.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
}

/// The delegated click: copy a citation, filter to a speaker, go to a claim
/// or open an event. `said` carries "Copied." to a live region.
pub fn on_click(cx: &Ctx, e: &leptos::ev::MouseEvent, said: RwSignal<&'static str>) {
    let Some(hit) = hit(e, "[data-cite],[data-event],[data-claim],[data-actor]") else {
        return;
    };
    if let Some(id) = hit.get_attribute("data-event") {
        e.prevent_default();
        cx.open_event(&id);
    } else if let Some(id) = hit.get_attribute("data-claim") {
        e.prevent_default();
        go_to_claim(cx, &id);
    } else if let Some(id) = hit.get_attribute("data-actor") {
        cx.only_actor(&id);
    } else if let Some((c, s)) = hit
        .get_attribute("data-cite")
        .and_then(|v| v.split_once(',').map(|(c, s)| (c.parse(), s.parse())))
        .and_then(|(c, s)| Some((c.ok()?, s.ok()?)))
    {
        share::copy(report::citation(&cx.briefing, &cx.index, c, s), said);
    }
}
