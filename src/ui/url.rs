//! The address bar: read the view from it, write the view to it.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// Writes `query` ("" or "?...") to the address bar; `push` adds a history entry.
/// Fails quietly where history is not available (some sandboxed frames).
pub fn write(query: &str, push: bool) {
    let location = window().location();
    let url = if query.is_empty() {
        location.pathname().unwrap_or_default()
    } else {
        query.to_string()
    };
    let Ok(history) = window().history() else {
        return;
    };
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
}
