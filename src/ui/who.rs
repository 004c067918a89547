//! "Who says what": claims by actors, each cell the stance in words, which
//! opens the quote and its source. A list on a narrow screen (CSS).

use super::{ctx, detail::StanceItem};
use crate::model::Vocab;
use crate::report;
use leptos::prelude::*;

#[component]
pub fn WhoSaysWhat() -> impl IntoView {
    let cx = ctx();
    let (state, outcome) = (cx.state, cx.outcome);
    let table = {
        let cx = cx.clone();
        Memo::new(move |_| {
            state.with(|s| {
                outcome.with(|o| report::who_says_what(&cx.briefing, &cx.index, &o.matches, s))
            })
        })
    };
    move || {
        let t = table.get();
        let cx = ctx();
        let names: Vec<String> = t.actors.iter().map(|a| cx.actor_name(a)).collect();
        let head = names
            .iter()
            .map(|n| view! { <th scope="col">{n.clone()}</th> })
            .collect_view();
        let rows = t
            .rows
            .iter()
            .map(|row| {
                let c = &cx.briefing.claims[row.claim];
                let cells = row
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(a, cell)| {
                        if cell.is_empty() {
                            return view! { <td class="empty"></td> }.into_any();
                        }
                        let words = report::cell_words(&cx.briefing, row.claim, cell);
                        let claim = row.claim;
                        let quotes = cell
                            .iter()
                            .map(|&s| view! { <StanceItem claim stance=s with_claim=false/> })
                            .collect_view();
                        view! {
                            <td class=format!("cell kind-{}", cx.briefing.claims[claim].stances[cell[0]].kind.key())>
                                <details>
                                    <summary>
                                        <span class="cell-actor">{names[a].clone()} ": "</span>
                                        {words}
                                    </summary>
                                    <ul class="stances">{quotes}</ul>
                                </details>
                            </td>
                        }
                        .into_any()
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">
                            <span class=format!("badge status-{}", c.status.key())>{c.status.label()}</span>
                            " " {c.text.clone()}
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="who-view" aria-labelledby="who-heading">
                <h2 id="who-heading" class="view-title">"Who says what"</h2>
                <p class="hint">"Each claim once; each cell what one speaker says about it. Open a cell for the quote and its source."</p>
                <div class="who-scroll">
                    <table class="who">
                        <caption class="visually-hidden">"Claims by speaker, with each speaker's stance"</caption>
                        <thead><tr><th scope="col">"Claim"</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    }
}
