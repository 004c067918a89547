//! Which dataset is shown: the bundled one, one from this site (`?data=`),
//! or a local file the reader opens or drops (read in the browser, never
//! uploaded). A dataset that fails validation is listed problem by problem,
//! and the briefing already on screen stays.

use super::url;
use crate::model::{self, Briefing};
use crate::query::{Index, ViewState};
use leptos::{ev, prelude::*};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A dataset ready to show, with the view to open it in.
pub struct Loaded {
    pub briefing: Arc<Briefing>,
    pub index: Arc<Index>,
    /// "the bundled briefing", a file name or a relative URL.
    pub label: String,
    pub initial: ViewState,
    pub notices: Vec<String>,
}

/// A dataset that could not be used, and why.
#[derive(Clone, PartialEq)]
pub struct Failure {
    pub label: String,
    pub problems: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct Datasets {
    pub current: RwSignal<Option<Arc<Loaded>>>,
    pub failure: RwSignal<Option<Failure>>,
}

pub const BUNDLED_LABEL: &str = "the bundled briefing";

impl Datasets {
    /// Validates `text`; on success shows it, opening the view `view` (a
    /// query string); on failure keeps what is on screen and lists why.
    pub fn offer(self, text: &str, label: String, view: Option<&str>) {
        match model::load(text) {
            Ok(briefing) => {
                self.failure.set(None);
                self.show(briefing, label, view);
            }
            Err(problems) => self.fail(label, problems.iter().map(|p| p.to_string()).collect()),
        }
    }

    /// Shows a valid dataset, in the view `view` (a query string), or with no
    /// filters when `None`: a local file's ids differ from the last one's.
    pub fn show(self, briefing: Briefing, label: String, view: Option<&str>) {
        let index = Index::new(&briefing);
        let (initial, notices) = match view {
            Some(query) => ViewState::from_query(query, &index),
            None => {
                let embed = ViewState::from_query(&url::current_query(), &index).0.embed;
                (
                    ViewState {
                        embed,
                        ..Default::default()
                    },
                    Vec::new(),
                )
            }
        };
        self.current.set(Some(Arc::new(Loaded {
            briefing: Arc::new(briefing),
            index: Arc::new(index),
            label,
            initial,
            notices,
        })));
    }

    pub fn fail(self, label: String, problems: Vec<String>) {
        self.failure.set(Some(Failure { label, problems }));
    }

    /// Fetches a dataset from this site (`?data=`), already checked to be relative.
    pub fn fetch(self, relative: String, view: String, fallback: impl FnOnce() + 'static) {
        leptos::task::spawn_local(async move {
            match fetch_text(&relative).await {
                Ok(text) => {
                    self.offer(&text, relative.clone(), Some(&view));
                    if self.current.with_untracked(Option::is_none) {
                        fallback();
                    }
                }
                Err(reason) => {
                    self.fail(relative, vec![reason]);
                    fallback();
                }
            }
        });
    }

    /// Reads a local file chosen or dropped by the reader.
    pub fn read_file(self, file: web_sys::File) {
        let name = file.name();
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
            {
                Some(text) => self.offer(&text, name, None),
                None => self.fail(name, vec!["the file could not be read as text".into()]),
            }
        });
    }
}

async fn fetch_text(relative: &str) -> Result<String, String> {
    let failed = |what: &str, e: JsValue| {
        format!(
            "{what}: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        )
    };
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(relative))
        .await
        .map_err(|e| failed("the file could not be fetched", e))?
        .unchecked_into();
    // The URL is relative, but a server may still redirect elsewhere.
    let page_origin = window().location().origin().unwrap_or_default();
    if !response.url().is_empty() && !response.url().starts_with(&format!("{page_origin}/")) {
        return Err("the file is on another site, which this page never loads from".into());
    }
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = response
        .text()
        .map_err(|e| failed("the file could not be read", e))?;
    JsFuture::from(text)
        .await
        .map_err(|e| failed("the file could not be read", e))?
        .as_string()
        .ok_or_else(|| "the file is not text".into())
}

/// "Dataset: … (N events)", the "Open dataset…" picker, and page-wide drop.
#[component]
pub fn DatasetBar(label: String, events: usize) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let dragging = RwSignal::new(false);
    let on_pick = move |e: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            datasets.read_file(file);
        }
        input.set_value("");
    };
    let over = window_event_listener(ev::dragover, move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(ev::dragleave, move |e: ev::DragEvent| {
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            datasets.read_file(file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <div class="dataset-bar" class:dragging=move || dragging.get()>
            <p class="dataset-name">
                "Dataset: " <strong>{label}</strong> {format!(" ({events} events)")}
            </p>
            <input
                id="open-dataset"
                class="file-input"
                type="file"
                accept=".json,application/json"
                on:change=on_pick
            />
            <label for="open-dataset" class="button">"Open dataset…"</label>
            <span class="hint">" or drop a JSON file on the page. It is read here and never uploaded."</span>
        </div>
    }
}

/// Enough to fix a file by; a broken 100k-event file can have 100k problems.
const SHOWN_PROBLEMS: usize = 200;

/// The problems of a dataset that could not be used.
#[component]
pub fn FailurePanel() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    view! {
        {move || datasets.failure.get().map(|f| view! {
            <section class="dataset-failure" role="alert" aria-labelledby="failure-heading">
                <h3 id="failure-heading">{format!("The dataset “{}” could not be used", f.label)}</h3>
                <p>{format!("{} problem(s) were found. The briefing below is unchanged.", f.problems.len())}</p>
                <ul>
                    {f.problems.iter().take(SHOWN_PROBLEMS).map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                    {(f.problems.len() > SHOWN_PROBLEMS).then(|| view! {
                        <li>{format!("… and {} more", f.problems.len() - SHOWN_PROBLEMS)}</li>
                    })}
                </ul>
                <button type="button" on:click=move |_| datasets.failure.set(None)>"Dismiss"</button>
            </section>
        })}
    }
}
