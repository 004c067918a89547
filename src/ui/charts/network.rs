//! The network: laid out and written as SVG by the pictures' module
//! (`layout::network`, `layout::draw`), set as this element's content.
//! Selection and dimming update attributes in place. Clicking a node toggles
//! that actor's filter; clicking an edge shows the two actors' events.

use super::{bits, listen, module, touched};
use crate::query::Facet;
use crate::ui::ctx;
use leptos::{ev, prelude::*};
use std::sync::Arc;
use wasm_bindgen::JsCast;

#[component]
pub fn Network(kept: Memo<Vec<bool>>) -> impl IntoView {
    let state = ctx().state;
    let reports = RwSignal::new(false);
    let svg = Memo::new(move |_| {
        let reports = if reports.get() { "1" } else { "0" };
        Arc::new(module::draw(&format!("network\n{reports}")))
    });
    let wrap = NodeRef::<leptos::html::Div>::new();
    // Raw listeners run outside any reactive owner: no `ctx()` in them.
    let act = move |e: &ev::Event| -> bool {
        let numbered = |attr: &str| touched(e, attr).and_then(|(_, v)| v.parse::<usize>().ok());
        if let Some(n) = numbered("data-node") {
            let key = module::ask(&format!("node\n{n}"));
            if !key.is_empty() {
                state.update(|s| s.toggle(Facet::Actor, &key));
            }
            !key.is_empty()
        } else if let Some(edge) = numbered("data-edge") {
            let pair = module::ask(&format!("edge\n{edge}"));
            let keys: Vec<String> = pair.lines().map(str::to_owned).collect();
            if keys.len() == 2 {
                state.update(|s| s.only_actors(keys));
            }
            !pair.is_empty()
        } else {
            false
        }
    };
    Effect::new(move |drawn: Option<usize>| {
        let svg = svg.get();
        let Some(el) = wrap.get() else {
            return drawn.unwrap_or(0);
        };
        if drawn.is_none_or(|d| d == 0) {
            listen(&el, &["click", "keydown"], move |e| {
                let key = e.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key());
                let activate = key.as_deref().is_none_or(|k| k == "Enter" || k == " ");
                if activate && act(&e) && key.is_some() {
                    e.prevent_default();
                }
            });
        }
        let id = Arc::as_ptr(&svg) as usize;
        if drawn != Some(id) {
            el.set_inner_html(&svg);
        }
        let mut request = format!("network-kept\n{}", kept.with(|k| bits(k)));
        state.with(|s| {
            for key in &s.actors {
                request.push('\n');
                request.push_str(key);
            }
        });
        module::apply(&module::ask(&request));
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
            <Table svg/>
        </details>
    }
}

#[component]
fn Table(svg: Memo<Arc<String>>) -> impl IntoView {
    let open = RwSignal::new(false);
    // The rows of the network last drawn.
    let rows = move || {
        if !open.get() {
            return String::new();
        }
        svg.track();
        module::ask("contacts")
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
