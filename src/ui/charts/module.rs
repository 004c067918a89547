//! The pictures' own WebAssembly module (`pictures/`, the maths of
//! `layout::session`), fetched and started the first time the Pictures view
//! opens, so that the page does not carry it. Its name is in
//! `<meta name="briefing-pictures">` (written by `scripts/postbuild.mjs`):
//! a file beside the page, or the module itself as a `data:` URL in the
//! single file. Requests and answers are text in the module's memory.

use crate::model::Briefing;
use js_sys::{Function, Reflect, Uint8Array, WebAssembly};
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

struct Module {
    memory: WebAssembly::Memory,
    append: Function,
    reserve: Function,
    run: Function,
    answer: Function,
    /// The dataset the module holds. Weak, so that the page's copy is freed
    /// when another dataset opens, and its address (what is compared) is
    /// not reused by another briefing while this is kept.
    holds: std::sync::Weak<Briefing>,
}

/// Whether the pictures can be drawn: not known yet, yes, or why not.
pub type Readiness = RwSignal<Option<Result<(), String>>>;

thread_local! {
    static MODULE: RefCell<Option<Module>> = const { RefCell::new(None) };
    /// The view to tell if the module stops while it is shown.
    static VIEW: std::cell::Cell<Option<Readiness>> = const { std::cell::Cell::new(None) };
}

const STOPPED: &str = "they stopped working (reload the page to try again)";
const DREW_NOTHING: &str = "their program drew nothing (reload the page to try again)";

fn export(exports: &JsValue, name: &str) -> Result<JsValue, String> {
    Reflect::get(exports, &name.into())
        .ok()
        .filter(|v| !v.is_undefined())
        .ok_or_else(|| format!("it has no “{name}”"))
}

fn function(exports: &JsValue, name: &str) -> Result<Function, String> {
    export(exports, name)?
        .dyn_into()
        .map_err(|_| format!("its “{name}” is not a function"))
}

/// The module's bytes: fetched from this site, or decoded from the page.
async fn bytes() -> Result<Vec<u8>, String> {
    let source = document()
        .query_selector("meta[name=briefing-pictures]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or("this page does not say where they are")?;
    match source.strip_prefix("data:application/wasm;base64,") {
        Some(base64) => {
            let binary = window()
                .atob(base64)
                .map_err(|_| "they are damaged in this page")?;
            Ok(binary.chars().map(|c| c as u8).collect())
        }
        None => super::super::dataset::fetch_bytes(&source).await,
    }
}

async fn start() -> Result<Module, String> {
    let bytes = bytes().await?;
    let started = JsFuture::from(WebAssembly::instantiate_buffer(
        &bytes,
        &js_sys::Object::new(),
    ))
    .await
    .map_err(|_| "this browser could not start them".to_string())?;
    let exports = Reflect::get(&started, &"instance".into())
        .and_then(|i| Reflect::get(&i, &"exports".into()))
        .map_err(|_| "this browser could not start them".to_string())?;
    Ok(Module {
        memory: export(&exports, "memory")?
            .dyn_into()
            .map_err(|_| "its memory is missing")?,
        append: function(&exports, "append")?,
        reserve: function(&exports, "reserve")?,
        run: function(&exports, "run")?,
        answer: function(&exports, "answer")?,
        holds: std::sync::Weak::new(),
    })
}

impl Module {
    /// Whether `len` bytes from `at` lie in the module's memory: a view
    /// outside it would throw, and a module that names one is broken.
    fn within(&self, at: u32, len: usize) -> bool {
        let size = js_sys::ArrayBuffer::from(self.memory.buffer()).byte_length() as usize;
        (at as usize)
            .checked_add(len)
            .is_some_and(|end| end <= size)
    }

    /// Adds `bytes` to the request being written.
    fn append(&self, bytes: &[u8]) -> Option<()> {
        let at = self
            .append
            .call1(&JsValue::NULL, &(bytes.len() as u32).into())
            .ok()?
            .as_f64()? as u32;
        if !self.within(at, bytes.len()) {
            return None;
        }
        Uint8Array::new(&self.memory.buffer())
            .subarray(at, at + bytes.len() as u32)
            .copy_from(bytes);
        Some(())
    }

    /// Runs the request written and reads the answer. `None` if the module
    /// failed (a trap): it is not asked again.
    fn run(&self) -> Option<String> {
        let len = self.run.call0(&JsValue::NULL).ok()?.as_f64()? as usize;
        let at = self.answer.call0(&JsValue::NULL).ok()?.as_f64()? as u32;
        if !self.within(at, len) {
            return None;
        }
        let answer =
            Uint8Array::new_with_byte_offset_and_length(&self.memory.buffer(), at, len as u32);
        String::from_utf8(answer.to_vec()).ok()
    }

    fn ask(&self, request: &[u8]) -> Option<String> {
        self.append(request)?;
        self.run()
    }

    /// Hands the module `briefing`, written as JSON straight into its
    /// memory a part at a time (never as one string in the page's).
    fn load(&self, briefing: &Briefing) -> Option<String> {
        // Its length first (written and counted, not kept), so the module
        // makes room once.
        let mut len = 5;
        crate::report::write_json(briefing, &mut |part| len += part.len());
        self.reserve
            .call1(&JsValue::NULL, &(len as u32).into())
            .ok()?;
        let mut written = self.append(b"load\n");
        crate::report::write_json(briefing, &mut |part| {
            if written.is_some() {
                written = self.append(part.as_bytes());
            }
        });
        written?;
        self.run()
    }
}

/// Starts the module if it is not running and gives it `briefing` if it
/// holds another, then says so in `view` (or why it cannot); `view` also
/// hears it if the module stops later.
pub async fn start_for(briefing: Arc<Briefing>, view: Readiness) {
    VIEW.set(Some(view));
    let started = ready(briefing).await;
    // The view may have closed meanwhile: a disposed signal ignores it.
    let _ = view.try_set(Some(started));
}

async fn ready(briefing: Arc<Briefing>) -> Result<(), String> {
    let running = MODULE.with_borrow(|m| m.is_some());
    if !running {
        let module = start().await?;
        MODULE.with_borrow_mut(|m| *m = Some(module));
    }
    MODULE.with_borrow_mut(|slot| {
        let module = slot.as_mut().ok_or(STOPPED)?;
        if !std::ptr::eq(module.holds.as_ptr(), Arc::as_ptr(&briefing)) {
            match module.load(&briefing) {
                Some(why) if why.is_empty() => module.holds = Arc::downgrade(&briefing),
                Some(why) => return Err(why),
                None => {
                    *slot = None;
                    return Err(STOPPED.into());
                }
            }
        }
        Ok(())
    })
}

/// The module's answer to a `layout::session` request (empty if it has
/// none, or stopped).
pub fn ask(request: &str) -> String {
    MODULE.with_borrow_mut(|slot| {
        let answer = slot.as_ref().map(|m| m.ask(request.as_bytes()));
        if let Some(None) = answer {
            // A trap leaves the module's memory undefined: start afresh next
            // time, and say so now (after this reactive run, not inside it).
            *slot = None;
            tell(STOPPED);
        }
        answer.flatten().unwrap_or_default()
    })
}

/// A picture (`timeline` or `network`): never empty from a working module,
/// so an empty one is said in words rather than left blank.
pub fn draw(request: &str) -> String {
    let svg = ask(request);
    // A module that stopped has said so already.
    if svg.is_empty() && MODULE.with_borrow(Option::is_some) {
        tell(DREW_NOTHING);
    }
    svg
}

/// Says in the view that the pictures cannot be drawn (after the reactive
/// run that found it, not inside it).
fn tell(why: &'static str) {
    if let Some(view) = VIEW.get() {
        request_animation_frame(move || {
            let _ = view.try_set(Some(Err(why.into())));
        });
    }
}

/// Applies the attribute updates of an answer (see `layout::session`).
pub fn apply(answer: &str) {
    for line in answer.lines() {
        let mut parts = line.splitn(3, '\t');
        if let (Some(id), Some(name)) = (parts.next(), parts.next()) {
            super::set_attr(id, name, parts.next());
        }
    }
}
