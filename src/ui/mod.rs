//! The browser UI: Leptos components that wire signals to the pure core.
//! Compiled only for wasm32.

mod app;

use leptos::prelude::*;

/// Mounts the briefing on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
