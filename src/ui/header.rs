use crate::model::Meta;
use crate::report::as_of_words;
use leptos::prelude::*;

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|q| q.matches())
}

/// The briefing's masthead: marking, title, as-of date, and the bottom line
/// (summary and key points), which folds on a narrow screen so the first
/// event stays on the first screen.
#[component]
pub fn Masthead(meta: Meta) -> impl IntoView {
    let Meta {
        title,
        subtitle,
        as_of,
        compiled_by,
        summary,
        key_points,
        handling,
        ..
    } = meta;
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_none_or(|w| w >= 800.0);
    view! {
        <header class="masthead">
            {handling.map(|h| view! { <p class="handling">{h}</p> })}
            <div class="masthead-inner">
            <div class="masthead-top">
                <h1>{title}</h1>
                <ThemeToggle/>
            </div>
            {subtitle.map(|s| view! { <p class="subtitle">{s}</p> })}
            <p class="asof">
                "As of " <time datetime=as_of.clone()>{as_of_words(&as_of)}</time> " · " {compiled_by}
            </p>
            <details class="bottom-line" open=wide>
                <summary>"Summary and key points"</summary>
                <p class="summary">{summary}</p>
                {(!key_points.is_empty()).then(|| view! {
                    <h2 class="visually-hidden">"Key points"</h2>
                    <ul class="key-points">
                        {key_points.into_iter().map(|k| view! { <li>{k}</li> }).collect_view()}
                    </ul>
                })}
            </details>
            </div>
        </header>
    }
}

/// Embedded: the title, the as-of and sources line, and the way out to the
/// whole briefing (the same view, not embedded).
#[component]
pub fn EmbedHeader(meta: Meta, source: Option<String>) -> impl IntoView {
    let cx = super::ctx();
    let path = window().location().pathname().unwrap_or_default();
    let full = move || {
        let mut view = cx.link_state();
        view.embed = false;
        format!("{path}{}", view.to_query())
    };
    view! {
        <header class="embed-header">
            {meta.handling.map(|h| view! { <p class="handling">{h}</p> })}
            <h1>{meta.title}</h1>
            // Another file must not pass for the bundled briefing.
            {source.map(|s| view! { <p class="embed-dataset">"Dataset: " <strong>{s}</strong> " (not the bundled briefing)"</p> })}
            <p class="asof">
                "As of " <time datetime=meta.as_of.clone()>{as_of_words(&meta.as_of)}</time> " · " {meta.compiled_by}
                " · " <a href=full target="_blank" rel="noopener">"Open the full briefing"</a>
            </p>
        </header>
    }
}

/// Light or dark: follows the system until the reader chooses.
#[component]
fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(system_prefers_dark());
    let toggle = move |_| {
        dark.update(|d| *d = !*d);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute(
                "data-theme",
                if dark.get_untracked() {
                    "dark"
                } else {
                    "light"
                },
            );
        }
    };
    view! {
        <button type="button" class="theme" aria-pressed=move || dark.get().to_string() on:click=toggle>
            "Dark mode"
        </button>
    }
}
