use super::{filters::FilterPanel, header::Masthead, results::Results, url, Ctx};
use crate::model::{self, Problem};
use crate::query::{Index, ViewState};
use leptos::{ev, prelude::*};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Loads the bundled dataset and shows the briefing, or says in words why it cannot.
#[component]
pub fn App() -> impl IntoView {
    match model::load(model::BUNDLED) {
        Ok(briefing) => view! { <Briefing briefing=Arc::new(briefing)/> }.into_any(),
        Err(problems) => view! { <DatasetProblems problems/> }.into_any(),
    }
}

#[component]
fn Briefing(briefing: Arc<model::Briefing>) -> impl IntoView {
    let index = Arc::new(Index::new(&briefing));
    let (initial, initial_notices) = ViewState::from_query(&url::current_query(), &index);
    let state = RwSignal::new(initial);
    let notices = RwSignal::new(initial_notices);
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
    // one entry (the first pushes, the rest replace).
    Effect::new(move |previous: Option<(ViewState, bool)>| {
        let now = state.get();
        let typing = previous.as_ref().is_some_and(|(p, _)| {
            p.search != now.search
                && ViewState {
                    search: now.search.clone(),
                    ..p.clone()
                } == now
        });
        let query = now.to_query();
        if query != url::current_query() {
            let still_typing =
                typing && previous.as_ref().is_some_and(|(_, was_typing)| *was_typing);
            url::write(&query, !still_typing);
        }
        (now, typing)
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

    view! {
        <a class="skip" href="#results">"Skip to results"</a>
        <Masthead meta=briefing.meta.clone()/>
        <div class="layout">
            <FilterPanel/>
            <Results notices/>
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
