//! Trust marks: what in a date or a source chain is inferred rather than
//! stated, and where the curator keeps a status the rules do not give.
//! Plain functions (not components), for `view!` code and for the views
//! built with plain DOM calls (`dom.rs`): the page shows many of them, and
//! one shape keeps the wasm small.

use crate::model::{Claim, Inference, Vocab};
use leptos::prelude::*;

/// A small “inferred” mark for what a date or a source chain infers, or
/// nothing. The reasons show on hover and on keyboard focus (the mark is
/// focusable), are the mark's accessible label, and are printed in full.
pub fn inferred(inferred: &[Inference]) -> AnyView {
    if inferred.is_empty() {
        return ().into_any();
    }
    let reasons = reasons(inferred);
    // One element: the reason is its data-reason attribute, which CSS shows
    // on hover, on focus and in print (style/main.css); one element type keeps
    // the wasm small, and the text stays text (an attribute, never markup).
    let label = format!("Inferred. {reasons}");
    view! { " " <span class="inferred" tabindex="0" role="note" aria-label=label data-reason=reasons>"inferred"</span> }
        .into_any()
}

/// "Day derived from a weekday …: why · Year inferred from context: why"
fn reasons(inferred: &[Inference]) -> String {
    inferred
        .iter()
        .map(|i| {
            // Labels are ASCII: no Unicode case tables in the wasm for this.
            let mut what = i.kind.label().to_string();
            what[..1].make_ascii_uppercase();
            format!("{what}: {}", i.reason)
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The same “inferred” mark for views built with plain DOM calls (`dom.rs`).
pub fn inferred_in(parent: &web_sys::Element, inferred: &[Inference]) {
    if inferred.is_empty() {
        return;
    }
    let reasons = reasons(inferred);
    super::dom::text(parent, " ");
    let mark = super::dom::add(parent, "span", "inferred", "inferred");
    for (name, value) in [
        ("tabindex", "0"),
        ("role", "note"),
        ("aria-label", &format!("Inferred. {reasons}")),
        ("data-reason", &reasons),
    ] {
        super::dom::set(&mark, name, value);
    }
}

/// The same “Curator's judgement: …” for views built with plain DOM calls.
pub fn curators_judgement_in(parent: &web_sys::Element, claim: &Claim) {
    if let Some(o) = &claim.status_override {
        let p = super::dom::add(parent, "p", "note curators-judgement", "");
        super::dom::add(&p, "span", "note-label", "Curator's judgement: ");
        super::dom::text(
            &p,
            &format!(
                "“{}” is kept against the status rules. {}",
                claim.status.label(),
                o.reason
            ),
        );
    }
}
