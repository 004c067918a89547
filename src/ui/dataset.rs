//! Which dataset is shown: the bundled one, one from this site (`?data=`),
//! or a local file the reader opens or drops (read in the browser, never
//! uploaded). A dataset that fails validation is listed problem by problem,
//! and the briefing already on screen stays.
//!
//! The address bar and the screen agree on the dataset: `?data=` names a
//! file of this site; an entry made while a local file was shown carries a
//! marker in `history.state`, so Back and Forward bring that file back (from
//! memory), or say that they cannot (after a reload).

use super::url;
use crate::model::{self, decode::too_big, decode::MAX_BYTES, Briefing};
use crate::query::state::{data_param, without_data};
use crate::query::{Index, ViewState};
use crate::report::count;
use leptos::{ev, prelude::*};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where a dataset came from.
#[derive(Clone, PartialEq)]
pub enum Origin {
    Bundled,
    /// `?data=`: a relative URL on this site.
    Site(String),
    /// A file the reader opened; `serial` tells two opened files apart.
    Local {
        name: String,
        serial: u32,
    },
}

/// A dataset ready to show, with the view to open it in.
pub struct Loaded {
    pub briefing: Arc<Briefing>,
    pub index: Arc<Index>,
    /// "the bundled briefing", a file name or a relative URL.
    pub label: String,
    pub origin: Origin,
    pub initial: ViewState,
    pub notices: Vec<String>,
}

impl Loaded {
    /// The same dataset in another view.
    fn in_view(&self, initial: ViewState, notices: Vec<String>) -> Loaded {
        Loaded {
            briefing: self.briefing.clone(),
            index: self.index.clone(),
            label: self.label.clone(),
            origin: self.origin.clone(),
            initial,
            notices,
        }
    }
}

/// A dataset that could not be used, and why.
#[derive(Clone)]
pub struct Failure {
    pub heading: String,
    pub intro: String,
    pub problems: Vec<String>,
}

/// Datasets kept for Back and Forward: the bundled one, and the last few others.
const REMEMBERED: usize = 4;
/// A `?data=` file must arrive within this time; the briefing on screen stays meanwhile.
pub const FETCH_SECONDS: u32 = 15;
const MARKER: &str = "briefingLocal";

/// The view of the briefing on screen: how to apply a view read from the
/// address bar (the page splits it into its signals), and its notices.
pub type ViewSignals = (Callback<ViewState>, RwSignal<Vec<String>>);

#[derive(Clone, Copy)]
pub struct Datasets {
    pub current: RwSignal<Option<Arc<Loaded>>>,
    pub failure: RwSignal<Option<Failure>>,
    /// What is being fetched, while it is.
    pub loading: RwSignal<Option<String>>,
    /// A file is being dragged over the page.
    pub dragging: RwSignal<bool>,
    bundled: StoredValue<Option<Arc<Loaded>>>,
    recent: StoredValue<Vec<Arc<Loaded>>>,
    serial: StoredValue<u32>,
    /// Each fetch's number: a late answer to an abandoned fetch is dropped.
    generation: StoredValue<u32>,
    /// The view of the briefing on screen, set by it: Back and Forward
    /// within one dataset only change the view.
    pub view: StoredValue<Option<ViewSignals>>,
}

pub const BUNDLED_LABEL: &str = "the bundled briefing";

impl Datasets {
    pub fn new() -> Datasets {
        Datasets {
            current: RwSignal::new(None),
            failure: RwSignal::new(None),
            loading: RwSignal::new(None),
            dragging: RwSignal::new(false),
            bundled: StoredValue::new(None),
            recent: StoredValue::new(Vec::new()),
            serial: StoredValue::new(0),
            generation: StoredValue::new(0),
            view: StoredValue::new(None),
        }
    }

    fn prepare(briefing: Briefing, label: String, origin: Origin) -> Loaded {
        let briefing = Arc::new(briefing);
        let index = Arc::new(Index::deferred(briefing.clone()));
        build_search_later(Arc::downgrade(&index));
        Loaded {
            briefing,
            index,
            label,
            origin,
            initial: ViewState::default(),
            notices: Vec::new(),
        }
    }

    pub fn set_bundled(self, briefing: Briefing) {
        let loaded = Self::prepare(briefing, BUNDLED_LABEL.into(), Origin::Bundled);
        self.bundled.set_value(Some(Arc::new(loaded)));
    }

    /// Opens the page: the dataset and view its address names.
    pub fn start(self) {
        let query = url::current_query();
        if let Some(name) = local_marker().map(|(_, name)| name) {
            // A reload of a view of a local file: the file is not ours to reopen.
            url::set_local(None);
            self.fail_with(
                format!("The local file “{name}” cannot be shown again"),
                "This view showed a file from your computer, which a reload cannot reopen. The bundled briefing is shown instead; open the file again with “Open dataset…”.".into(),
                Vec::new(),
            );
            self.show_bundled(&without_data(&query));
            return;
        }
        match data_param(&query) {
            Some(Ok(relative)) => self.fetch(relative, query),
            // No `data`, or a refused one (from_query explains it in a notice).
            _ => self.show_bundled(&query),
        }
    }

    fn show_bundled(self, query: &str) {
        if let Some(bundled) = self.bundled.get_value() {
            url::set_local(None);
            let (initial, notices) = ViewState::from_query(query, &bundled.index);
            self.current
                .set(Some(Arc::new(bundled.in_view(initial, notices))));
        }
    }

    fn remember(self, loaded: &Arc<Loaded>) {
        self.recent.update_value(|r| {
            r.retain(|l| l.origin != loaded.origin);
            r.push(loaded.clone());
            if r.len() > REMEMBERED {
                r.remove(0);
            }
        });
    }

    /// Validates `bytes` fetched from `relative`; on success shows them in
    /// the view `query`; on failure keeps what is on screen and lists why.
    fn offer_site(self, body: Body, relative: String, query: &str) -> bool {
        match read(body) {
            Ok(briefing) => {
                self.failure.set(None);
                let mut loaded = Self::prepare(briefing, relative.clone(), Origin::Site(relative));
                (loaded.initial, loaded.notices) = ViewState::from_query(query, &loaded.index);
                let loaded = Arc::new(loaded);
                self.remember(&loaded);
                url::set_local(None);
                self.current.set(Some(loaded));
                true
            }
            Err(problems) => {
                self.fail(relative, problems.iter().map(|p| p.to_string()).collect());
                false
            }
        }
    }

    /// A local file: shown with no filters (its ids differ from the last
    /// one's), in a history entry of its own.
    fn offer_local(self, body: Body, name: String) {
        match read(body) {
            Ok(briefing) => {
                self.failure.set(None);
                let serial = self.serial.get_value() + 1;
                self.serial.set_value(serial);
                let mut loaded = Self::prepare(
                    briefing,
                    name.clone(),
                    Origin::Local {
                        name: name.clone(),
                        serial,
                    },
                );
                loaded.initial.embed = ViewState::from_query(&url::current_query(), &loaded.index)
                    .0
                    .embed;
                let loaded = Arc::new(loaded);
                self.remember(&loaded);
                url::set_local(Some((serial, &name)));
                url::write(&loaded.initial.to_query(), true);
                self.current.set(Some(loaded));
            }
            Err(problems) => self.fail(name, problems.iter().map(|p| p.to_string()).collect()),
        }
    }

    pub fn fail(self, label: String, problems: Vec<String>) {
        self.fail_with(
            format!("The dataset “{label}” could not be used"),
            format!(
                "{} found. The briefing below is unchanged.",
                count(problems.len(), "problem was", "problems were")
            ),
            problems,
        );
    }

    fn fail_with(self, heading: String, intro: String, problems: Vec<String>) {
        self.failure.set(Some(Failure {
            heading,
            intro,
            problems,
        }));
    }

    /// Fetches a dataset from this site (`?data=`), already checked to be
    /// relative; until it arrives (or not) the bundled briefing is one click away.
    pub fn fetch(self, relative: String, query: String) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.loading.set(Some(relative.clone()));
        leptos::task::spawn_local(async move {
            let wanted = move || self.generation.try_get_value() == Some(generation);
            let result = fetch_body(&relative, Some(&wanted)).await;
            if self.generation.get_value() != generation {
                return; // The reader moved on (Back, a local file, "show the bundled briefing").
            }
            self.loading.set(None);
            let shown = match result {
                Ok(body) => self.offer_site(body, relative.clone(), &query),
                Err(reason) => {
                    self.fail(relative, vec![reason]);
                    false
                }
            };
            if shown {
                return;
            }
            if self.current.with_untracked(Option::is_none) {
                // Nothing on screen yet: the bundled briefing, under an
                // address that no longer names the file that failed.
                let view = without_data(&query);
                self.show_bundled(&view);
                url::write(&view, false);
            } else {
                // A history step to a file that failed: the address goes
                // back to naming what is on screen.
                let marker = self
                    .current
                    .with_untracked(|c| match c.as_ref().map(|l| &l.origin) {
                        Some(Origin::Local { serial, name }) => Some((*serial, name.clone())),
                        _ => None,
                    });
                url::set_local(marker.as_ref().map(|(s, n)| (*s, n.as_str())));
                url::write(&url::shown_query(), false);
            }
        });
    }

    /// "Show the bundled briefing instead" while a `?data=` file is on its way.
    pub fn abandon_fetch(self) {
        self.generation.update_value(|g| *g += 1);
        if let Some(what) = self.loading.get_untracked() {
            self.loading.set(None);
            let view = without_data(&url::current_query());
            self.fail_with(
                format!("The dataset “{what}” was not waited for"),
                "The bundled briefing is shown instead.".into(),
                Vec::new(),
            );
            if self.current.with_untracked(Option::is_none) {
                self.show_bundled(&view);
                url::write(&view, false);
            }
        }
    }

    /// Reads a local file chosen or dropped by the reader: as bytes, so that
    /// a file that is not UTF-8 is refused in words, not shown garbled.
    pub fn read_file(self, file: web_sys::File) {
        let name = file.name();
        if file.size() > MAX_BYTES as f64 {
            self.fail(
                name,
                vec![format!("the file: {}", too_big(file.size() as usize))],
            );
            return;
        }
        self.generation.update_value(|g| *g += 1);
        self.loading.set(None);
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => self.offer_local(Body::whole(&buffer, Reading::Start), name),
                Err(_) => self.fail(
                    name,
                    vec![
                        "the file: it could not be read (it may have been moved, or be unreadable)"
                            .into(),
                    ],
                ),
            }
        });
    }

    /// Back and Forward: the dataset of that entry, in its view.
    fn restore(self) {
        let query = url::current_query();
        let wanted = match (local_marker(), data_param(&query)) {
            (Some((serial, name)), _) => Origin::Local { name, serial },
            (None, Some(Ok(relative))) => Origin::Site(relative),
            _ => Origin::Bundled,
        };
        let on_screen = self
            .current
            .with_untracked(|c| c.as_ref().map(|l| l.origin.clone()));
        if on_screen.as_ref() == Some(&wanted) {
            if let Some((state, notices)) = self.view.get_value() {
                if let Some(index) = self
                    .current
                    .with_untracked(|c| c.as_ref().map(|l| l.index.clone()))
                {
                    let (restored, ignored) = ViewState::from_query(&query, &index);
                    notices.try_set(ignored);
                    state.run(restored);
                }
            }
            return;
        }
        self.generation.update_value(|g| *g += 1);
        self.loading.set(None);
        let remembered = self
            .recent
            .with_value(|r| r.iter().find(|l| l.origin == wanted).cloned());
        match (wanted, remembered) {
            (Origin::Bundled, _) => self.show_bundled(&query),
            (_, Some(loaded)) => {
                let (initial, notices) = ViewState::from_query(&query, &loaded.index);
                if let Origin::Local { serial, name } = &loaded.origin {
                    url::set_local(Some((*serial, name)));
                } else {
                    url::set_local(None);
                }
                self.current
                    .set(Some(Arc::new(loaded.in_view(initial, notices))));
            }
            (Origin::Site(relative), None) => self.fetch(relative, query),
            (Origin::Local { name, .. }, None) => {
                self.fail_with(
                    format!("The local file “{name}” cannot be shown again"),
                    "This step of the history showed a file from your computer that is no longer open here. The bundled briefing is shown instead; open the file again with “Open dataset…”.".into(),
                    Vec::new(),
                );
                url::set_local(None);
                url::write(&query, false);
                self.show_bundled(&query);
            }
        }
    }

    /// Page-wide, on every screen (loading, problems, briefing): a dropped
    /// file is opened, never navigated to; history steps restore datasets.
    pub fn listen(self) {
        let over = window_event_listener(ev::dragover, move |e: ev::DragEvent| {
            e.prevent_default();
            if !crashed() {
                self.dragging.set(true);
            }
        });
        let leave = window_event_listener(ev::dragleave, move |e: ev::DragEvent| {
            if e.related_target().is_none() {
                self.dragging.set(false);
            }
        });
        let drop = window_event_listener(ev::drop, move |e: ev::DragEvent| {
            e.prevent_default();
            self.dragging.set(false);
            if crashed() {
                return;
            }
            let Some(files) = e.data_transfer().and_then(|d| d.files()) else {
                return;
            };
            match files.length() {
                0 => {}
                1 => {
                    if let Some(file) = files.get(0) {
                        self.read_file(file);
                    }
                }
                n => self.fail_with(
                    format!("{n} files were dropped"),
                    "Drop one dataset file at a time; none of these was opened, and the briefing below is unchanged.".into(),
                    Vec::new(),
                ),
            }
        });
        let history = window_event_listener(ev::popstate, move |_| {
            // A write waiting (for the typing to pause, or for the frame) belongs to
            // the entry left.
            super::url::forget_unwritten();
            self.restore();
        });
        // These last as long as the page: one set, whatever is on screen.
        std::mem::forget((over, leave, drop, history));
    }
}

impl Default for Datasets {
    fn default() -> Self {
        Self::new()
    }
}

/// The crash view is on screen (set by it, in Rust or in the boot script).
fn crashed() -> bool {
    document()
        .document_element()
        .is_some_and(|root| root.has_attribute("data-crashed"))
}

/// The local-file marker of the current history entry.
fn local_marker() -> Option<(u32, String)> {
    let state = window().history().ok()?.state().ok()?;
    let marker = js_sys::Reflect::get(&state, &MARKER.into()).ok()?;
    let serial = js_sys::Reflect::get(&marker, &"serial".into())
        .ok()?
        .as_f64()? as u32;
    let name = js_sys::Reflect::get(&marker, &"name".into())
        .ok()?
        .as_string()?;
    Some((serial, name))
}

pub fn marker_value(local: Option<(u32, &str)>) -> JsValue {
    let Some((serial, name)) = local else {
        return JsValue::NULL;
    };
    let marker = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&marker, &"serial".into(), &serial.into());
    let _ = js_sys::Reflect::set(&marker, &"name".into(), &name.into());
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &MARKER.into(), &marker);
    state.into()
}

/// Fetches `relative` from this site, provably: resolved against the page
/// and compared by origin before any request leaves, fetched in
/// `same-origin` mode (the browser refuses a redirect to another site before
/// following it), within [`FETCH_SECONDS`] and [`MAX_BYTES`]. Every failure
/// is a sentence about the link, never a raw browser error.
pub(super) async fn fetch_bytes(relative: &str) -> Result<Vec<u8>, String> {
    fetch_body(relative, None).await.map(|body| body.to_vec())
}

/// A file as it arrived, held in JS in the parts it came in (a dataset's
/// JSON, for the full problem list should its reading give up; the
/// pictures' module), and a dataset read as its parts come.
pub(super) struct Body {
    parts: Vec<js_sys::Uint8Array>,
    reading: Reading,
}

/// How far a dataset has been read.
enum Reading {
    /// Not a dataset (the pictures' module): kept, not read.
    Keep,
    /// Its first bytes have not yet told a pack from JSON.
    Start,
    /// JSON, each part pushed as it came, the feed not given up.
    Json(Box<model::Feed>),
    /// JSON the feed gave up on: read whole by `load_bytes`.
    GaveUp,
    /// A pack, each part read as it came (its parts are not kept: a pack's
    /// first problem is all that is reported).
    Pack(Box<model::pack::Feed>),
}

impl Body {
    fn new() -> Body {
        Body {
            parts: Vec::new(),
            reading: Reading::Start,
        }
    }

    /// A file given whole (a local file, read; the pictures' module, kept).
    fn whole(buffer: &JsValue, reading: Reading) -> Body {
        let mut body = Body {
            parts: Vec::new(),
            reading,
        };
        body.take(js_sys::Uint8Array::new(buffer));
        body
    }

    /// Reads what `part` completes (once the first bytes tell which form
    /// it is), keeping it if it is JSON.
    fn take(&mut self, part: js_sys::Uint8Array) {
        match &mut self.reading {
            Reading::Pack(feed) => push_pack(feed, &part),
            Reading::Json(feed) => {
                if !push(feed, &part) {
                    self.reading = Reading::GaveUp;
                }
                self.parts.push(part);
            }
            Reading::GaveUp | Reading::Keep => self.parts.push(part),
            Reading::Start => {
                self.parts.push(part);
                let got: u32 = self.parts.iter().map(|p| p.length()).sum();
                if got as usize >= model::pack::MAGIC.len() {
                    self.start();
                }
            }
        }
    }

    /// The form is known (or the file ended): what came so far is read.
    fn start(&mut self) {
        if self.is_pack() {
            let mut feed = Box::new(model::pack::Feed::new());
            for part in self.parts.drain(..) {
                push_pack(&mut feed, &part);
            }
            self.reading = Reading::Pack(feed);
        } else {
            let mut feed = Box::default();
            let fed = self.parts.iter().all(|part| push(&mut feed, part));
            self.reading = match fed {
                true => Reading::Json(feed),
                false => Reading::GaveUp,
            };
        }
    }

    /// Whether the file begins as a pack does (its first bytes may come in
    /// more than one part).
    fn is_pack(&self) -> bool {
        let mut start = [0u8; 16];
        let want = model::pack::MAGIC.len().min(start.len());
        let mut got = 0;
        for part in &self.parts {
            let n = (part.length() as usize).min(want - got);
            part.subarray(0, n as u32).copy_to(&mut start[got..got + n]);
            got += n;
            if got == want {
                break;
            }
        }
        model::pack::is_pack(&start[..got])
    }

    /// The whole file in one buffer (the pictures' module; a dataset the
    /// part-by-part reading gave up on).
    fn to_vec(&self) -> Vec<u8> {
        let total = self.parts.iter().map(|p| p.length() as usize).sum();
        let mut bytes = vec![0; total];
        let mut at = 0;
        for part in &self.parts {
            let end = at + part.length() as usize;
            part.copy_to(&mut bytes[at..end]);
            at = end;
        }
        bytes
    }
}

/// Waits on the site within [`FETCH_SECONDS`] in all. Only the waiting
/// counts: a dataset read as it arrives takes seconds to read at 100,000
/// events, and that is not the site being slow.
struct Clock {
    left_ms: f64,
    controller: web_sys::AbortController,
    timed_out: Rc<Cell<bool>>,
}

impl Clock {
    async fn wait(&mut self, promise: js_sys::Promise) -> Result<JsValue, JsValue> {
        let started = js_sys::Date::now();
        let _timer = {
            let (timed_out, controller) = (self.timed_out.clone(), self.controller.clone());
            gloo::timers::callback::Timeout::new(self.left_ms.max(0.0) as u32, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let result = JsFuture::from(promise).await;
        self.left_ms -= js_sys::Date::now() - started;
        result
    }
}

thread_local! {
    /// The last dataset response read through, kept until the next: dropped
    /// the moment its last byte is read, Chromium may report the request as
    /// aborted (ERR_ABORTED) before it has marked it complete.
    static LAST_RESPONSE: std::cell::RefCell<Option<web_sys::Response>> = const { std::cell::RefCell::new(None) };
}

/// [`fetch_bytes`], the file left in JS. A dataset (`wanted`: `Some`) is
/// read as it arrives, so the reading overlaps the transfer, for as long as
/// it is still wanted: once the reader has moved on, the transfer stops too.
async fn fetch_body(relative: &str, wanted: Option<&dyn Fn() -> bool>) -> Result<Body, String> {
    let location = window().location();
    let page_origin = location.origin().unwrap_or_default();
    let href = location.href().unwrap_or_default();
    if !href.starts_with("http://") && !href.starts_with("https://") {
        return Err("a dataset link (data=…) works only when the briefing is served by a web site; this page was opened as a file, so open the dataset with “Open dataset…” instead".into());
    }
    let url = web_sys::Url::new_with_base(relative, &href)
        .map_err(|_| "the link is not a valid address".to_string())?;
    if url.origin() != page_origin {
        return Err(format!(
            "the link leads to another site ({}), and this page loads nothing from other sites",
            url.origin()
        ));
    }
    let controller = web_sys::AbortController::new().map_err(|_| unreadable())?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_mode(web_sys::RequestMode::SameOrigin);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_signal(Some(&controller.signal()));
    let mut clock = Clock {
        left_ms: f64::from(FETCH_SECONDS * 1000),
        controller,
        timed_out: Rc::new(Cell::new(false)),
    };
    let slow = || {
        format!("the site did not send the file within {FETCH_SECONDS} seconds; the briefing below stays (try again later, or open the file with “Open dataset…”)")
    };
    let response: web_sys::Response =
        match clock.wait(window().fetch_with_str_and_init(&url.href(), &init)).await {
            Ok(response) => response.unchecked_into(),
            Err(_) if clock.timed_out.get() => return Err(slow()),
            Err(_) => return Err("the file could not be fetched: the site did not answer, sent the request on to another address (which this page does not follow), or a security policy of the site blocked it".into()),
        };
    // Belt and braces: same-origin mode already refuses other sites.
    let final_url = response.url();
    if !final_url.is_empty() && !final_url.starts_with(&format!("{page_origin}/")) {
        return Err(
            "the site sent the request on to another address, which this page does not follow"
                .into(),
        );
    }
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}: check the link",
            response.status(),
            response.status_text()
        ));
    }
    let announced = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<usize>().ok());
    if let Some(n) = announced.filter(|&n| n > MAX_BYTES) {
        return Err(too_big(n));
    }
    let broken = || "the file arrived incomplete: the connection broke off; try again".to_string();
    let mut body = Body::new();
    if wanted.is_none() {
        body.reading = Reading::Keep;
        if announced.is_some() {
            // The pictures' module, of a known length: read whole.
            let buffer = response.array_buffer().map_err(|_| broken())?;
            return match clock.wait(buffer).await {
                Ok(buffer) => Ok(Body::whole(&buffer, Reading::Keep)),
                Err(_) if clock.timed_out.get() => Err(slow()),
                Err(_) => Err(broken()),
            };
        }
    }
    let Some(stream) = response.body() else {
        return Ok(body);
    };
    // Read as it comes, counted, and stopped at the limit whatever length
    // was announced, or once no longer wanted.
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut total = 0usize;
    loop {
        let chunk = match clock.wait(reader.read()).await {
            Ok(chunk) => chunk,
            Err(_) if clock.timed_out.get() => return Err(slow()),
            Err(_) => return Err(broken()),
        };
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if !wanted.is_none_or(|wanted| wanted()) {
            let _ = reader.cancel();
            return Err("the dataset is no longer wanted".into());
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            // A byte stream's parts are Uint8Arrays: taken as they are
            // (`Uint8Array::new` of one would copy it).
            let part: js_sys::Uint8Array = value.unchecked_into();
            total += part.length() as usize;
            if total > MAX_BYTES {
                let _ = reader.cancel();
                return Err(too_big(total));
            }
            body.take(part);
        }
    }
    LAST_RESPONSE.with(|last| last.replace(Some(response)));
    Ok(body)
}

/// Slices of a file copied into the page's memory at a time.
const SLICE: u32 = 256 * 1024;

/// Pushes `part` to `feed` a slice at a time; false once it gives up.
fn push(feed: &mut model::Feed, part: &js_sys::Uint8Array) -> bool {
    let mut buf = vec![0; SLICE.min(part.length()) as usize];
    slices(part).all(|slice| {
        let n = slice.length() as usize;
        slice.copy_to(&mut buf[..n]);
        feed.push(&buf[..n])
    })
}

/// Pushes `part` to a pack's `feed` a slice at a time: its buffer holds a
/// slice and the entry being read, not a whole part (a part can be 2 MB,
/// and the page's memory never shrinks).
fn push_pack(feed: &mut model::pack::Feed, part: &js_sys::Uint8Array) {
    slices(part).all(|slice| feed.push_with(slice.length() as usize, |buf| slice.copy_to(buf)));
}

/// `part` as views of at most [`SLICE`] bytes each (nothing copied).
fn slices(part: &js_sys::Uint8Array) -> impl Iterator<Item = js_sys::Uint8Array> + '_ {
    let len = part.length();
    (0..len)
        .step_by(SLICE as usize)
        .map(move |at| part.subarray(at, (at + SLICE).min(len)))
}

/// The dataset in `body`, read as it came: the page's memory holds the
/// entry being read, never the file (137 MB of JSON at 100,000 events;
/// wasm memory never shrinks, so a copy held once is held for good). JSON
/// the feed gives up on has a problem: it is read whole, by `load_bytes`,
/// for the list of every problem with its line and column.
fn read(mut body: Body) -> Result<Briefing, Vec<model::Problem>> {
    if let Reading::Start = body.reading {
        body.start();
    }
    match std::mem::replace(&mut body.reading, Reading::GaveUp) {
        Reading::Pack(feed) => return feed.finish(),
        Reading::Json(feed) => {
            if let Some(briefing) = feed.finish() {
                return Ok(briefing);
            }
        }
        Reading::Keep | Reading::Start | Reading::GaveUp => {}
    }
    let bytes = body.to_vec();
    drop(body);
    model::load_bytes(&bytes)
}

/// How long one slice of the search index's build may take.
const SEARCH_SLICE_MS: f64 = 5.0;

/// A dataset's search index, built a slice at a time once its first results
/// are painted (more than a second of work at 100,000 events, which the
/// first results no longer wait for), in the page's idle time, so that a
/// click while it is built keeps its frame; a search typed sooner builds
/// the rest at once. Stops when the dataset is no longer held.
fn build_search_later(index: std::sync::Weak<Index>) {
    super::after_paint(Box::new(move || build_search_slice(index)));
}

fn build_search_slice(index: std::sync::Weak<Index>) {
    let Some(held) = index.upgrade() else {
        return;
    };
    let start = js_sys::Date::now();
    if !held.build_search(&mut || js_sys::Date::now() - start < SEARCH_SLICE_MS) {
        super::when_idle(Box::new(move || build_search_slice(index)));
    }
}

fn unreadable() -> String {
    "this browser cannot fetch files here".into()
}

/// The "Open dataset…" button (a labelled file input).
#[component]
pub fn OpenDataset() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let on_pick = move |e: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            datasets.read_file(file);
        }
        input.set_value("");
    };
    view! {
        <input
            id="open-dataset"
            class="file-input"
            type="file"
            accept=".json,.pack,application/json"
            on:change=on_pick
        />
        <label for="open-dataset" class="button">"Open dataset…"</label>
    }
}

/// "Dataset: … (N events)", the "Open dataset…" picker; drop is page-wide.
#[component]
pub fn DatasetBar(label: String, events: usize) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    view! {
        <div class="dataset-bar" class:dragging=move || datasets.dragging.get()>
            <p class="dataset-name">
                "Dataset: " <strong>{label}</strong> {format!(" ({})", crate::report::count(events, "event", "events"))}
            </p>
            <OpenDataset/>
            <span class="hint">" or drop a JSON file or a pack on the page. It is read here and never uploaded."</span>
        </div>
    }
}

/// While a `?data=` file is on its way: what, and two ways not to wait.
#[component]
pub fn LoadingScreen() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    view! {
        <main class="loading-screen">
            <p class="boot" aria-live="polite">
                {move || match datasets.loading.get() {
                    Some(what) => format!("Loading the dataset “{what}”…"),
                    None => "Loading the dataset…".into(),
                }}
            </p>
            <FailurePanel/>
            <p class="loading-actions">
                <button type="button" on:click=move |_| datasets.abandon_fetch()>
                    "Show the bundled briefing instead"
                </button>
                " "
                <OpenDataset/>
            </p>
        </main>
    }
}

/// Enough to fix a file by; a broken 100k-event file can have 100k problems.
const SHOWN_PROBLEMS: usize = 200;

/// The problems of a dataset that could not be used.
#[component]
pub fn FailurePanel() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    view! {
        {move || datasets.failure.get().map(|f| view! {
            <section class="dataset-failure" role="alert" aria-labelledby="failure-heading">
                <h3 id="failure-heading">{f.heading.clone()}</h3>
                <p>{f.intro.clone()}</p>
                {(!f.problems.is_empty()).then(|| view! {
                    <ul>
                        {f.problems.iter().take(SHOWN_PROBLEMS).map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                        {(f.problems.len() > SHOWN_PROBLEMS).then(|| view! {
                            <li>{format!("… and {} more", f.problems.len() - SHOWN_PROBLEMS)}</li>
                        })}
                    </ul>
                })}
                <button type="button" on:click=move |_| datasets.failure.set(None)>"Dismiss"</button>
            </section>
        })}
    }
}
