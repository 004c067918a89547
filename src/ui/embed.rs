//! Embedding in a wiki: the iframe snippet for the current view, and the
//! height messages an iframe host can size the frame by.
//!
//! Message (to the parent window, posted whenever the content height changes):
//! `{ "type": "briefing-viewer:height", "height": <CSS pixels> }`

use super::ctx;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

pub const HEIGHT_MESSAGE: &str = "briefing-viewer:height";

/// In an iframe, tells the parent the content height now and on every change.
pub fn post_height_to_parent() {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if parent == window() {
        return;
    }
    let post = move || {
        let Some(root) = document().document_element() else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &root.scroll_height().into());
        // The height is not a secret, and the host's origin is not known.
        let _ = parent.post_message(&message, "*");
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    if let (Ok(observer), Some(body)) = (
        web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()),
        document().body(),
    ) {
        observer.observe(&body);
    }
    // Lives as long as the page.
    callback.forget();
}

/// "Copy embed code": an iframe snippet that opens this exact view, embedded.
#[component]
pub fn EmbedCode() -> impl IntoView {
    let cx = ctx();
    let state = cx.state;
    let title = cx.briefing.meta.title.clone();
    let copied = RwSignal::new(String::new());
    let snippet = Memo::new(move |_| {
        let location = window().location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let mut view = state.get();
        view.embed = true;
        let title = title.replace('"', "&quot;");
        format!(
            "<iframe src=\"{base}{}\" title=\"{title}\" width=\"100%\" height=\"900\" style=\"border:0\" loading=\"lazy\"></iframe>",
            view.to_query().replace('&', "&amp;")
        )
    });
    let copy = move |_| {
        let text = snippet.get_untracked();
        let clipboard = window().navigator().clipboard();
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            copied.set(
                if done.is_ok() {
                    "Copied to the clipboard."
                } else {
                    "Copy blocked here: select the code and copy it."
                }
                .into(),
            );
        });
    };
    view! {
        <details class="embed-code">
            <summary>"Embed this view"</summary>
            <label for="embed-snippet">"Embed code for a wiki page (this exact view)"</label>
            <textarea id="embed-snippet" readonly rows="4" prop:value=move || snippet.get()></textarea>
            <button type="button" on:click=copy>"Copy embed code"</button>
            <span class="copied" aria-live="polite">{move || copied.get()}</span>
        </details>
    }
}
