use super::dataset::{Datasets, Loaded, BUNDLED_LABEL};
use super::{embed, filters::FilterPanel, header::Masthead, results::Results, url, Ctx};
use crate::model::{self, Problem};
use crate::query::{history::history_step, state::data_param, ViewState};
use leptos::{ev, prelude::*};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Picks the dataset (bundled, or `?data=` from this site) and shows it.
#[component]
pub fn App() -> impl IntoView {
    let bundled = match model::load(model::BUNDLED) {
        Ok(briefing) => briefing,
        Err(problems) => return view! { <DatasetProblems problems/> }.into_any(),
    };
    let datasets = Datasets {
        current: RwSignal::new(None),
        failure: RwSignal::new(None),
    };
    provide_context(datasets);
    let query = url::current_query();
    match data_param(&query) {
        Some(Ok(relative)) => {
            let view = query.clone();
            datasets.fetch(relative, query, move || {
                datasets.show(bundled, BUNDLED_LABEL.into(), Some(&view))
            });
        }
        // No `data`, or a refused one (from_query explains it in a notice).
        _ => datasets.show(bundled, BUNDLED_LABEL.into(), Some(&query)),
    }
    view! {
        {move || match datasets.current.get() {
            None => view! { <p class="boot">"Loading the dataset…"</p> }.into_any(),
            Some(loaded) => view! { <BriefingView loaded/> }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn BriefingView(loaded: Arc<Loaded>) -> impl IntoView {
    let (briefing, index) = (loaded.briefing.clone(), loaded.index.clone());
    let state = RwSignal::new(loaded.initial.clone());
    let notices = RwSignal::new(loaded.notices.clone());
    let outcome = {
        let index = index.clone();
        Memo::new(move |_| state.with(|s| index.query(s)))
    };
    provide_context(Ctx {
        briefing: briefing.clone(),
        index: index.clone(),
        state,
        outcome,
    });

    // View → address bar. Each change adds a history entry, so back and
    // forward step through them; a run of keystrokes in the search box is
    // one entry (the first pushes, the rest replace). The first write only
    // tidies the URL the page was opened with.
    Effect::new(move |previous: Option<(ViewState, bool)>| {
        let now = state.get();
        let step = history_step(previous.as_ref().map(|(p, t)| (p, *t)), &now);
        let query = now.to_query();
        if query != url::current_query() {
            url::write(&query, step.push);
        }
        (now, step.typing)
    });
    // Address bar → view, on back and forward.
    let index_for_history = index.clone();
    let popstate = window_event_listener(ev::popstate, move |_| {
        let (restored, ignored) = ViewState::from_query(&url::current_query(), &index_for_history);
        notices.set(ignored);
        state.set(restored);
    });
    // "/" focuses the search box, unless the reader is typing somewhere.
    let slash = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        let typing = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if e.key() == "/" && !typing && !e.ctrl_key() && !e.meta_key() && !e.alt_key() {
            if let Some(search) = document().get_element_by_id("search") {
                e.prevent_default();
                let _ = search.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
    on_cleanup(move || {
        popstate.remove();
        slash.remove();
    });

    let embedded = state.with_untracked(|s| s.embed);
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("embed", embedded);
    }
    if embedded {
        embed::post_height_to_parent();
    }
    let title = briefing.meta.title.clone();
    view! {
        <a class="skip" href="#results">"Skip to results"</a>
        {if embedded {
            view! { <header class="embed-header"><h1>{title}</h1></header> }.into_any()
        } else {
            view! { <Masthead meta=briefing.meta.clone()/> }.into_any()
        }}
        <div class="layout">
            <FilterPanel/>
            <Results notices label=loaded.label.clone()/>
        </div>
        {briefing.meta.handling.clone().map(|h| view! { <footer class="page-foot"><p class="handling">{h}</p></footer> })}
    }
}

#[component]
fn DatasetProblems(problems: Vec<Problem>) -> impl IntoView {
    view! {
        <main class="problems">
            <h1>"This briefing's data could not be read"</h1>
            <p role="alert">{format!("{} problem(s) were found in the dataset:", problems.len())}</p>
            <ul>
                {problems
                    .into_iter()
                    .map(|p| view! { <li>{p.to_string()}</li> })
                    .collect_view()}
            </ul>
        </main>
    }
}
