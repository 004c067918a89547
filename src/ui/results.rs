use super::dataset::{DatasetBar, FailurePanel};
use super::event_list::{EventList, Row};
use super::{charts::Pictures, ctx, embed::EmbedCode};
use crate::query::{rows::under_headings, Filter, ViewState};
use leptos::prelude::*;

/// The count, notices, active filters, and the events grouped by month.
#[component]
pub fn Results(notices: RwSignal<Vec<String>>, label: String) -> impl IntoView {
    let cx = ctx();
    let (outcome, index) = (cx.outcome, cx.index.clone());
    let total = index.len();
    let shown = move || outcome.with(|o| o.matches.len());

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

    view! {
        <main id="results" class="results" tabindex="-1">
            <div class="toolbar">
                <DatasetBar label events=total/>
                <EmbedCode/>
            </div>
            <FailurePanel/>
            <h2 class="visually-hidden">"Events"</h2>
            <p role="status" class="count">
                {move || format!("{} of {total} events", shown())}
            </p>
            <ActiveFilters/>
            <Pictures/>
            <Show when=move || notices.with(|n| !n.is_empty())>
                <div class="notices" role="alert">
                    <p>"Parts of this link were not understood and were ignored:"</p>
                    <ul>{move || notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <button type="button" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
                </div>
            </Show>
            <Show when=move || shown() == 0>
                <EmptyState/>
            </Show>
            <EventList rows/>
        </main>
    }
}

/// "Actor: Yuriy Ushakov · Claim status: denied": on screen and in print.
#[component]
fn ActiveFilters() -> impl IntoView {
    let cx = ctx();
    let (state, index) = (cx.state, cx.index.clone());
    let summary = Memo::new(move |_| {
        state.with(|s| {
            let mut parts = Vec::new();
            for filter in Filter::ALL.into_iter().filter(|&f| s.is_active(f)) {
                let value = match filter {
                    Filter::Facet(facet) => s
                        .selected(facet)
                        .iter()
                        .map(|k| index.option_label(facet, k).unwrap_or(k).to_string())
                        .collect::<Vec<_>>()
                        .join(" or "),
                    Filter::Search => format!("“{}”", s.search.trim()),
                    Filter::Dates => format!(
                        "{} to {}",
                        s.from.map_or("the beginning".into(), |d| d.long()),
                        s.to.map_or("the end".into(), |d| d.long())
                    ),
                };
                parts.push((filter.label(), value));
            }
            parts
        })
    });
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
                                format!(" — without it, {without} event(s) would show. ")
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
