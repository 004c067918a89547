//! Whether the page is being printed. What only paper shows (every event's
//! detail, the chronology) is built while this holds, so the screen never
//! pays for it: building every hidden detail on each filter change was most
//! of a 1,000-event click.

use leptos::prelude::*;

/// Holds `printing` true from `beforeprint` to `afterprint`, and while the
/// print media query matches (print preview, emulated print media). The
/// browser runs the microtasks of a `beforeprint` handler, the signal's
/// effects among them, before it lays the page out for paper.
pub fn watch(printing: RwSignal<bool>) {
    let Ok(Some(query)) = window().match_media("print") else {
        return;
    };
    let matches = {
        let query = query.clone();
        move || query.matches()
    };
    let before = window_event_listener_untyped("beforeprint", move |_| {
        printing.try_set(true);
    });
    let after = {
        let matches = matches.clone();
        window_event_listener_untyped("afterprint", move |_| {
            printing.try_set(matches());
        })
    };
    let change = gloo::events::EventListener::new(&query, "change", move |_| {
        printing.try_set(matches());
    });
    // Dropped, and so removed, with the view that owns it.
    StoredValue::new_local(change);
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}
