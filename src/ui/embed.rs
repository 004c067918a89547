//! Embedding in a wiki: the iframe snippet for the current view, and the
//! height messages an iframe host can size the frame by.
//!
//! Message (to the parent window, posted whenever the content height changes):
//! `{ "type": "briefing-viewer:height", "height": <CSS pixels> }`
//!
//! Never to `"*"`: the height says something about what is on screen (a
//! host could frame `?embed=1&q=guess` and learn whether a word occurs), so
//! it goes only to the host origins the publisher lists in index.html,
//! `<meta name="briefing-embed-origins" content="https://wiki.example">`,
//! by default the page's own origin, and only when the framing page is one
//! of them. Nothing in the link can add an origin.

use super::ctx;
use super::dataset::{Datasets, Origin};
use crate::report;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::{closure::Closure, JsCast};

pub const HEIGHT_MESSAGE: &str = "briefing-viewer:height";
pub const ORIGINS_META: &str = "briefing-embed-origins";

thread_local! {
    /// One observer per page: the body outlives every dataset switch.
    static POSTING: Cell<bool> = const { Cell::new(false) };
}

/// The hosts allowed to hear the height: the meta's origins (`*` and
/// anything that is not an http(s) origin are ignored), else this page's own.
fn allowed_hosts() -> Vec<String> {
    let own = window().location().origin().unwrap_or_default();
    let listed = document()
        .query_selector(&format!("meta[name=\"{ORIGINS_META}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"));
    let Some(listed) = listed else {
        return vec![own];
    };
    listed
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|entry| {
            let url = web_sys::Url::new(entry).ok()?;
            let origin = url.origin();
            (matches!(url.protocol().as_str(), "http:" | "https:")
                && entry.trim_end_matches('/') == origin)
                .then_some(origin)
        })
        .collect()
}

/// The origin of the page framing this one, when the browser tells.
fn framing_origin() -> Option<String> {
    let location = window().location();
    let ancestors = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).ok();
    if let Some(first) = ancestors
        .filter(|a| !a.is_undefined())
        .and_then(|a| js_sys::Reflect::get(&a, &0.into()).ok())
        .and_then(|o| o.as_string())
    {
        return Some(first);
    }
    let referrer = document().referrer();
    web_sys::Url::new(&referrer).ok().map(|u| u.origin())
}

/// In an iframe, tells an allowed host the content height now and on every change.
pub fn post_height_to_parent() {
    if POSTING.with(|p| p.replace(true)) {
        return;
    }
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if parent == window() {
        return;
    }
    let allowed = allowed_hosts();
    // Where the browser names the host, post only if it is allowed; where it
    // does not, post to each allowed origin, which the browser delivers only
    // if the host is that origin.
    let targets: Vec<String> = match framing_origin() {
        Some(host) => allowed.into_iter().filter(|a| *a == host).collect(),
        None => allowed,
    };
    if targets.is_empty() {
        return;
    }
    let post = move || {
        let Some(root) = document().document_element() else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &root.scroll_height().into());
        for target in &targets {
            let _ = parent.post_message(&message, target);
        }
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    if let (Ok(observer), Some(body)) = (
        web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()),
        document().body(),
    ) {
        observer.observe(&body);
    }
    // Lives as long as the page, once (POSTING).
    callback.forget();
}

/// "Copy embed code": an iframe that opens this exact view, embedded, and
/// the tiny same-folder script (`embed-host.js`) that sizes it by the
/// height messages, so the host page shows it whole, with no inner scroll.
#[component]
pub fn EmbedCode() -> impl IntoView {
    let cx = ctx();
    let title = cx.briefing.meta.title.clone();
    let copied = RwSignal::new(String::new());
    let snippet = Memo::new(move |_| {
        let location = window().location();
        let page = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let mut view = cx.link_state();
        view.embed = true;
        report::embed_code(&page, &title, &view.to_query())
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
    // A local file lives only in this tab: no link can show it elsewhere.
    let local = expect_context::<Datasets>().current.with_untracked(|c| {
        c.as_ref().and_then(|l| match &l.origin {
            Origin::Local { name, .. } => Some(name.clone()),
            _ => None,
        })
    });
    if let Some(name) = local {
        return view! {
            <details class="embed-code">
                <summary>"Embed this view"</summary>
                <p>{format!("“{name}” is a file from your computer, so no embed code or link can show it elsewhere. Put it on the wiki's site and link it with ?data=.")}</p>
            </details>
        }
        .into_any();
    }
    view! {
        <details class="embed-code">
            <summary>"Embed this view"</summary>
            <label for="embed-snippet">"Embed code for a wiki page (this exact view)"</label>
            <textarea id="embed-snippet" readonly rows="4" prop:value=move || snippet.get()></textarea>
            <button type="button" on:click=copy>"Copy embed code"</button>
            <span class="copied" aria-live="polite">{move || copied.get()}</span>
        </details>
    }
    .into_any()
}
