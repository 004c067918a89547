//! The browser UI: Leptos components that wire signals to the pure core
//! (`model`, `query`). Compiled only for wasm32.

mod app;
mod charts;
mod chronology;
mod dataset;
mod detail;
mod dom;
mod embed;
mod event_card;
mod event_list;
mod filters;
mod header;
mod marks;
mod print;
mod results;
mod share;
mod url;
mod who;

/// `f` as a task of its own once the next frame is painted (posted from
/// that frame's animation callback): work that must not delay the frame.
/// Boxed, so every caller shares one copy of the timer code in the wasm.
fn after_paint(f: Box<dyn FnOnce()>) {
    request_animation_frame(move || soon(f));
}

/// `f` as a task of its own, once the page has nothing more pressing.
fn soon(f: Box<dyn FnOnce()>) {
    set_timeout(f, std::time::Duration::ZERO);
}

/// `f` once the page is idle: after a frame is drawn, when nothing else
/// waits (`requestIdleCallback`), so work in slices never runs between a
/// click and its frame, as a task could. Where the browser has no idle
/// callbacks (older Safari), a task of its own.
fn when_idle(f: Box<dyn FnOnce()>) {
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let later = f.clone();
    let asked = request_idle_callback_with_handle(move || {
        if let Some(f) = later.take() {
            f();
        }
    });
    if asked.is_err() {
        if let Some(f) = f.take() {
            soon(f);
        }
    }
}

use crate::model::Briefing;
use crate::query::IdSet;
use crate::query::{Index, Outcome, Tab, ViewState};
use leptos::prelude::*;
use std::sync::Arc;

/// Mounts the briefing on `<body>`.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash();
    }));
    // The static "Loading…" line (index.html) has done its job.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}

/// What every component reads: the data, its index, the view and its result.
/// The view is split by concern, so each part re-runs only for what it reads:
/// `state` holds the filters (its `open` and `tab` stay empty), `open` the
/// events whose detail is open and `tab` the view shown; only `state` feeds
/// the query, so opening an event or switching views never re-runs it.
#[derive(Clone)]
pub struct Ctx {
    pub briefing: Arc<Briefing>,
    pub index: Arc<Index>,
    pub state: RwSignal<ViewState>,
    pub open: RwSignal<IdSet>,
    pub tab: RwSignal<Tab>,
    pub outcome: Memo<Outcome>,
    /// An event to bring into view when the events view next appears.
    pub reveal: StoredValue<Option<String>>,
    /// The page is being printed: build what only paper shows (`print`).
    pub printing: RwSignal<bool>,
    /// A claim to bring into view in the claims view (its number; none is
    /// `usize::MAX`: a signal of the type the page already has, not one
    /// more instance of the signal code), which shows that many more rows
    /// if it is beyond those shown.
    pub wanted_claim: RwSignal<usize>,
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

impl Ctx {
    /// Shows only the events involving one actor (the actor buttons in events).
    pub fn only_actor(&self, id: &str) {
        self.state.update(|s| s.only_actors([id.to_string()]));
    }

    /// Opens an event (from the timeline, a claim) and shows it in the events view.
    pub fn open_event(&self, id: &str) {
        self.reveal.set_value(Some(id.to_string()));
        self.open.update(|o| {
            o.insert(id.to_string());
        });
        self.tab.set(Tab::Events);
    }

    /// The whole view, as the address bar holds it.
    pub fn link_state(&self) -> ViewState {
        let mut view = self.state.get();
        view.open = self.open.get();
        view.tab = self.tab.get();
        view
    }

    pub fn actor_name(&self, id: &str) -> String {
        self.index
            .actor(&self.briefing, id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}

/// A panic aborts the program (release profile), so the page it leaves
/// behind would be dead: replace it with words and two ways back. A wasm
/// trap that is no panic (out of memory, `unreachable`) gets the same view
/// from the boot script (scripts/postbuild.mjs), which listens for them.
fn show_crash() {
    let Some(body) = document().body() else {
        return;
    };
    if let Some(root) = document().document_element() {
        // Read by the page-wide drop handler: nothing opens after a crash.
        let _ = root.set_attribute("data-crashed", "");
    }
    let page = window().location().pathname().unwrap_or_default();
    body.set_inner_html(&format!(
        "<main class=\"fallback crash\" role=\"alert\"><h1>Something went wrong in this briefing</h1>\
         <p>Nothing was sent anywhere. You can <a href=\"\">reload this view</a> or \
         <a href=\"{}\">reset the view</a> (all filters cleared).</p></main>",
        page.replace('"', "%22").replace('<', "%3C")
    ));
}

/// For the end-to-end tests: proves that a panic ends in the crash view, not
/// a dead page. Harmless to call; reachable only from the console.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_crash_for_tests() {
    panic!("simulated crash (simulate_crash_for_tests)");
}

/// For the end-to-end tests: a wasm trap that bypasses the panic hook, as
/// running out of memory does.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_trap_for_tests() {
    core::arch::wasm32::unreachable()
}
