//! The claims view: each claim once, with its status, why it has it, every
//! stance (or those the filters keep) and the events it concerns.

use super::{ctx, date_view, detail::StanceItem};
use crate::model::Vocab;
use crate::report::{self, count};
use leptos::prelude::*;

#[component]
pub fn ClaimsView() -> impl IntoView {
    let cx = ctx();
    let (state, outcome) = (cx.state, cx.outcome);
    let claims = {
        let cx = cx.clone();
        Memo::new(move |_| {
            state.with(|s| {
                outcome.with(|o| report::view_claims(&cx.briefing, &cx.index, &o.matches, s))
            })
        })
    };
    view! {
        <section class="claims-view" aria-labelledby="claims-heading">
            <h2 id="claims-heading" class="view-title">
                {move || format!("{} about these events", count(claims.with(Vec::len), "claim", "claims"))}
            </h2>
            <For each=move || claims.get() key=|c| *c children=|c| view! { <ClaimArticle claim=c/> }/>
        </section>
    }
}

#[component]
fn ClaimArticle(claim: usize) -> impl IntoView {
    let cx = ctx();
    let b = cx.briefing.clone();
    let c = &b.claims[claim];
    let state = cx.state;
    let total = c.stances.len();
    let stances = Memo::new({
        let b = b.clone();
        move |_| state.with(|s| report::view_stances(&b, claim, s))
    });
    let events = report::claim_events(&cx.index, &b, claim)
        .into_iter()
        .map(|p| {
            let event = &b.events[cx.index.order[p]];
            let id = event.id.clone();
            let href = format!("#event-{id}");
            let cx = cx.clone();
            let go = move |e: leptos::ev::MouseEvent| {
                e.prevent_default();
                cx.open_event(&id);
            };
            view! {
                <li>
                    <a href=href on:click=go>{event.title.clone()}</a>
                    " · " {date_view(&event.date)}
                </li>
            }
        })
        .collect_view();
    let heading = format!("claim-h-{}", c.id);
    let labelled_by = heading.clone();
    view! {
        <article class="claim-card" id=format!("claim-{}", c.id) aria-labelledby=labelled_by>
            <h3 id=heading>
                <span class=format!("badge status-{}", c.status.key())>{c.status.label()}</span>
                " " {c.text.clone()}
            </h3>
            {c.note.clone().map(|n| view! { <p class="note"><span class="note-label">"Why this status: "</span>{n}</p> })}
            <h4>
                {move || {
                    let shown = stances.with(Vec::len);
                    if shown == total {
                        format!("Who says so ({})", count(total, "stance", "stances"))
                    } else {
                        format!("Who says so ({shown} of {}, as filtered)", count(total, "stance", "stances"))
                    }
                }}
            </h4>
            <ul class="stances">
                {move || stances.get().into_iter().map(|s| view! { <StanceItem claim stance=s with_claim=false/> }).collect_view()}
            </ul>
            <h4>"About"</h4>
            <ul class="claim-events">{events}</ul>
        </article>
    }
}
