use super::{ctx, dom};
use crate::model::Source;
use crate::report;
use leptos::prelude::*;

/// An event's summary and notes, the statements made in it (who, what,
/// when, the quote and its source), the claims it concerns (one line each,
/// those matching the filters first, linking to the claims view), and the
/// sources that report it. The two lists are built by `dom` (size budget).
#[component]
pub fn EventDetail(position: usize) -> impl IntoView {
    let cx = ctx();
    let b = cx.briefing.clone();
    let event = &b.events[cx.index.order[position]];
    let state = cx.state;
    let said = RwSignal::new("");
    let lists = NodeRef::<leptos::html::Div>::new();
    {
        let cx = cx.clone();
        Effect::new(move |_| {
            let (stances, claims) = state.with(|s| {
                (
                    report::card_stances(&cx.briefing, &cx.index, position, s),
                    report::card_claims(&cx.briefing, &cx.index, position, s),
                )
            });
            let Some(root) = lists.get() else {
                return;
            };
            root.set_text_content(None);
            if !stances.is_empty() {
                dom::add(&root, "h4", "", "Said in this event");
                let list = dom::add(&root, "ul", "stances", "");
                for (c, s) in stances {
                    dom::stance(&list, &cx, c, s, true);
                }
            }
            if !claims.is_empty() {
                dom::add(&root, "h4", "", "Claims about this event");
                let list = dom::add(&root, "ul", "claim-links", "");
                for (c, matches) in claims {
                    let claim = &cx.briefing.claims[c];
                    let li = dom::add(&list, "li", if matches { "matches" } else { "" }, "");
                    dom::badge(&li, claim.status);
                    dom::text(&li, " ");
                    let link = dom::add(&li, "a", "claim-link", &claim.text);
                    dom::set(&link, "href", &format!("#claim-{}", claim.id));
                    dom::set(&link, "data-claim", &claim.id);
                    if matches {
                        dom::add(&li, "span", "match-note", " · matches the filters");
                    }
                }
            }
        });
    }
    let on_click = {
        let cx = cx.clone();
        move |e: leptos::ev::MouseEvent| dom::on_click(&cx, &e, said)
    };
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
        <div class="said" node_ref=lists on:click=on_click></div>
        <p class="copied" aria-live="polite">{move || said.get()}</p>
        <h4>"Reported by"</h4>
        <ul class="sources">{sources}</ul>
    }
}

/// "TASR, citing DPA, citing TASS — title — 28 July 2023", linked when a URL is known.
#[component]
pub fn SourceLine(source: Source) -> impl IntoView {
    let text = report::source_line(&source);
    view! {
        <p class="source">
            <span class="source-label">"Source: "</span>
            {match source.url.clone() {
                Some(url) => view! { <a href=url rel="noopener noreferrer" target="_blank">{text}</a> }.into_any(),
                None => view! { <cite>{text}</cite> }.into_any(),
            }}
            {super::marks::inferred(&source.inferred)}
        </p>
    }
}
