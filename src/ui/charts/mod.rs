//! The pictures: a timeline and a communications network, in SVG drawn by
//! Leptos. Layout maths lives in `crate::layout`; these only draw it, dim
//! what the filters leave out, and turn touches into filter changes.

mod network;
mod timeline;

use super::ctx;
use leptos::prelude::*;

/// Enter and Space activate an SVG `role="button"`, as they do a `<button>`.
fn on_activate(action: impl Fn() + 'static) -> impl Fn(leptos::ev::KeyboardEvent) + 'static {
    move |e| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            action();
        }
    }
}

/// Which chronological positions the current filters keep.
fn kept() -> Memo<Vec<bool>> {
    let cx = ctx();
    let (outcome, n) = (cx.outcome, cx.index.len());
    Memo::new(move |_| {
        let mut kept = vec![false; n];
        outcome.with(|o| o.matches.iter().for_each(|&p| kept[p] = true));
        kept
    })
}

#[component]
pub fn Pictures() -> impl IntoView {
    let kept = kept();
    view! {
        <section class="pictures" aria-label="Pictures">
            <timeline::Timeline kept/>
            <network::Network kept/>
        </section>
    }
}
