use super::{ctx, date_view, ActorButton};
use crate::model::{Source, Speech, Vocab};
use leptos::prelude::*;

/// An event's summary, notes, claims with every stance (who, what, when,
/// the quote, and the source with its chain), and the event's sources.
#[component]
pub fn EventDetail(position: usize) -> impl IntoView {
    let cx = ctx();
    let b = cx.briefing.clone();
    let event = &b.events[cx.index.order[position]];
    let claims = cx.index.claims[position]
        .iter()
        .map(|&c| {
            let claim = &b.claims[c];
            let stances = claim
                .stances
                .iter()
                .map(|stance| {
                    let source = cx.index.source(&b, &stance.source).cloned();
                    view! {
                        <li class="stance">
                            <p class="stance-head">
                                <ActorButton id=stance.actor.clone()/>
                                " " <strong class=format!("kind kind-{}", stance.kind.key())>{stance.kind.label()}</strong>
                                " · " {date_view(&stance.date)}
                                " · " <span class="speech">{if stance.speech == Speech::Direct { "direct quote" } else { "reported speech, as the outlet words it" }}</span>
                            </p>
                            <blockquote class=format!("quote {}", stance.speech.key())>
                                <p>{stance.quote.clone()}</p>
                            </blockquote>
                            {stance.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                            {source.map(|s| view! { <SourceLine source=s/> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="claim" aria-label=format!("Claim: {}", claim.text)>
                    <p class="claim-text">
                        <span class=format!("badge status-{}", claim.status.key())>{claim.status.label()}</span>
                        " " {claim.text.clone()}
                    </p>
                    {claim.note.clone().map(|n| view! { <p class="note"><span class="note-label">"Why this status: "</span>{n}</p> })}
                    <ul class="stances">{stances}</ul>
                </section>
            }
        })
        .collect_view();
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
        {(!cx.index.claims[position].is_empty()).then(|| view! { <h4>"Claims"</h4> })}
        {claims}
        <h4>"Reported by"</h4>
        <ul class="sources">{sources}</ul>
    }
}

/// "TASR, citing DPA, citing TASS — title — 28 July 2023", linked when a URL is known.
#[component]
fn SourceLine(source: Source) -> impl IntoView {
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
