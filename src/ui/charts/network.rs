//! The network: laid out by `layout::network`, written as SVG by
//! `layout::draw`, set as this element's content. Selection and dimming
//! update attributes in place. Clicking a node toggles that actor's filter;
//! clicking an edge shows the two actors' events.

use super::{listen, set_attr, touched};
use crate::layout::draw;
use crate::layout::network::{self, NetworkLayout};
use crate::query::Facet;
use crate::ui::ctx;
use leptos::{ev, prelude::*};
use std::sync::Arc;
use wasm_bindgen::JsCast;

#[component]
pub fn Network(kept: Memo<Vec<bool>>) -> impl IntoView {
    let cx = ctx();
    let state = cx.state;
    let (b, index) = (cx.briefing.clone(), cx.index.clone());
    let reports = RwSignal::new(false);
    let layout = Memo::new(move |_| Arc::new(network::layout(&b, &index, reports.get())));
    let wrap = NodeRef::<leptos::html::Div>::new();
    // Raw listeners run outside any reactive owner: no `ctx()` in them.
    let act_index = cx.index.clone();
    let act = move |e: &ev::Event| -> bool {
        let l = layout.get_untracked();
        let index = &act_index;
        if let Some(n) = touched(e, "data-node").and_then(|(_, v)| v.parse::<usize>().ok()) {
            let Some(node) = l.nodes.get(n) else {
                return false;
            };
            let key = index.actors[node.option].key.clone();
            state.update(|s| s.toggle(Facet::Actor, &key));
            true
        } else if let Some(edge) = touched(e, "data-edge")
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .and_then(|i| l.edges.get(i))
        {
            let keys = [edge.a, edge.b].map(|n| index.actors[l.nodes[n].option].key.clone());
            state.update(|s| s.only_actors(keys));
            true
        } else {
            false
        }
    };
    let (b, index) = (cx.briefing.clone(), cx.index.clone());
    Effect::new(move |drawn: Option<usize>| {
        let l = layout.get();
        let Some(el) = wrap.get() else {
            return drawn.unwrap_or(0);
        };
        if drawn.is_none_or(|d| d == 0) {
            let act = act.clone();
            listen(&el, &["click", "keydown"], move |e| {
                let key = e.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key());
                let activate = key.as_deref().is_none_or(|k| k == "Enter" || k == " ");
                if activate && act(&e) && key.is_some() {
                    e.prevent_default();
                }
            });
        }
        let id = Arc::as_ptr(&l) as usize;
        if drawn != Some(id) {
            el.set_inner_html(&draw::network(&l, &b, &index));
        }
        let shown = kept.with(|k| network::shown(&l, &index, k));
        for (i, n) in l.nodes.iter().enumerate() {
            let id = format!("network-node-{i}");
            set_attr(&id, "data-dim", (!shown.nodes[i]).then_some(""));
            let selected = state.with(|s| s.actors.contains(&index.actors[n.option].key));
            set_attr(
                &id,
                "aria-pressed",
                Some(if selected { "true" } else { "false" }),
            );
        }
        for (i, kept) in shown.edges.iter().enumerate() {
            set_attr(
                &format!("network-edge-{i}"),
                "data-dim",
                (!kept).then_some(""),
            );
        }
        id
    });
    view! {
        <details class="figure" open>
            <summary><h3>"Network"</h3></summary>
            <figure>
                <label class="reports-toggle">
                    <input type="checkbox" prop:checked=move || reports.get() on:change=move |e| reports.set(event_target_checked(&e))/>
                    " Also show statements and publications (who spoke or wrote about whom)"
                </label>
                <div class="network-wrap" node_ref=wrap></div>
            </figure>
            <Table layout/>
        </details>
    }
}

#[component]
fn Table(layout: Memo<Arc<NetworkLayout>>) -> impl IntoView {
    let index = ctx().index;
    let open = RwSignal::new(false);
    let rows = move || {
        if !open.get() {
            return String::new();
        }
        draw::contacts_html(&layout.get(), &index)
    };
    view! {
        <details class="as-table" on:toggle=move |e| open.set(event_target::<web_sys::HtmlDetailsElement>(&e).open())>
            <summary>"Network as a table"</summary>
            <table>
                <caption>"Contacts between actors"</caption>
                <thead><tr><th scope="col">"Actor"</th><th scope="col">"With"</th><th scope="col">"Events"</th><th scope="col">"Channel"</th><th scope="col">"What is known"</th></tr></thead>
                <tbody inner_html=rows></tbody>
            </table>
        </details>
    }
}
