//! What touching the timeline does: a mark opens its event (click, Enter,
//! Space), arrow keys move between marks, a bin sets the range to its days,
//! and a drag along the axis sets a range snapped to what the axis shows.

use super::Brush;
use crate::model::Day;
use crate::query::ViewState;
use crate::ui::charts::{focus_id, module, touched};
use crate::ui::Ctx;
use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

/// What the handlers change. Raw listeners run outside any reactive owner,
/// so nothing here calls `ctx()`: the event ids are taken along.
#[derive(Clone, Copy)]
pub struct Handlers {
    /// The width the picture is laid out for, in CSS pixels.
    pub width: RwSignal<f64>,
    pub brush: RwSignal<Option<Brush>>,
    pub focused: RwSignal<Option<usize>>,
    pub state: RwSignal<ViewState>,
    /// Event id at each chronological position.
    pub ids: StoredValue<Vec<crate::model::Ref>>,
    pub cx: StoredValue<Ctx>,
}

/// The range a bin stands for.
fn bin_range(e: &ev::Event) -> Option<(Day, Day)> {
    let (bin, from) = touched(e, "data-from")?;
    let to = bin.get_attribute("data-to")?;
    Some((
        Day::from_ordinal(from.parse().ok()?),
        Day::from_ordinal(to.parse().ok()?),
    ))
}

fn position(e: &ev::Event) -> Option<usize> {
    touched(e, "data-p")?.1.parse().ok()
}

impl Handlers {
    fn open(self, position: usize) {
        if let Some(id) = self.ids.with_value(|ids| ids.get(position).cloned()) {
            self.cx.with_value(|cx| cx.open_event(&id));
        }
    }

    fn set_range(self, (from, to): (Day, Day)) {
        self.state.update(|s| {
            s.from = Some(from);
            s.to = Some(to);
        });
    }

    /// Every event the picture listens to, by type.
    pub fn handle(self, e: web_sys::Event) {
        let pointer = e.dyn_ref::<web_sys::PointerEvent>();
        match (e.type_().as_str(), pointer) {
            ("click", _) => self.click(&e),
            ("keydown", _) => {
                if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                    self.keydown(k);
                }
            }
            ("pointerdown", Some(p)) => self.pointerdown(p),
            ("pointermove", Some(p)) => self.pointermove(p),
            ("pointerup", Some(_)) => self.pointerup(),
            ("pointercancel", _) => self.brush.set(None),
            ("mouseover" | "focusin", _) => self.focused.set(position(&e)),
            _ => self.focused.set(None),
        }
    }

    fn click(self, e: &ev::Event) {
        if let Some(p) = position(e) {
            self.open(p);
        } else if let Some(range) = bin_range(e) {
            self.set_range(range);
        }
    }

    fn keydown(self, e: &ev::KeyboardEvent) {
        {
            let key = e.key();
            let activate = key == "Enter" || key == " ";
            if let Some(p) = position(e) {
                let next = module::ask(&format!("neighbour\n{p}\n{key}"));
                if !next.is_empty() {
                    e.prevent_default();
                    focus_id(&format!("timeline-mark-{next}"));
                } else if activate {
                    e.prevent_default();
                    self.open(p);
                }
            } else if let (true, Some(range)) = (activate, bin_range(e)) {
                e.prevent_default();
                self.set_range(range);
            }
        }
    }

    /// The x (in picture pixels) of a pointer on the band, which spans the picture.
    fn band_x(self, e: &ev::PointerEvent) -> Option<f64> {
        let (band, _) = touched(e, "data-band")?;
        let rect = band.get_bounding_client_rect();
        let width = self.width.get_untracked().floor();
        Some((f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0) * width)
    }

    fn snapped(self, start: f64, x: f64) -> Option<Brush> {
        let tenths = |x: f64| (x * 10.0).round() as i64;
        let answer = module::ask(&format!("snap\n{}\n{}", tenths(start), tenths(x)));
        let mut lines = answer.splitn(3, '\n');
        let mut day = || Some(Day::from_ordinal(lines.next()?.parse().ok()?));
        let (from, to) = (day()?, day()?);
        Some(Brush {
            start,
            from,
            to,
            words: lines.next()?.to_owned(),
        })
    }

    fn pointerdown(self, e: &ev::PointerEvent) {
        {
            if let Some(x) = self.band_x(e) {
                // Keep receiving the pointer while it drags, wherever it goes.
                if let Some(band) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = band.set_pointer_capture(e.pointer_id());
                }
                self.brush.set(self.snapped(x, x));
            }
        }
    }

    fn pointermove(self, e: &ev::PointerEvent) {
        {
            let start = self.brush.with_untracked(|b| b.as_ref().map(|b| b.start));
            if let (Some(start), Some(x)) = (start, self.band_x(e)) {
                self.brush.set(self.snapped(start, x));
            }
        }
    }

    fn pointerup(self) {
        {
            if let Some(b) = self.brush.get_untracked() {
                self.brush.set(None);
                self.set_range((b.from, b.to));
            }
        }
    }
}
