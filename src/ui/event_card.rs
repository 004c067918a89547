use super::{ctx, date_view, detail::EventDetail, ActorButton};
use crate::model::{EventStatus, Vocab};
use crate::report;
use leptos::{ev, prelude::*};

/// One event: heading (a button that opens its detail), date, channel,
/// participants and the statuses of its claims.
#[component]
pub fn EventCard(position: usize) -> impl IntoView {
    let cx = ctx();
    let (open, printing) = (cx.open, cx.printing);
    let b = cx.briefing.clone();
    let event = &b.events[cx.index.order[position]];
    let id = event.id.clone();
    // Re-runs on any open/close, but notifies this card only when its own
    // state flips (a Selector needs one selected key; this is a set).
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| open.with(|o| o.contains(&id)))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            open.update(|o| {
                if !o.remove(&id) {
                    o.insert(id.clone());
                }
            })
        }
    };
    let close = {
        let id = id.clone();
        move || {
            open.update(|o| {
                o.remove(&id);
            })
        }
    };
    let heading_button = NodeRef::<leptos::html::Button>::new();
    // Escape inside an open event closes it and returns focus to its heading.
    let on_key = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && is_open.get_untracked() {
            e.stop_propagation();
            close();
            if let Some(button) = heading_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };

    let channel = report::channel_words(&event.channel);
    let statuses = cx.index.claim_statuses(position);
    let participants = event
        .participants
        .iter()
        .map(|p| {
            let role = p.role.label();
            view! {
                <li>
                    <ActorButton id=p.actor.clone()/>
                    <span class="role">{format!(" ({role})")}</span>
                </li>
            }
        })
        .collect_view();
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
            on:keydown=on_key
        >
            <h3 id=heading_id>
                <button
                    type="button"
                    class="event-toggle"
                    node_ref=heading_button
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=detail_id.clone()
                    on:click=toggle
                >
                    {event.title.clone()}
                </button>
            </h3>
            <p class="event-meta">
                {date_view(&event.date)}
                " · " <span class="channel">{channel}</span>
                {report::planned_words(&b, &cx.index, position).map(|w| view! { " · " <span class="tag planned-tag">{w}</span> })}
                {event.secret.then(|| view! { " · " <span class="tag secret-tag">"Secret or backchannel"</span> })}
            </p>
            <ul class="participants" aria-label="Participants">{participants}</ul>
            {(!statuses.is_empty()).then(|| view! {
                <ul class="badges" aria-label="Claim statuses">
                    {statuses.into_iter().map(|s| view! {
                        <li class=format!("badge status-{}", s.key())>{s.label()}</li>
                    }).collect_view()}
                </ul>
            })}
            // Built only while shown: on screen when open, on paper always.
            <div id=detail_id class="detail" hidden=move || !is_open.get()>
                {move || (is_open.get() || printing.get()).then(|| view! { <EventDetail position/> })}
            </div>
        </article>
    }
}
