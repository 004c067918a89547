use super::dataset::{Datasets, FailurePanel, Loaded, LoadingScreen, OpenDataset, Origin};
use super::{embed, filters::FilterPanel, header::Masthead, results::Results, url, Ctx};
use crate::model::{self, Problem};
use crate::query::{history::history_step, ViewState};
use leptos::{ev, prelude::*};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Picks the dataset (bundled, `?data=` from this site, or what a history
/// entry showed) and shows it.
#[component]
pub fn App() -> impl IntoView {
    let datasets = Datasets::new();
    provide_context(datasets);
    // Drop and history work on every screen, the problem list included.
    datasets.listen();
    let problems = match model::load(model::BUNDLED) {
        Ok(briefing) => {
            datasets.set_bundled(briefing);
            None
        }
        Err(problems) => Some(problems),
    };
    let broken = problems.is_some();
    if !broken {
        datasets.start();
    }
    view! {
        {move || match datasets.current.get() {
            Some(loaded) => view! { <BriefingView loaded/> }.into_any(),
            None if broken => {
                view! { <DatasetProblems problems=problems.clone().unwrap_or_default()/> }.into_any()
            }
            None => view! { <LoadingScreen/> }.into_any(),
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
    // Address bar → view, on back and forward: `Datasets::listen`, which
    // also restores the dataset an entry showed.
    let datasets = expect_context::<Datasets>();
    datasets.view.set_value(Some((state, notices)));
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
    on_cleanup(move || slash.remove());

    let embedded = state.with_untracked(|s| s.embed);
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("embed", embedded);
    }
    if embedded {
        embed::post_height_to_parent();
    }
    let title = briefing.meta.title.clone();
    // Embedded, the masthead is gone: say which dataset this is, unless it
    // is the bundled one, so another file cannot pass for the briefing.
    let source = (loaded.origin != Origin::Bundled).then(|| loaded.label.clone());
    view! {
        <a class="skip" href="#results">"Skip to results"</a>
        {if embedded {
            view! {
                <header class="embed-header">
                    <h1>{title}</h1>
                    {source.map(|s| view! { <p class="embed-dataset">"Dataset: " <strong>{s}</strong> " (not the bundled briefing)"</p> })}
                </header>
            }.into_any()
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
            <FailurePanel/>
            <p>"You can still open another dataset: " <OpenDataset/></p>
        </main>
    }
}
