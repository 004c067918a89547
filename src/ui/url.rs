//! The address bar: read the view from it, write the view to it.

use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    /// The local file shown, if any: every entry written while it is shown
    /// carries it in `history.state` (see `dataset`), so Back and Forward
    /// know which dataset an entry showed.
    static LOCAL: RefCell<Option<(u32, String)>> = const { RefCell::new(None) };
}

thread_local! {
    /// The query of the view on screen, as last noted by the briefing.
    static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
}

thread_local! {
    /// A write waiting for the frame of the change that made it: see
    /// `write_after_paint`.
    static UNWRITTEN: RefCell<Option<(String, bool)>> = const { RefCell::new(None) };
}

thread_local! {
    /// A replace waiting for the typing to pause.
    static PENDING: std::cell::Cell<Option<TimeoutHandle>> = const { std::cell::Cell::new(None) };
}

/// How long the search text must rest before a run of keystrokes updates the
/// address bar: `replaceState` costs about 4 ms a call in Chromium, a
/// quarter of a frame, and the run is one history entry anyway.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// Replaces the current entry's URL once the typing pauses; any other write
/// (or Back and Forward) first cancels it.
pub fn replace_when_typing_pauses(query: String) {
    cancel_pending();
    flush();
    let handle = set_timeout_with_handle(
        move || {
            PENDING.with(|p| p.set(None));
            write_now(&query, false);
        },
        TYPING_PAUSE,
    );
    PENDING.with(|p| p.set(handle.ok()));
}

/// Forgets a replace still waiting for the typing to pause.
pub fn cancel_pending() {
    if let Some(handle) = PENDING.with(|p| p.take()) {
        handle.clear();
    }
}

/// Back or Forward: a write not yet made belonged to the entry left, and is
/// dropped with it.
pub fn forget_unwritten() {
    cancel_pending();
    UNWRITTEN.with(|u| u.take());
}

/// Writes `query` once the frame showing the change is painted: a
/// `pushState` costs 2 to 4 ms a call in Chromium, a quarter of the click's
/// frame. Anything that reads the address bar first writes it (`flush`),
/// so the address is late only for the browser's own bar, by a frame.
pub fn write_after_paint(query: String, push: bool) {
    cancel_pending();
    // One entry per change, even for two changes within one frame.
    flush();
    UNWRITTEN.with(|u| *u.borrow_mut() = Some((query, push)));
    super::after_paint(Box::new(flush));
}

/// Makes a write still waiting for its frame now.
pub fn flush() {
    if let Some((query, push)) = UNWRITTEN.with(|u| u.take()) {
        write_now(&query, push);
    }
}

/// Notes the query of the view on screen (whether or not it was written).
pub fn note_shown(query: &str) {
    SHOWN.with(|s| query.clone_into(&mut s.borrow_mut()));
}

pub fn shown_query() -> String {
    SHOWN.with(|s| s.borrow().clone())
}

pub fn set_local(local: Option<(u32, &str)>) {
    // A write still waiting belongs to the dataset shown until now.
    flush();
    LOCAL.with(|l| *l.borrow_mut() = local.map(|(s, n)| (s, n.to_string())));
}

pub fn current_query() -> String {
    flush();
    window().location().search().unwrap_or_default()
}

/// Writes `query` ("" or "?...") to the address bar; `push` adds a history entry.
/// Fails quietly where history is not available (some sandboxed frames).
pub fn write(query: &str, push: bool) {
    cancel_pending();
    flush();
    write_now(query, push);
}

fn write_now(query: &str, push: bool) {
    let location = window().location();
    let url = if query.is_empty() {
        location.pathname().unwrap_or_default()
    } else {
        query.to_string()
    };
    let Ok(history) = window().history() else {
        return;
    };
    let state = LOCAL
        .with(|l| super::dataset::marker_value(l.borrow().as_ref().map(|(s, n)| (*s, n.as_str()))));
    let _ = if push {
        history.push_state_with_url(&state, "", Some(&url))
    } else {
        history.replace_state_with_url(&state, "", Some(&url))
    };
}
