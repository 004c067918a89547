use super::{ctx, date_view, share::CopyCitation, ActorButton};
use crate::model::{Source, Speech, Vocab};
use crate::query::Tab;
use crate::report;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// An event's summary and notes, the statements made in it (who, what,
/// when, the quote and its source), the claims it concerns (one line each,
/// those matching the filters first, linking to the claims view), and the
/// sources that report it.
#[component]
pub fn EventDetail(position: usize) -> impl IntoView {
    let cx = ctx();
    let b = cx.briefing.clone();
    let event = &b.events[cx.index.order[position]];
    let state = cx.state;
    let said = {
        let cx = cx.clone();
        move || {
            state
                .with(|s| report::card_stances(&cx.briefing, &cx.index, position, s))
                .into_iter()
                .map(|(c, s)| view! { <StanceItem claim=c stance=s with_claim=true/> })
                .collect_view()
        }
    };
    let claims = {
        let cx = cx.clone();
        move || {
            let b = cx.briefing.clone();
            state.with(|s| report::card_claims(&b, &cx.index, position, s))
                .into_iter()
                .map(|(c, matches)| {
                    let claim = &b.claims[c];
                    view! {
                        <li class:matches=matches>
                            <span class=format!("badge status-{}", claim.status.key())>{claim.status.label()}</span>
                            " " <ClaimLink claim=c/>
                            {matches.then_some(view! { <span class="match-note">" · matches the filters"</span> })}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let has_said = !cx.index.stances[position].is_empty();
    let has_claims = !cx.index.claims[position].is_empty();
    let sources = event
        .sources
        .iter()
        .filter_map(|id| cx.index.source(&b, id).cloned())
        .map(|s| view! { <li><SourceLine source=s/></li> })
        .collect_view();
    let participants_notes = event
        .participants
        .iter()
        .filter_map(|p| {
            p.note
                .clone()
                .map(|n| format!("{}: {n}", cx.actor_name(&p.actor)))
        })
        .map(|n| view! { <li>{n}</li> })
        .collect_view();
    view! {
        <p class="summary">{event.summary.clone()}</p>
        {event.note.clone().map(|n| view! { <p class="note"><span class="note-label">"Note: "</span>{n}</p> })}
        <ul class="participant-notes">{participants_notes}</ul>
        {has_said.then(|| view! { <h4>"Said in this event"</h4> <ul class="stances">{said}</ul> })}
        {has_claims.then(|| view! { <h4>"Claims about this event"</h4> <ul class="claim-links">{claims}</ul> })}
        <h4>"Reported by"</h4>
        <ul class="sources">{sources}</ul>
    }
}

/// A claim's text as a link to it in the claims view.
#[component]
pub fn ClaimLink(claim: usize) -> impl IntoView {
    let cx = ctx();
    let c = &cx.briefing.claims[claim];
    let anchor = format!("claim-{}", c.id);
    let href = format!("#{anchor}");
    let tab = cx.tab;
    let go = move |e: leptos::ev::MouseEvent| {
        e.prevent_default();
        tab.set(Tab::Claims);
        let anchor = anchor.clone();
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&anchor) {
                el.scroll_into_view();
                if let Some(heading) = el.query_selector("h3").ok().flatten() {
                    let _ = heading.set_attribute("tabindex", "-1");
                    let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        });
    };
    view! { <a class="claim-link" href=href on:click=go>{c.text.clone()}</a> }
}

/// One stance: who, what, when, in which words (quote), from where, and a
/// "Copy citation"; with the claim it is about when shown under an event.
#[component]
pub fn StanceItem(claim: usize, stance: usize, with_claim: bool) -> impl IntoView {
    let cx = ctx();
    let b = cx.briefing.clone();
    let st = &b.claims[claim].stances[stance];
    let source = cx.index.source(&b, &st.source).cloned();
    view! {
        <li class="stance">
            <p class="stance-head">
                <ActorButton id=st.actor.clone()/>
                " " <strong class=format!("kind kind-{}", st.kind.key())>{st.kind.label()}</strong>
                {with_claim.then(|| view! { " " <ClaimLink claim/> })}
                " · " {date_view(&st.date)}
                " · " <span class="speech">{if st.speech == Speech::Direct { "direct quote" } else { "reported speech, as the outlet words it" }}</span>
            </p>
            <blockquote class=format!("quote {}", st.speech.key())>
                <p>{st.quote.clone()}</p>
            </blockquote>
            {st.note.clone().map(|n| view! { <p class="note">{n}</p> })}
            {source.map(|s| view! { <SourceLine source=s/> })}
            <p class="cite-tools"><CopyCitation claim stance/></p>
        </li>
    }
}

/// "TASR, citing DPA, citing TASS — title — 28 July 2023", linked when a URL is known.
#[component]
pub fn SourceLine(source: Source) -> impl IntoView {
    let mut text = source.chain_text();
    if let Some(title) = &source.title {
        text.push_str(&format!(" — “{title}”"));
    }
    if let Some(author) = &source.author {
        text.push_str(&format!(", by {author}"));
    }
    text.push_str(&match &source.published {
        Some(day) => format!(" — published {day}"),
        None => " — publication date not given".to_string(),
    });
    view! {
        <p class="source">
            <span class="source-label">"Source: "</span>
            {match source.url.clone() {
                Some(url) => view! { <a href=url rel="noopener noreferrer" target="_blank">{text}</a> }.into_any(),
                None => view! { <cite>{text}</cite> }.into_any(),
            }}
        </p>
    }
}
