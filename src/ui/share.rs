//! Cite and share: copy the link of the view, copy a quote's citation,
//! download the view as CSV or as a dataset (JSON). The words and rows come
//! from `report`; this only moves them to the clipboard or a file.

use super::ctx;
use crate::report;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Writes `text` to the clipboard and says how it went in `said`.
pub fn copy(text: String, said: RwSignal<&'static str>) {
    let clipboard = window().navigator().clipboard();
    leptos::task::spawn_local(async move {
        let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
        said.set(if done.is_ok() {
            "Copied."
        } else {
            "Copy blocked by this browser."
        });
        set_timeout(move || said.set(""), Duration::from_secs(4));
    });
}

/// "Copy link" and the downloads of the view on screen.
#[component]
pub fn ShareTools() -> impl IntoView {
    let cx = ctx();
    let said = RwSignal::new("");
    let copy_link = move |_| {
        super::url::flush();
        copy(window().location().href().unwrap_or_default(), said)
    };
    let name = report::file_stem(&cx.briefing.meta.title);
    let csv = {
        let (cx, name) = (cx.clone(), name.clone());
        move |_| {
            let text = cx.state.with_untracked(|s| {
                cx.outcome
                    .with_untracked(|o| report::csv(&cx.briefing, &cx.index, &o.matches, s))
            });
            download(&format!("{name}.csv"), "text/csv;charset=utf-8", &text);
        }
    };
    let json = move |_| {
        let part = cx
            .outcome
            .with_untracked(|o| report::subset(&cx.briefing, &cx.index, &o.matches));
        download(
            &format!("{name}.json"),
            "application/json",
            &report::to_json(&part),
        );
    };
    view! {
        <div class="share">
            <button type="button" on:click=copy_link>"Copy link"</button>
            <span class="copied" aria-live="polite">{move || said.get()}</span>
            <details class="download">
                <summary>"Download"</summary>
                <div class="download-menu">
                    <button type="button" on:click=csv>"Quotes of this view (CSV)"</button>
                    <button type="button" on:click=json>"Events of this view as a dataset (JSON)"</button>
                </div>
            </details>
        </div>
    }
}

/// Saves `text` as a file, without any request: a blob link, clicked.
fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
}
