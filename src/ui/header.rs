use crate::model::{Day, Meta};
use leptos::prelude::*;

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|q| q.matches())
}

/// The briefing's masthead: marking, title, as-of date, summary, key points.
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
                "As of " <time datetime=as_of.clone()>{Day::parse(&as_of).map_or_else(|| as_of.clone(), Day::long)}</time> " · " {compiled_by}
            </p>
            <p class="summary">{summary}</p>
            {(!key_points.is_empty()).then(|| view! {
                <h2 class="visually-hidden">"Key points"</h2>
                <ul class="key-points">
                    {key_points.into_iter().map(|k| view! { <li>{k}</li> }).collect_view()}
                </ul>
            })}
            </div>
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
