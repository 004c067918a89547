//! The pictures: a timeline and a communications network in SVG. Their
//! layout maths and SVG come from their own WebAssembly module (`module`),
//! started when this view first opens; these components set the SVG, dim
//! what the filters leave out, and turn touches into filter changes. Both
//! are laid out in CSS pixels for the width they are drawn at, so their text
//! keeps its size on a phone, in an embed and on paper.

mod module;
mod network;
mod timeline;

use super::ctx;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// The element under an event that carries `attr`, and its value.
fn touched(e: &leptos::ev::Event, attr: &str) -> Option<(web_sys::Element, String)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let element = target.closest(&format!("[{attr}]")).ok()??;
    let value = element.get_attribute(attr)?;
    Some((element, value))
}

/// One handler for several event types on `element`, for as long as the
/// page lives (one handler instead of a reactive one per type: less wasm).
fn listen(element: &web_sys::Element, types: &[&str], handler: impl Fn(web_sys::Event) + 'static) {
    // `Fn`, not `FnMut`: focusing another mark re-enters it (focusout, focusin).
    let handler = std::rc::Rc::new(handler);
    for &t in types {
        let handler = handler.clone();
        // Not passive (gloo's default): the keys and the brush prevent the default.
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        gloo::events::EventListener::new_with_options(element, t.to_owned(), options, move |e| {
            handler(e.clone())
        })
        .forget();
    }
}

/// Sets (or with `None` removes) an attribute of the element with this id.
fn set_attr(id: &str, name: &str, value: Option<&str>) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = match value {
            Some(v) => element.set_attribute(name, v),
            None => element.remove_attribute(name),
        };
    }
}

/// Which chronological positions the current filters keep.
fn kept() -> Memo<Vec<bool>> {
    let cx = ctx();
    let (outcome, n) = (cx.outcome, cx.index.len());
    Memo::new(move |_| {
        let mut kept = vec![false; n];
        outcome.with(|o| o.matches.iter().for_each(|&p| kept[p] = true));
        kept
    })
}

/// The width in CSS pixels of the element behind `node`, kept current as it
/// resizes (0 until it is in the page).
fn measured_width(node: NodeRef<leptos::html::Div>) -> RwSignal<f64> {
    let width = RwSignal::new(0.0);
    Effect::new(move |_| {
        let Some(element) = node.get() else {
            return;
        };
        let read = {
            let element = element.clone();
            move || {
                let w = f64::from(element.client_width());
                // Zero while hidden (a closed <details>, print): keep the last layout.
                if w > 0.0
                    && width
                        .try_get_untracked()
                        .is_some_and(|old| (old - w).abs() >= 1.0)
                {
                    let _ = width.try_set(w);
                }
            }
        };
        read();
        let callback = Closure::<dyn FnMut()>::new(read);
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&element);
        }
        // Lives as long as the element; a disposed signal ignores it.
        callback.forget();
    });
    width
}

/// Moves keyboard focus to the element with this id (an SVG mark or node).
fn focus_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        if let Ok(focus) = js_sys::Reflect::get(&element, &"focus".into()) {
            if let Ok(focus) = focus.dyn_into::<js_sys::Function>() {
                let _ = focus.call0(&element);
            }
        }
    }
}

/// The kept positions as the pictures' module reads them: one `0` or `1` each.
fn bits(kept: &[bool]) -> String {
    kept.iter().map(|&k| if k { '1' } else { '0' }).collect()
}

#[component]
pub fn Pictures() -> impl IntoView {
    let kept = kept();
    let ready: module::Readiness = RwSignal::new(None);
    leptos::task::spawn_local(module::start_for(ctx().briefing, ready));
    let shown = move || {
        match ready.get() {
        None => view! { <p class="pictures-wait" role="status">"Drawing the pictures…"</p> }.into_any(),
        Some(Ok(())) => view! { <timeline::Timeline kept/><network::Network kept/> }.into_any(),
        Some(Err(why)) => view! {
            <p class="notice" role="alert">
                {format!("The pictures could not be drawn: {why}. The events and the claims views show everything they would.")}
            </p>
        }
        .into_any(),
    }
    };
    view! { <section class="pictures" aria-label="Pictures">{shown}</section> }
}
