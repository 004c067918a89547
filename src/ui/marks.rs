//! Trust marks: what in a date or a source chain is inferred rather than
//! stated, and where the curator keeps a status the rules do not give.
//! Plain functions (not components), for `view!` code and for the views
//! built with plain DOM calls (`dom.rs`): the page shows many of them, and
//! one shape keeps the wasm small.

use crate::model::{Briefing, Claim, Inference, InferenceKind};
use crate::report;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// The note number (from 1) of each distinct inference of the dataset
    /// shown: on paper a mark prints its numbers, and the notes print once.
    static NOTES: RefCell<HashMap<(InferenceKind, String), usize>> = RefCell::default();
}

/// Numbers the dataset's distinct inferences for print (before any mark is
/// drawn) and gives the text of each note, in order.
pub fn number_notes(b: &Briefing) -> Vec<String> {
    let notes = crate::model::report::inference_notes(b);
    NOTES.with(|numbers| {
        let mut numbers = numbers.borrow_mut();
        numbers.clear();
        for (n, i) in notes.iter().enumerate() {
            numbers.insert((i.kind, i.reason.clone()), n + 1);
        }
    });
    notes.into_iter().map(report::inference_words).collect()
}

/// "3" or "3, 7": the notes a mark refers to.
fn note_numbers(inferred: &[Inference]) -> String {
    NOTES.with(|numbers| {
        let numbers = numbers.borrow();
        inferred
            .iter()
            .filter_map(|i| numbers.get(&(i.kind, i.reason.clone())))
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// A small “inferred” mark for what a date or a source chain infers, or
/// nothing. The reasons show on hover and on keyboard focus (the mark is
/// focusable), are the mark's accessible label, and are printed in full.
pub fn inferred(inferred: &[Inference]) -> AnyView {
    if inferred.is_empty() {
        return ().into_any();
    }
    let reasons = report::inferences_words(inferred);
    // One element: the reason is its data-reason attribute, which CSS shows
    // on hover, on focus and in print (style/main.css); one element type keeps
    // the wasm small, and the text stays text (an attribute, never markup).
    let label = format!("Inferred. {reasons}");
    let note = note_numbers(inferred);
    view! { " " <span class="inferred" tabindex="0" role="note" aria-label=label data-reason=reasons data-note=note>"inferred"</span> }
        .into_any()
}

/// The same “inferred” mark for views built with plain DOM calls (`dom.rs`).
pub fn inferred_in(parent: &web_sys::Element, inferred: &[Inference]) {
    if inferred.is_empty() {
        return;
    }
    let reasons = report::inferences_words(inferred);
    super::dom::text(parent, " ");
    let mark = super::dom::add(parent, "span", "inferred", "inferred");
    for (name, value) in [
        ("tabindex", "0"),
        ("role", "note"),
        ("aria-label", &format!("Inferred. {reasons}")),
        ("data-reason", &reasons),
        ("data-note", &note_numbers(inferred)),
    ] {
        super::dom::set(&mark, name, value);
    }
}

/// The same “Curator's judgement: …” for views built with plain DOM calls.
pub fn curators_judgement_in(parent: &web_sys::Element, claim: &Claim) {
    if let Some(words) = report::judgement_words(claim) {
        let p = super::dom::add(parent, "p", "note curators-judgement", "");
        super::dom::add(&p, "span", "note-label", "Curator's judgement: ");
        super::dom::text(&p, &words);
    }
}
