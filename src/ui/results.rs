use super::dataset::FailurePanel;
use super::event_list::{EventList, Row};
use super::{
    charts::Pictures,
    chronology::{Chronology, InferenceNotes},
    ctx,
    share::ShareTools,
    who::WhoSaysWhat,
};
use crate::query::{rows::under_headings, Tab, ViewState};
use crate::report::{self, count, grouped};
use leptos::prelude::*;

/// The count, notices, active filters, the views (events, claims, who says
/// what, pictures) and the one shown.
#[component]
pub fn Results(notices: RwSignal<Vec<String>>) -> impl IntoView {
    let cx = ctx();
    // Numbered before any mark below is drawn: on paper marks cite the notes.
    let notes = super::marks::number_notes(&cx.briefing);
    let (outcome, index, tab) = (cx.outcome, cx.index.clone(), cx.tab);
    let total = index.len();
    let shown = Memo::new(move |_| outcome.with(|o| o.matches.len()));

    let rows = {
        let index = index.clone();
        Memo::new(move |_| {
            let mut rows = Vec::new();
            outcome.with(|o| {
                for (p, heading) in under_headings(&o.matches, &index.group) {
                    if heading {
                        rows.push(Row::Heading(p));
                    }
                    rows.push(Row::Event(p));
                }
            });
            rows
        })
    };
    let embedded = cx.state.with_untracked(|s| s.embed);

    view! {
        <main id="results" class="results" tabindex="-1">
            <FailurePanel/>
            <div class="view-head">
                <p role="status" class="count">
                    {move || format!("{} of {}", grouped(shown.get() as u64), count(total, "event", "events"))}
                </p>
                {(!embedded).then(|| view! { <ShareTools/> })}
            </div>
            <ActiveFilters/>
            <Chronology/>
            <Show when=move || notices.with(|n| !n.is_empty())>
                <div class="notices" role="alert">
                    <p>"Parts of this link were not understood and were ignored:"</p>
                    <ul>{move || notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <button type="button" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
                </div>
            </Show>
            <nav class="tabs" aria-label="Views of the briefing">
                {Tab::ALL.into_iter().map(|t| view! {
                    <button
                        type="button"
                        class="tab"
                        aria-pressed=move || (tab.get() == t).to_string()
                        on:click=move |_| tab.set(t)
                    >
                        {t.label()}
                    </button>
                }).collect_view()}
            </nav>
            <Show when=move || shown.get() == 0>
                <EmptyState/>
            </Show>
            {move || match tab.get() {
                Tab::Events => view! { <EventsView rows/> }.into_any(),
                Tab::Claims => view! { <WhoSaysWhat/> }.into_any(),
                Tab::Pictures => view! { <Pictures/> }.into_any(),
            }}
            <InferenceNotes notes/>
        </main>
    }
}

/// The events, with "Expand all" and "Collapse all".
#[component]
fn EventsView(rows: Memo<Vec<Row>>) -> impl IntoView {
    let cx = ctx();
    let (open, outcome) = (cx.open, cx.outcome);
    let expand = {
        let cx = cx.clone();
        move |_| {
            let ids: Vec<String> = outcome.with_untracked(|o| {
                o.matches
                    .iter()
                    .map(|&p| cx.briefing.events[cx.index.order[p]].id.to_string())
                    .collect()
            });
            open.update(|set| set.extend(ids));
        }
    };
    view! {
        <section
            class="events-view"
            aria-labelledby="events-heading"
            on:click=super::event_card::on_list_click
            on:keydown=super::event_card::on_list_keydown
        >
            <div class="list-tools">
                <h2 id="events-heading" class="visually-hidden">"Events"</h2>
                <button type="button" class="small" on:click=expand>"Expand all"</button>
                <button
                    type="button"
                    class="small"
                    disabled=move || open.with(|o| o.is_empty())
                    on:click=move |_| open.set(Default::default())
                >
                    "Collapse all"
                </button>
            </div>
            <EventList rows/>
        </section>
    }
}

/// "Actor: Yuriy Ushakov · Claim status: denied": on screen and in print.
#[component]
fn ActiveFilters() -> impl IntoView {
    let cx = ctx();
    let (state, index) = (cx.state, cx.index.clone());
    let summary = Memo::new(move |_| state.with(|s| report::filter_words(&index, s)));
    view! {
        <Show when=move || state.with(ViewState::has_filters) fallback=|| view! { <p class="active-filters">"No filters: all events."</p> }>
            <p class="active-filters">
                "Filters: "
                {move || summary.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, value))| view! {
                        {(i > 0).then_some(" · ")}
                        <span class="filter-name">{label}</span>": "<bdi>{value}</bdi>
                    })
                    .collect_view()}
            </p>
        </Show>
    }
}

/// Names the filters that exclude everything and offers to clear them.
#[component]
fn EmptyState() -> impl IntoView {
    let cx = ctx();
    let (state, index) = (cx.state, cx.index.clone());
    let reasons = move || state.with(|s| index.without_each(s));
    view! {
        <section class="empty-state" aria-labelledby="empty-heading">
            <h3 id="empty-heading">"No events match"</h3>
            <p>"These filters together exclude every event:"</p>
            <ul>
                {move || reasons()
                    .into_iter()
                    .map(|(filter, without)| view! {
                        <li>
                            <span class="filter-name">{filter.label()}</span>
                            {if without > 0 {
                                format!(" — without it, {} would show. ", count(without, "event", "events"))
                            } else {
                                " ".to_string()
                            }}
                            <button type="button" on:click=move |_| state.update(|s| s.clear(filter))>
                                {format!("Clear {}", filter.label())}
                            </button>
                        </li>
                    })
                    .collect_view()}
            </ul>
            <button type="button" on:click=move |_| state.update(ViewState::clear_filters)>"Clear all filters"</button>
        </section>
    }
}
