use super::dataset::{
    DatasetBar, Datasets, FailurePanel, Loaded, LoadingScreen, OpenDataset, Origin,
};
use super::header::{EmbedHeader, Masthead};
use super::{embed, filters::FilterPanel, results::Results, url, Ctx};
use crate::model::{self, Problem};
use crate::query::IdSet;
use crate::query::{history::history_step, Tab, ViewState};
use crate::report::count;
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
    let problems = match model::pack::read_bytes(model::BUNDLED_PACK) {
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
    let (filters, open, tab) = split(loaded.initial.clone());
    let state = RwSignal::new(filters);
    let open = RwSignal::new(open);
    let tab = RwSignal::new(tab);
    let notices = RwSignal::new(loaded.notices.clone());
    let outcome = {
        let index = index.clone();
        Memo::new(move |_| state.with(|s| index.query(s)))
    };
    let cx = Ctx {
        briefing: briefing.clone(),
        index: index.clone(),
        state,
        open,
        tab,
        outcome,
        reveal: StoredValue::new(None),
        printing: RwSignal::new(false),
        wanted_claim: RwSignal::new(usize::MAX),
    };
    super::print::watch(cx.printing);
    provide_context(cx.clone());

    // View → address bar. Each change adds a history entry, so back and
    // forward step through them; a run of keystrokes in the search box is
    // one entry (the first pushes, the rest replace). The first write only
    // tidies the URL the page was opened with.
    let link = cx.clone();
    Effect::new(move |previous: Option<(ViewState, bool)>| {
        let now = link.link_state();
        let step = history_step(previous.as_ref().map(|(p, t)| (p, *t)), &now);
        let query = now.to_query();
        url::note_shown(&query);
        if step.typing && !step.push {
            // A keystroke continuing a run: the address bar follows when the
            // typing pauses, not within the keystroke's frame.
            url::replace_when_typing_pauses(query);
        } else if query != url::current_query() {
            url::write_after_paint(query, step.push);
        } else {
            url::cancel_pending();
        }
        (now, step.typing)
    });
    // Address bar → view, on back and forward: `Datasets::listen`, which
    // also restores the dataset an entry showed. Each signal is set only
    // when its part changed, so the query re-runs only for a filter change.
    let datasets = expect_context::<Datasets>();
    let apply = Callback::new(move |restored: ViewState| {
        let (filters, opened, shown) = split(restored);
        if state.with_untracked(|s| *s != filters) {
            state.set(filters);
        }
        if open.with_untracked(|o| *o != opened) {
            open.set(opened);
        }
        if tab.get_untracked() != shown {
            tab.set(shown);
        }
    });
    datasets.view.set_value(Some((apply, notices)));
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
    // The tab shows the briefing's own title.
    document().set_title(&briefing.meta.title);
    let meta = briefing.meta.clone();
    // Embedded, the masthead is gone: say which dataset this is, unless it
    // is the bundled one, so another file cannot pass for the briefing.
    let source = (loaded.origin != Origin::Bundled).then(|| loaded.label.clone());
    view! {
        <a class="skip" href="#results">"Skip to results"</a>
        {if embedded {
            view! { <EmbedHeader meta=meta.clone() source/> }.into_any()
        } else {
            view! { <Masthead meta=meta.clone()/> }.into_any()
        }}
        <div class="layout">
            <FilterPanel/>
            <Results notices/>
        </div>
        {(!embedded).then(|| view! {
            <footer class="page-foot">
                <div class="foot-tools">
                    <DatasetBar label=loaded.label.clone() events=index.len()/>
                    <embed::EmbedCode/>
                </div>
                {meta.handling.clone().map(|h| view! { <p class="handling">{h}</p> })}
            </footer>
        })}
    }
}

/// The link's view, by concern: filters, open events, shown view.
fn split(mut view: ViewState) -> (ViewState, IdSet, Tab) {
    let open = std::mem::take(&mut view.open);
    let tab = std::mem::take(&mut view.tab);
    (view, open, tab)
}

#[component]
fn DatasetProblems(problems: Vec<Problem>) -> impl IntoView {
    view! {
        <main class="problems">
            <h1>"This briefing's data could not be read"</h1>
            <p role="alert">{format!("{} found in the dataset:", count(problems.len(), "problem was", "problems were"))}</p>
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
