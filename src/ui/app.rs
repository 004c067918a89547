use crate::model::{self, Briefing, Problem};
use leptos::prelude::*;

/// Loads the bundled dataset and shows the briefing, or says in words why it cannot.
#[component]
pub fn App() -> impl IntoView {
    match model::load(model::BUNDLED) {
        Ok(briefing) => view! { <BriefingView briefing/> }.into_any(),
        Err(problems) => view! { <DatasetProblems problems/> }.into_any(),
    }
}

#[component]
fn BriefingView(briefing: Briefing) -> impl IntoView {
    let total = briefing.events.len();
    let shown = total;
    view! {
        <header class="masthead">
            <h1>{briefing.meta.title.clone()}</h1>
        </header>
        <main>
            <p role="status" class="count">{format!("{shown} of {total} events")}</p>
        </main>
    }
}

#[component]
fn DatasetProblems(problems: Vec<Problem>) -> impl IntoView {
    view! {
        <main class="problems" role="alert">
            <h1>"This briefing's data could not be read"</h1>
            <p>{format!("{} problem(s) were found in the dataset:", problems.len())}</p>
            <ul>
                {problems.into_iter().map(|p| view! { <li><code>{p.path.clone()}</code>" " {p.message}</li> }).collect_view()}
            </ul>
        </main>
    }
}
