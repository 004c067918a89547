use super::ctx;
use crate::model::Day;
use crate::query::finder::{self, ActorFinder};
use crate::query::{Facet, FacetOption, ViewState};
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

/// One checkbox row as built, and what it shows now.
struct Row {
    option: usize,
    div: web_sys::Element,
    input: web_sys::HtmlInputElement,
    /// The text nodes of the count and its noun, changed in place: replacing
    /// them (`textContent`) made the browser drop and rebuild their layout,
    /// two per row on every filter change.
    number: web_sys::Node,
    noun: web_sys::Node,
    shown: Option<(usize, bool)>,
}

/// The rows of `listed` options in `parent`, under their group headings:
/// `div.option > input#f-{facet}-{key} + label > [status dot] span.label +
/// span.count`, read "Name, 3 events". Plain DOM: as a `view!` per row they
/// cost about 5 KB gzip of the page's wasm.
fn build_rows(
    parent: &web_sys::Element,
    options: &[FacetOption],
    facet: Facet,
    listed: &[usize],
) -> Vec<Row> {
    use super::dom::{add, set};
    parent.set_text_content(None);
    let mut last_group = "";
    listed
        .iter()
        .map(|&i| {
            let o = &options[i];
            if o.group != last_group && !o.group.is_empty() && listed.len() == options.len() {
                set(
                    &add(parent, "p", "subgroup", o.group),
                    "aria-hidden",
                    "true",
                );
            }
            last_group = o.group;
            let id = format!("f-{}-{}", facet.param(), o.key);
            let div = add(parent, "div", "option", "");
            let input = add(&div, "input", "", "");
            set(&input, "type", "checkbox");
            set(&input, "id", &id);
            set(&input, "data-key", &o.key);
            let label = add(&div, "label", "", "");
            set(&label, "for", &id);
            if facet == Facet::Status {
                let dot = add(&label, "span", &format!("dot status-{}", o.key), "");
                set(&dot, "aria-hidden", "true");
            }
            add(&label, "span", "label", &o.label);
            let count = add(&label, "span", "count", "");
            add(&count, "span", "visually-hidden", ", ");
            let number = add(&count, "span", "n", "0");
            let noun = add(&count, "span", "visually-hidden", " events");
            Row {
                option: i,
                div,
                input: input.unchecked_into(),
                number: number.first_child().unwrap_or(number.into()),
                noun: noun.first_child().unwrap_or(noun.into()),
                shown: None,
            }
        })
        .collect()
}

/// One filter: a fieldset of labelled checkboxes, each with the number of
/// events that ticking it would give. With many actors, the Actor filter
/// lists the ticked ones and the most involved others whose name contains
/// what is typed (`query::finder`).
#[component]
fn FacetFieldset(facet: Facet) -> impl IntoView {
    let cx = ctx();
    let (state, outcome, index) = (cx.state, cx.outcome, cx.index);
    let long = facet == Facet::Actor && finder::is_long(&index);
    let find = RwSignal::new(String::new());
    let total = crate::report::grouped(index.options(facet).len() as u64);
    let listed = {
        let index = index.clone();
        let finder = long.then(|| ActorFinder::new(&index));
        let all = index.options(facet).len();
        Memo::new(move |_| match &finder {
            Some(f) => find.with(|t| state.with(|s| f.shown(&index, &s.actors, t))),
            None => (0..all).collect::<Vec<usize>>(),
        })
    };
    let options = NodeRef::<leptos::html::Div>::new();
    // Rows rebuilt when the list changes; then each row's count and tick.
    Effect::new(move |built: Option<(Vec<usize>, Vec<Row>)>| {
        let Some(parent) = options.get() else {
            return built.unwrap_or_default();
        };
        let (list, mut rows) = match built {
            Some((list, rows)) if listed.with(|l| *l == list) => (list, rows),
            _ => {
                let list = listed.get();
                let rows = build_rows(&parent, index.options(facet), facet, &list);
                (list, rows)
            }
        };
        let options = index.options(facet);
        outcome.with(|o| {
            state.with(|s| {
                for row in &mut rows {
                    let n = o.counts(facet)[row.option];
                    let on = s.selected(facet).contains(&options[row.option].key);
                    // Only what changed: a click changes most counts, and
                    // each DOM write is a call out of the wasm.
                    // As built: unchecked, no count, " events", not "zero".
                    let (was_n, was_on) = row.shown.unwrap_or((usize::MAX, false));
                    if on != was_on {
                        row.input.set_checked(on);
                    }
                    if n != was_n {
                        row.number.set_node_value(Some(&n.to_string()));
                    }
                    if (n == 1) != (was_n == 1) {
                        row.noun.set_node_value(Some(noun(n, " event", " events")));
                    }
                    let zero = n == 0 && !on;
                    if zero != (was_n == 0 && !was_on) {
                        let _ = row.div.class_list().toggle_with_force("zero", zero);
                    }
                    row.shown = Some((n, on));
                }
            })
        });
        (list, rows)
    });
    let change = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(key) = input.get_attribute("data-key") {
            state.update(|s| s.set(facet, &key, input.checked()));
        }
    };
    let finder = long.then(|| {
        view! {
            <label for="find-actor">"Find an actor"</label>
            <input
                id="find-actor"
                type="search"
                autocomplete="off"
                prop:value=move || find.get()
                on:input=move |e| find.set(event_target_value(&e))
            />
            <p class="hint">
                {move || format!("{} of {total} actors shown, the most involved first; type a name to find the others.", listed.with(Vec::len))}
            </p>
        }
    });
    view! {
        <fieldset class=format!("facet facet-{}", facet.param()) on:change=change>
            <legend>{facet.label()}</legend>
            {finder}
            <div class="options" node_ref=options></div>
        </fieldset>
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
