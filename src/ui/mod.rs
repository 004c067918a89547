//! The browser UI: Leptos components that wire signals to the pure core
//! (`model`, `query`). Compiled only for wasm32.

mod app;
mod charts;
mod dataset;
mod detail;
mod embed;
mod event_card;
mod event_list;
mod filters;
mod header;
mod results;
mod url;

use crate::model::Briefing;
use crate::query::{Index, Outcome, ViewState};
use leptos::prelude::*;
use std::sync::Arc;

/// Mounts the briefing on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    // The static "Loading…" line (index.html) has done its job.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}

/// What every component reads: the data, its index, the view and its result.
#[derive(Clone)]
pub struct Ctx {
    pub briefing: Arc<Briefing>,
    pub index: Arc<Index>,
    pub state: RwSignal<ViewState>,
    pub outcome: Memo<Outcome>,
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

impl Ctx {
    /// Shows only the events involving one actor (the actor buttons in events).
    pub fn only_actor(&self, id: &str) {
        self.state.update(|s| {
            s.actors.clear();
            s.actors.insert(id.to_string());
        });
    }

    pub fn actor_name(&self, id: &str) -> String {
        self.index
            .actor(&self.briefing, id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}
