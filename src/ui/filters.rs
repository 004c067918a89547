use super::ctx;
use crate::model::Day;
use crate::query::finder::{self, ActorFinder};
use crate::query::{Facet, Outcome, ViewState};
use crate::report::{count, noun};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Search, the four checkbox filters, a date range and "Clear all filters".
/// On a narrow screen (and embedded) they are a panel that opens and closes;
/// while open, a sticky "Show N events" says what the ticks give and goes
/// to the results.
#[component]
pub fn FilterPanel() -> impl IntoView {
    let cx = ctx();
    let (state, outcome) = (cx.state, cx.outcome);
    let open = RwSignal::new(false);
    let active = Memo::new(move |_| state.with(|s| s.active_filters().count()));
    let show_results = move |_| {
        open.set(false);
        if let Some(results) = document().get_element_by_id("results") {
            results.scroll_into_view();
            let _ = results.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    view! {
        <aside class="filters" class:open=move || open.get() aria-label="Filters">
            <button
                type="button"
                class="filter-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="filter-form"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || match active.get() {
                    0 => "Filters".to_string(),
                    n => format!("Filters ({n} active)"),
                }}
            </button>
            <form id="filter-form" class="filter-form" role="search" on:submit=|e| e.prevent_default()>
                <label for="search">"Search"</label>
                <input
                    id="search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-keyshortcuts="/"
                    placeholder="Names, quotes, summaries…"
                    prop:value=move || state.with(|s| s.search.clone())
                    on:input=move |e| {
                        let text = event_target_value(&e);
                        state.update(|s| s.search = text);
                    }
                />
                <FacetFieldset facet=Facet::Actor/>
                <FacetFieldset facet=Facet::Stance/>
                <FacetFieldset facet=Facet::Channel/>
                <FacetFieldset facet=Facet::Status/>
                <DateRange/>
                <button
                    type="button"
                    class="clear"
                    disabled=move || !state.with(ViewState::has_filters)
                    on:click=move |_| state.update(ViewState::clear_filters)
                >
                    "Clear all filters"
                </button>
                <button type="button" class="show-results" on:click=show_results>
                    {move || format!("Show {}", count(outcome.with(|o| o.matches.len()), "event", "events"))}
                </button>
            </form>
        </aside>
    }
}

/// One filter: a fieldset of labelled checkboxes, each with the number of
/// events that ticking it would give.
#[component]
fn FacetFieldset(facet: Facet) -> impl IntoView {
    let cx = ctx();
    let state = cx.state;
    let outcome = cx.outcome;
    if facet == Facet::Actor && finder::is_long(&cx.index) {
        return view! { <ManyActors/> }.into_any();
    }
    let options = cx.index.options(facet).to_vec();
    let mut last_group = "";
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, option)| {
            let subheading =
                (option.group != last_group && !option.group.is_empty()).then_some(option.group);
            last_group = option.group;
            view! {
                {subheading.map(|g| view! { <p class="subgroup" aria-hidden="true">{g}</p> })}
                {option_row(state, outcome, facet, i, option.key, option.label)}
            }
        })
        .collect_view();
    view! {
        <fieldset class=format!("facet facet-{}", facet.param())>
            <legend>{facet.label()}</legend>
            {items}
        </fieldset>
    }
    .into_any()
}

/// The actor filter of a dataset with many actors: the ticked actors and the
/// most involved others whose name contains what is typed (`query::finder`).
#[component]
fn ManyActors() -> impl IntoView {
    let cx = ctx();
    let (state, outcome, index) = (cx.state, cx.outcome, cx.index);
    let finder = ActorFinder::new(&index);
    let total = crate::report::grouped(index.actors.len());
    let find = RwSignal::new(String::new());
    let shown = {
        let index = index.clone();
        Memo::new(move |_| find.with(|f| state.with(|s| finder.shown(&index, &s.actors, f))))
    };
    let option = move |i: usize| {
        let o = &index.actors[i];
        option_row(
            state,
            outcome,
            Facet::Actor,
            i,
            o.key.clone(),
            o.label.clone(),
        )
    };
    view! {
        <fieldset class="facet facet-actor">
            <legend>{Facet::Actor.label()}</legend>
            <label for="find-actor">"Find an actor"</label>
            <input
                id="find-actor"
                type="search"
                autocomplete="off"
                prop:value=move || find.get()
                on:input=move |e| find.set(event_target_value(&e))
            />
            <p class="hint">
                {move || format!("{} of {total} actors shown, the most involved first; type a name to find the others.", shown.with(Vec::len))}
            </p>
            <For each=move || shown.get() key=|i| *i children=option/>
        </fieldset>
    }
}

/// One checkbox of a filter: the option's label (after a status dot in the
/// status filter) and the number of events that ticking it would give, read
/// "Name, 3 events". The same for every filter and for the long actor list.
fn option_row(
    state: RwSignal<ViewState>,
    outcome: Memo<Outcome>,
    facet: Facet,
    i: usize,
    key: String,
    label: String,
) -> impl IntoView {
    let id = format!("f-{}-{key}", facet.param());
    let count = move || outcome.with(|o| o.counts(facet)[i]);
    let checked = {
        let key = key.clone();
        Signal::derive(move || state.with(|s| s.selected(facet).contains(&key)))
    };
    let status_class = (facet == Facet::Status).then(|| format!("dot status-{key}"));
    view! {
        <div class="option" class:zero=move || count() == 0 && !checked.get()>
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=checked
                on:change=move |e| {
                    let on = event_target_checked(&e);
                    state.update(|s| s.set(facet, &key, on));
                }
            />
            <label for=id>
                {status_class.map(|c| view! { <span class=c aria-hidden="true"></span> })}
                <span class="label">{label}</span>
                <span class="count">
                    <span class="visually-hidden">", "</span>
                    {count}
                    <span class="visually-hidden">{move || noun(count(), " event", " events")}</span>
                </span>
            </label>
        </div>
    }
}

#[component]
fn DateRange() -> impl IntoView {
    view! {
        <fieldset class="facet dates">
            <legend>"Date range"</legend>
            <DateInput id="date-from" label="From" end=false/>
            <DateInput id="date-to" label="To" end=true/>
            <p class="hint">"Keeps events that may fall in the range."</p>
        </fieldset>
    }
}

/// One end of the date range.
#[component]
fn DateInput(id: &'static str, label: &'static str, end: bool) -> impl IntoView {
    let state = ctx().state;
    let value = move |s: &ViewState| if end { s.to } else { s.from };
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            type="date"
            prop:value=move || state.with(|s| value(s).map(Day::iso).unwrap_or_default())
            on:change=move |e| {
                let day = Day::parse(&event_target_value(&e));
                state.update(|s| if end { s.to = day } else { s.from = day });
            }
        />
    }
}
