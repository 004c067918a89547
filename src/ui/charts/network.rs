use super::on_activate;
use crate::layout::network::{self, NetworkLayout};
use crate::model::Vocab;
use crate::query::Facet;
use crate::ui::ctx;
use leptos::prelude::*;

/// Who communicated with whom: actors on a circle grouped by affiliation,
/// edges for calls, meetings and messages. Clicking a node toggles that
/// actor's filter.
#[component]
pub fn Network(kept: Memo<Vec<bool>>) -> impl IntoView {
    let cx = ctx();
    let state = cx.state;
    let b = cx.briefing.clone();
    let index = cx.index.clone();
    let layout: NetworkLayout = network::layout(&b, &index);
    let size = layout.size;
    let hidden = layout.hidden_edges;

    let edges = layout
        .edges
        .iter()
        .map(|e| {
            let (a, c) = (&layout.nodes[e.a], &layout.nodes[e.b]);
            let events = e.events.clone();
            let names = format!("{} – {}", index.actors[a.option].label, index.actors[c.option].label);
            let title = format!(
                "{names}: {} event(s){}, {}, {}",
                e.events.len(),
                if e.planned { ", planned" } else { "" },
                e.modality.label().to_lowercase(),
                certainty_words(e.certainty)
            );
            view! {
                <line
                    class=format!("edge m-{} certainty-{}{}", e.modality.key(), e.certainty.key(), if e.planned { " planned" } else { "" })
                    class:dim=move || kept.with(|k| !events.iter().any(|&p| k[p]))
                    x1=a.x y1=a.y x2=c.x y2=c.y
                    stroke-width=e.width
                >
                    <title>{title}</title>
                </line>
            }
        })
        .collect_view();
    let nodes = layout
        .nodes
        .iter()
        .map(|n| {
            let option = &index.actors[n.option];
            let key = option.key.clone();
            let name = option.label.clone();
            let members: Vec<usize> = option.events.ones().collect();
            let selected = {
                let key = key.clone();
                Signal::derive(move || state.with(|s| s.actors.contains(&key)))
            };
            let toggle = move || {
                let on = !selected.get_untracked();
                state.update(|s| s.set(Facet::Actor, &key, on));
            };
            let toggle_key = toggle.clone();
            let label = n.label.as_ref().map(|l| {
                view! {
                    <text
                        class="node-label"
                        x=l.x y=l.y
                        text-anchor=if l.end { "end" } else { "start" }
                        dominant-baseline="middle"
                        transform=format!("rotate({:.2} {:.2} {:.2})", l.rotate, l.x, l.y)
                    >
                        {l.text.clone()}
                        {l.cut.then(|| view! { <tspan aria-hidden="true">"…"</tspan> })}
                    </text>
                }
            });
            view! {
                <g
                    class="node"
                    class:selected=move || selected.get()
                    class:dim=move || kept.with(|k| !members.iter().any(|&p| k[p]))
                    tabindex="0"
                    role="button"
                    aria-pressed=move || selected.get().to_string()
                    aria-label=format!("{name}, {} event(s)", n.events)
                    on:click=move |_| toggle()
                    on:keydown=on_activate(toggle_key)
                >
                    <title>{format!("{name}: {} event(s). Click to filter.", n.events)}</title>
                    <circle cx=n.x cy=n.y r=n.r/>
                    {label}
                </g>
            }
        })
        .collect_view();
    let table_open = RwSignal::new(false);
    let table = {
        let index = index.clone();
        let layout = layout.clone();
        move || {
            layout
                .edges
                .iter()
                .map(|e| {
                    let name = |n: usize| index.actors[layout.nodes[n].option].label.clone();
                    view! {
                        <tr>
                            <td>{name(e.a)}</td>
                            <td>{name(e.b)}</td>
                            <td>{e.events.len()}</td>
                            <td>{e.modality.label()}</td>
                            <td>{certainty_words(e.certainty)}</td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <details class="figure" open>
            <summary><h3>"Network"</h3></summary>
            <figure>
                <svg
                    class="network"
                    viewBox=format!("0 0 {size:.0} {size:.0}")
                    role="group"
                    aria-label="Who communicated with whom; each actor is a button that filters to that actor"
                >
                    <g class="edges">{edges}</g>
                    <g class="nodes">{nodes}</g>
                </svg>
                <figcaption>
                    <span class="legend"><svg class="key" viewBox="0 0 30 8" aria-hidden="true"><line class="edge certainty-confirmed" x1="0" y1="4" x2="30" y2="4"/></svg>" confirmed or partially confirmed"</span>
                    <span class="legend"><svg class="key" viewBox="0 0 30 8" aria-hidden="true"><line class="edge certainty-contested" x1="0" y1="4" x2="30" y2="4"/></svg>" alleged, disputed, denied or unverified"</span>
                    <span class="legend"><svg class="key" viewBox="0 0 30 8" aria-hidden="true"><line class="edge certainty-unclaimed" x1="0" y1="4" x2="30" y2="4"/></svg>" no claim recorded"</span>
                    <span class="legend"><svg class="key" viewBox="0 0 30 8" aria-hidden="true"><line class="edge planned" x1="0" y1="4" x2="30" y2="4"/></svg>" planned"</span>
                    {(hidden > 0).then(|| view! { <span class="legend">{format!("{hidden} quieter contacts are not drawn (see the table).")}</span> })}
                    <span class="legend">"Colour: channel, as in the timeline. Thicker: more events. Node size: events involving the actor. Statements and publications are not contacts and draw no line."</span>
                </figcaption>
            </figure>
            <details class="as-table" on:toggle=move |e| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&e).open())>
                <summary>"Network as a table"</summary>
                {move || table_open.get().then(|| view! {
                    <table>
                        <caption>"Contacts between actors"</caption>
                        <thead><tr><th scope="col">"Actor"</th><th scope="col">"With"</th><th scope="col">"Events"</th><th scope="col">"Channel"</th><th scope="col">"What is known"</th></tr></thead>
                        <tbody>{table.clone()}</tbody>
                    </table>
                })}
            </details>
        </details>
    }
}

fn certainty_words(c: network::Certainty) -> &'static str {
    match c {
        network::Certainty::Confirmed => "confirmed or partially confirmed",
        network::Certainty::Contested => "alleged, disputed, denied or unverified",
        network::Certainty::Unclaimed => "no claim recorded",
    }
}
