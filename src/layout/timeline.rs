//! Timeline maths, in CSS pixels for the width the picture is drawn at (so
//! text never shrinks with the view box): an axis of segments with long empty
//! stretches folded out, ticks that never collide or leave the picture, one
//! lane per channel modality whose marks stack in rows so none hides another,
//! short labels where they fit, and brushing that snaps to what the ticks show.

use crate::layout::{float_key, order_by};
use crate::model::date::{days_in_month, month_name, Day};
use crate::model::{Briefing, EventStatus, Modality, Vocab};

/// Average advance of a character at the 12 px text size, a little generous
/// (the page uses system fonts, whose widths vary).
pub const CHAR: f64 = 7.0;
/// Height of one row of marks: a 24 px target and a little air.
pub const ROW: f64 = 28.0;
/// A touch target's least side.
pub const TARGET: f64 = 24.0;
/// Height of a lane's heading ("Phone call").
pub const LANE_HEAD: f64 = 18.0;
/// Height of the axis strip at the bottom (ticks, labels, drag to brush).
pub const AXIS: f64 = 40.0;
/// Width of a fold (a break in the axis).
pub const FOLD: f64 = 44.0;
/// Side margins, so a mark or tick at an edge keeps its whole target and label.
pub const EDGE: f64 = 14.0;
/// Beyond this many events, marks would be a smear: draw counts per time bin.
pub const MAX_MARKS: usize = 1500;
/// Beyond this many rows in a lane, stacking helps nobody: bins instead.
pub const MAX_ROWS: usize = 12;

/// Width of `text` at the 12 px text size.
pub fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

/// The granularity a stretch of the axis shows, and that brushing snaps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Day,
    Month,
    Year,
}

/// A stretch of time drawn continuously: days `start..=end` over `x0..x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub start: i32,
    pub end: i32,
    pub x0: f64,
    pub x1: f64,
    pub unit: Unit,
}

impl Segment {
    fn per_day(&self) -> f64 {
        (self.x1 - self.x0) / (self.end + 1 - self.start).max(1) as f64
    }
    /// The left edge of `day` (a day is a stretch of pixels).
    pub fn x(&self, day: i32) -> f64 {
        self.x0 + (day - self.start) as f64 * self.per_day()
    }
    pub fn day(&self, x: f64) -> i32 {
        let d = self.start + ((x - self.x0) / self.per_day()).floor() as i32;
        d.clamp(self.start, self.end)
    }
}

/// A folded stretch between two segments: no event may fall in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fold {
    pub x0: f64,
    pub x1: f64,
    /// First and last day left out.
    pub from: i32,
    pub to: i32,
    /// "2 yr", "5 mo": short enough for the fold.
    pub label: String,
    /// "26 months without events folded"
    pub words: String,
}

/// Days to x over the segments, and back.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub segments: Vec<Segment>,
}

impl Axis {
    pub fn start(&self) -> i32 {
        self.segments.first().map_or(0, |s| s.start)
    }
    pub fn end(&self) -> i32 {
        self.segments.last().map_or(0, |s| s.end)
    }
    pub fn x0(&self) -> f64 {
        self.segments.first().map_or(0.0, |s| s.x0)
    }
    pub fn x1(&self) -> f64 {
        self.segments.last().map_or(0.0, |s| s.x1)
    }
    /// The left edge of `day`; a day in a fold maps to the fold's middle.
    pub fn x(&self, day: i32) -> f64 {
        let mut previous: Option<&Segment> = None;
        for s in &self.segments {
            if day < s.start {
                return match previous {
                    Some(p) => (p.x1 + s.x0) / 2.0,
                    None => s.x0,
                };
            }
            if day <= s.end {
                return s.x(day);
            }
            previous = Some(s);
        }
        self.x1()
    }
    /// The right edge of `day`.
    pub fn x_end(&self, day: i32) -> f64 {
        match self
            .segments
            .iter()
            .find(|s| s.start <= day && day <= s.end)
        {
            Some(s) => s.x(day + 1),
            None => self.x(day),
        }
    }
    /// From the left edge of `from` to the right edge of `to`, an open end
    /// reaching the end of the axis: the x span a date range shades.
    pub fn span(&self, from: Option<Day>, to: Option<Day>) -> (f64, f64) {
        (
            from.map_or(self.x0(), |d| self.x(d.ordinal())),
            to.map_or(self.x1(), |d| self.x_end(d.ordinal())),
        )
    }
    /// The segment under `x`, or the nearest one.
    pub fn segment_at(&self, x: f64) -> Option<&Segment> {
        self.segments.iter().min_by(|a, b| {
            let d = |s: &Segment| {
                if x < s.x0 {
                    s.x0 - x
                } else if x > s.x1 {
                    x - s.x1
                } else {
                    0.0
                }
            };
            d(a).total_cmp(&d(b))
        })
    }
    pub fn day(&self, x: f64) -> i32 {
        self.segment_at(x).map_or(0, |s| s.day(x))
    }
}

/// Clusters of busy days: `(first, last)` known days, merged across gaps of
/// at most `gap` days, then the closest merged until at most `most` remain.
pub fn clusters(spans: &[(i32, i32)], gap: i32, most: usize) -> Vec<(i32, i32)> {
    let mut by_start: Vec<usize> = (0..spans.len()).collect();
    order_by(&mut by_start, |i| {
        [
            float_key(spans[i].0 as f64),
            float_key(spans[i].1 as f64),
            0,
        ]
    });
    let mut out: Vec<(i32, i32)> = Vec::new();
    for (s, e) in by_start.into_iter().map(|i| spans[i]) {
        match out.last_mut() {
            Some(last) if s <= last.1 + gap => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    while out.len() > most.max(1) {
        let i = (1..out.len())
            .min_by_key(|&i| (out[i].0 - out[i - 1].1, i))
            .unwrap_or(1);
        out[i - 1].1 = out[i - 1].1.max(out[i].1);
        out.remove(i);
    }
    out
}

/// Folds stretches without events longer than about a tenth of the whole
/// (and at least three months), and shares `x0..x1` among what is left in
/// proportion to days, each segment at least `min_width` wide.
pub fn axis(spans: &[(i32, i32)], x0: f64, x1: f64) -> Axis {
    let (lo, hi) = spans
        .iter()
        .fold((i32::MAX, i32::MIN), |(lo, hi), &(s, e)| {
            (lo.min(s), hi.max(e))
        });
    let (lo, hi) = if lo > hi { (0, 30) } else { (lo, hi) };
    let total = (hi - lo).max(1);
    let min_width = 96.0;
    let most = (((x1 - x0 + FOLD) / (min_width + FOLD)).floor() as usize).clamp(1, 6);
    let groups = clusters(spans, (total / 10).max(92), most);
    let groups = if groups.is_empty() {
        vec![(lo, hi)]
    } else {
        groups
    };
    // Room around each cluster, so marks at its ends keep their targets.
    let padded: Vec<(i32, i32)> = groups
        .iter()
        .map(|&(s, e)| {
            let pad = ((e - s) / 12).max(12);
            (s - pad, e + pad)
        })
        .collect();
    // Padding never overlaps a neighbour: merge what touches.
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for (s, e) in padded {
        match merged.last_mut() {
            Some(last) if s <= last.1 + 1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let n = merged.len();
    let room = (x1 - x0 - FOLD * (n - 1) as f64).max(min_width * n as f64);
    let days: Vec<f64> = merged.iter().map(|(s, e)| (e - s + 1) as f64).collect();
    // Proportional shares, lifting the narrow ones to `min_width`.
    let mut widths = vec![0.0; n];
    let mut fixed = vec![false; n];
    loop {
        let free_room = room - fixed.iter().filter(|f| **f).count() as f64 * min_width;
        let free_days: f64 = (0..n).filter(|&i| !fixed[i]).map(|i| days[i]).sum();
        let mut changed = false;
        for i in 0..n {
            widths[i] = if fixed[i] {
                min_width
            } else {
                free_room * days[i] / free_days.max(1.0)
            };
            if !fixed[i] && widths[i] < min_width {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut x = x0;
    let segments = merged
        .iter()
        .zip(&widths)
        .map(|(&(start, end), &w)| {
            let s = Segment {
                start,
                end,
                x0: x,
                x1: x + w,
                unit: unit_for(end - start + 1, w),
            };
            x += w + FOLD;
            s
        })
        .collect();
    Axis { segments }
}

/// Days ticks while a week has room for a label, then months, then years.
fn unit_for(days: i32, width: f64) -> Unit {
    let per_day = width / days.max(1) as f64;
    if per_day * 7.0 >= 56.0 {
        Unit::Day
    } else if per_day * 30.4 >= 34.0 {
        Unit::Month
    } else {
        Unit::Year
    }
}

/// The folds between the segments of `axis`.
pub fn folds(axis: &Axis) -> Vec<Fold> {
    axis.segments
        .windows(2)
        .map(|w| {
            let (from, to) = (w[0].end + 1, w[1].start - 1);
            let days = to - from + 1;
            let months = (days as f64 / 30.44).round() as i32;
            let (label, words) = if months >= 24 {
                let years = (days as f64 / 365.25).round() as i32;
                (
                    format!("{years} yr"),
                    format!("{years} years without events folded"),
                )
            } else if months >= 1 {
                (
                    format!("{months} mo"),
                    format!(
                        "{months} month{} without events folded",
                        if months == 1 { "" } else { "s" }
                    ),
                )
            } else {
                (
                    format!("{days} d"),
                    format!("{days} days without events folded"),
                )
            };
            Fold {
                x0: w[0].x1,
                x1: w[1].x0,
                from,
                to,
                label,
                words,
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub day: i32,
    pub x: f64,
    pub label: String,
    /// Where the label's middle is drawn: moved inwards at the edges.
    pub label_x: f64,
}

/// Candidate ticks for one segment at its unit, a step chosen so labels have room.
fn segment_ticks(s: &Segment) -> Vec<(i32, String)> {
    let mut out = Vec::new();
    let (first, last) = (Day::from_ordinal(s.start), Day::from_ordinal(s.end));
    match s.unit {
        Unit::Day => {
            let per_day = s.per_day();
            let step = [1, 2, 7, 14]
                .into_iter()
                .find(|n| per_day * *n as f64 >= 56.0)
                .unwrap_or(14);
            // Weekly steps start on Mondays.
            let begin = if step >= 7 {
                s.start + (7 - (s.start + 3).rem_euclid(7)) % 7
            } else {
                s.start
            };
            let mut shown_month = None;
            for day in (begin..=s.end).step_by(step) {
                let d = Day::from_ordinal(day);
                let label = if shown_month != Some((d.year, d.month)) && shown_month.is_none() {
                    format!("{} {} {}", d.day, &month_name(d.month)[..3], d.year)
                } else {
                    format!("{} {}", d.day, &month_name(d.month)[..3])
                };
                shown_month = Some((d.year, d.month));
                out.push((day, label));
            }
        }
        Unit::Month => {
            let per_month = s.per_day() * 30.44;
            let step = [1, 2, 3, 6]
                .into_iter()
                .find(|n| per_month * *n as f64 >= 60.0)
                .unwrap_or(6);
            let (mut year, mut month) = (first.year, first.month);
            if first.day != 1 {
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
            month = ((month - 1) / step) * step + 1;
            let mut year_shown = false;
            loop {
                let d = Day {
                    year,
                    month,
                    day: 1,
                };
                if d.ordinal() > s.end {
                    break;
                }
                if d.ordinal() >= s.start {
                    let label = if month == 1 || !year_shown {
                        format!("{} {year}", &month_name(month)[..3])
                    } else {
                        month_name(month)[..3].to_string()
                    };
                    year_shown = true;
                    out.push((d.ordinal(), label));
                }
                month += step;
                if month > 12 {
                    month -= 12;
                    year += 1;
                }
            }
        }
        Unit::Year => {
            let per_year = s.per_day() * 365.25;
            let step = [1, 2, 5, 10, 20, 50, 100]
                .into_iter()
                .find(|n| per_year * *n as f64 >= 48.0)
                .unwrap_or(100);
            let mut year = first.year - first.year.rem_euclid(step);
            while year <= last.year {
                let d = Day {
                    year,
                    month: 1,
                    day: 1,
                };
                if d.ordinal() >= s.start {
                    out.push((d.ordinal(), year.to_string()));
                }
                year += step;
            }
        }
    }
    out
}

/// Ticks for every segment, with labels that stay inside `0..width` and keep
/// a gap between them (a tick whose label would collide is left out).
pub fn ticks(axis: &Axis, width: f64) -> Vec<Tick> {
    let mut out: Vec<Tick> = Vec::new();
    let mut right_of_last = f64::NEG_INFINITY;
    for s in &axis.segments {
        let mut in_segment = 0;
        for (day, label) in segment_ticks(s) {
            let x = s.x(day);
            let half = text_width(&label) / 2.0;
            // Not `f64::clamp`: its check's panic message formats floats,
            // which would bring float formatting into the wasm.
            let label_x = x.max(half + 2.0).min(width - half - 2.0);
            if label_x - half < right_of_last + 10.0 {
                continue;
            }
            right_of_last = label_x + half;
            in_segment += 1;
            out.push(Tick {
                day,
                x,
                label,
                label_x,
            });
        }
        // A segment without a tick still says where it is.
        if in_segment == 0 {
            let d = Day::from_ordinal((s.start + s.end) / 2);
            let label = format!("{} {}", &month_name(d.month)[..3], d.year);
            let x = (s.x0 + s.x1) / 2.0;
            let half = text_width(&label) / 2.0;
            if x - half >= right_of_last + 10.0 {
                right_of_last = x + half;
                out.push(Tick {
                    day: s.day(x),
                    x,
                    label_x: x,
                    label,
                });
            }
        }
    }
    out
}

/// A date-range brush snapped to the unit of the segment it starts in: whole
/// days, months or years, never more precise than the ticks.
pub fn snap(axis: &Axis, xa: f64, xb: f64) -> (Day, Day, Unit) {
    let (lo, hi) = (xa.min(xb), xa.max(xb));
    let unit = [axis.segment_at(lo), axis.segment_at(hi)]
        .into_iter()
        .flatten()
        .map(|s| s.unit)
        .max()
        .unwrap_or(Unit::Day);
    let (a, b) = (
        Day::from_ordinal(axis.day(lo)),
        Day::from_ordinal(axis.day(hi)),
    );
    let (from, to) = match unit {
        Unit::Day => (a, b),
        Unit::Month => (
            Day { day: 1, ..a },
            Day {
                day: days_in_month(b.year, b.month),
                ..b
            },
        ),
        Unit::Year => (
            Day {
                year: a.year,
                month: 1,
                day: 1,
            },
            Day {
                year: b.year,
                month: 12,
                day: 31,
            },
        ),
    };
    (from, to, unit)
}

/// "October 2025", "July 2023 to October 2025", "3 to 9 July 2023", "2023 to 2025".
pub fn range_words(from: Day, to: Day, unit: Unit) -> String {
    let month = |d: Day| format!("{} {}", month_name(d.month), d.year);
    match unit {
        Unit::Year if from.year == to.year => from.year.to_string(),
        Unit::Year => format!("{} to {}", from.year, to.year),
        Unit::Month if (from.year, from.month) == (to.year, to.month) => month(from),
        Unit::Month => format!("{} to {}", month(from), month(to)),
        Unit::Day if from == to => from.long(),
        Unit::Day if (from.year, from.month) == (to.year, to.month) => {
            format!("{} to {}", from.day, to.long())
        }
        Unit::Day => format!("{} to {}", from.long(), to.long()),
    }
}

/// A mark's label, drawn after a dot, inside a span from its start, or
/// before the mark when only the room on its left is free.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkLabel {
    pub x: f64,
    /// Text runs leftwards from `x`.
    pub end: bool,
    /// The title, or its first words and "…" when only they fit.
    pub text: String,
}

impl MarkLabel {
    /// Left and right edge of the label.
    pub fn extent(&self) -> (f64, f64) {
        let w = text_width(&self.text);
        if self.end {
            (self.x - w, self.x)
        } else {
            (self.x, self.x + w)
        }
    }
}

/// The first words of `title` that fit in `room` pixels, with "…"; `None`
/// when fewer than `min` characters would.
pub fn shorten(title: &str, room: f64, min: usize) -> Option<String> {
    let (text, cut) =
        crate::layout::network::fit_label(title, (room / CHAR).floor().max(1.0) as usize);
    match cut {
        false => Some(text),
        true => (text.chars().count() >= min).then(|| format!("{text}…")),
    }
}

/// One event drawn on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Position of the event in the index's chronological order.
    pub position: usize,
    pub lane: usize,
    /// Row within the lane.
    pub row: usize,
    /// The drawn span: from the first possible day's left edge to the last's right.
    pub x0: f64,
    pub x1: f64,
    /// Middle of the row.
    pub y: f64,
    /// The target: at least `TARGET` square, containing the drawn span.
    pub hit: (f64, f64),
    /// Drawn as a point (a date known to the day).
    pub point: bool,
    pub planned: bool,
    /// The date has no start ("or earlier") or no end ("or later").
    pub open_start: bool,
    pub open_end: bool,
    pub label: Option<MarkLabel>,
    /// The source gives no date at all: kept for its position, never drawn
    /// on the time axis (a bar edge to edge would claim every day).
    pub undated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub modality: Modality,
    /// Top of the lane (its heading).
    pub top: f64,
    pub rows: usize,
}

impl Lane {
    pub fn row_y(&self, row: usize) -> f64 {
        self.top + LANE_HEAD + row as f64 * ROW + ROW / 2.0
    }
    pub fn bottom(&self) -> f64 {
        self.top + LANE_HEAD + self.rows.max(1) as f64 * ROW
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLayout {
    pub width: f64,
    pub height: f64,
    pub axis: Axis,
    pub folds: Vec<Fold>,
    pub ticks: Vec<Tick>,
    pub lanes: Vec<Lane>,
    /// By chronological position.
    pub marks: Vec<Mark>,
    /// Too many events or rows: the picture counts per bin instead.
    pub binned: bool,
    /// Top of the axis strip.
    pub axis_top: f64,
}

/// First and last day (ordinals) each event may fall on; `None` for an open side.
fn event_bounds(b: &Briefing, order: &[usize]) -> Vec<(Option<i32>, Option<i32>)> {
    order
        .iter()
        .map(|&e| match b.events[e].date.bounds() {
            Some(bounds) => (bounds.start.map(Day::ordinal), bounds.end.map(Day::ordinal)),
            None => (None, None),
        })
        .collect()
}

/// Lays out every event (by chronological position `order`) for a picture
/// `width` CSS pixels wide. `titles` gives each position's label text.
pub fn layout(b: &Briefing, order: &[usize], width: f64) -> TimelineLayout {
    let width = width.max(240.0);
    let bounds = event_bounds(b, order);
    // What is known of each date clusters the axis; an open side adds nothing.
    let known: Vec<(i32, i32)> = bounds
        .iter()
        .filter_map(|&(s, e)| match (s, e) {
            (Some(s), Some(e)) => Some((s, e)),
            (Some(d), None) | (None, Some(d)) => Some((d, d)),
            (None, None) => None,
        })
        .collect();
    let axis = axis(&known, EDGE, width - EDGE);
    let folds = folds(&axis);
    let ticks = ticks(&axis, width);

    let modalities: Vec<Modality> = Modality::ALL
        .iter()
        .copied()
        .filter(|m| {
            order
                .iter()
                .any(|&e| b.events[e].channel.modality == *m && !b.events[e].date.is_undated())
        })
        .collect();
    let lane_of = |e: usize| {
        modalities
            .iter()
            .position(|m| *m == b.events[e].channel.modality)
            .unwrap_or(0)
    };
    let mut marks: Vec<Mark> = order
        .iter()
        .zip(&bounds)
        .enumerate()
        .map(|(position, (&e, &(start, end)))| {
            let x0 = start.map_or(axis.x0(), |d| axis.x(d));
            let x1 = end.map_or(axis.x1(), |d| axis.x_end(d));
            let point = start.is_some() && start == end;
            let middle = (x0 + x1) / 2.0;
            let hit = (x0.min(middle - TARGET / 2.0), x1.max(middle + TARGET / 2.0));
            Mark {
                position,
                lane: lane_of(e),
                row: 0,
                x0,
                x1,
                y: 0.0,
                hit,
                point,
                planned: b.events[e].status == EventStatus::Planned,
                open_start: start.is_none(),
                open_end: end.is_none(),
                label: None,
                undated: b.events[e].date.is_undated(),
            }
        })
        .collect();

    let titles: Vec<&str> = order.iter().map(|&e| b.events[e].title.as_str()).collect();
    // A label before its mark stays in the mark's stretch of the axis (not
    // over a fold or another period, where it would read as of that time).
    let floors: Vec<f64> = marks
        .iter()
        .map(|m| axis.segment_at(m.x0).map_or(0.0, |s| s.x0))
        .collect();
    // Past MAX_MARKS the marks are binned whatever their rows: not stacked
    // (a search of the rows per mark; 100,000 events of one day took 6 s).
    let dated = marks.iter().filter(|m| !m.undated).count();
    let rows = match dated > MAX_MARKS {
        true => vec![1; modalities.len()],
        false => stack(&mut marks, &titles, &floors, modalities.len(), width),
    };
    let binned = dated > MAX_MARKS || rows.iter().any(|r| *r > MAX_ROWS);
    let mut top = 4.0;
    let lanes: Vec<Lane> = modalities
        .iter()
        .zip(&rows)
        .map(|(&modality, &n)| {
            let lane = Lane {
                modality,
                top,
                rows: if binned { 1 } else { n },
            };
            top = lane.bottom() + 4.0;
            lane
        })
        .collect();
    for m in &mut marks {
        if binned {
            m.row = 0;
            m.label = None;
        }
        m.y = lanes[m.lane].row_y(m.row);
    }
    TimelineLayout {
        width,
        height: top + AXIS,
        axis,
        folds,
        ticks,
        lanes,
        marks,
        binned,
        axis_top: top,
    }
}

/// Gives each mark a row in its lane so that no two targets share pixels
/// (the fewest rows: greedy by left edge), then labels each mark whose label
/// fits before the next target in its row and inside the picture. Returns
/// the rows per lane.
pub fn stack(
    marks: &mut [Mark],
    titles: &[&str],
    floors: &[f64],
    lanes: usize,
    width: f64,
) -> Vec<usize> {
    const GAP: f64 = 4.0;
    // Right end of what each row of each lane holds so far.
    let mut ends: Vec<Vec<f64>> = vec![Vec::new(); lanes];
    let mut by_x: Vec<usize> = (0..marks.len()).filter(|&i| !marks[i].undated).collect();
    order_by(&mut by_x, |i| [float_key(marks[i].hit.0), i as u64, 0]);
    for &i in &by_x {
        let m = &mut marks[i];
        let rows = &mut ends[m.lane];
        let row = match rows.iter().position(|&end| end + GAP <= m.hit.0) {
            Some(r) => r,
            None => {
                rows.push(f64::NEG_INFINITY);
                rows.len() - 1
            }
        };
        rows[row] = m.hit.1;
        m.row = row;
    }
    // The next target to the right in the same row, for each mark.
    let mut next: Vec<f64> = vec![width; marks.len()];
    let mut last_in_row: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for &i in &by_x {
        if let Some(previous) = last_in_row.insert((marks[i].lane, marks[i].row), i) {
            next[previous] = marks[i].hit.0;
        }
    }
    // Labels left to right: the full title after the mark, else before it,
    // else its first words after it; each clear of its row's neighbours.
    let mut row_end: std::collections::HashMap<(usize, usize), f64> = Default::default();
    for &i in &by_x {
        let m = &mut marks[i];
        let title = titles.get(m.position).copied().unwrap_or("");
        let w = text_width(title);
        let left_limit = row_end.get(&(m.lane, m.row)).map_or(2.0, |end| end + GAP);
        let left_limit = left_limit.max(floors.get(i).copied().unwrap_or(0.0));
        let right_limit = if next[i] >= width {
            width - 2.0
        } else {
            next[i] - GAP
        };
        // Points: text after the dot; spans: text inside from the start.
        let after = if m.point {
            (m.x0 + m.x1) / 2.0 + 11.0
        } else {
            m.x0 + 6.0
        };
        let before = if m.point {
            (m.x0 + m.x1) / 2.0 - 11.0
        } else {
            m.x0 - 6.0
        };
        m.label = if title.is_empty() {
            None
        } else if after + w <= right_limit {
            Some(MarkLabel {
                x: after,
                end: false,
                text: title.to_string(),
            })
        } else if before - w >= left_limit && before - w >= 2.0 {
            Some(MarkLabel {
                x: before,
                end: true,
                text: title.to_string(),
            })
        } else {
            shorten(title, right_limit - after, 12).map(|text| MarkLabel {
                x: after,
                end: false,
                text,
            })
        };
        let end = m
            .label
            .as_ref()
            .map_or(m.hit.1, |l| l.extent().1.max(m.hit.1));
        row_end.insert((m.lane, m.row), end);
    }
    ends.iter().map(Vec::len).collect()
}

/// Events counted per lane and time bin, for large datasets. An event counts
/// in the bin of its mark's middle. Bins are at least a target wide and never
/// straddle a fold.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    pub lane: usize,
    pub x0: f64,
    pub x1: f64,
    pub total: usize,
    pub kept: usize,
}

pub fn bins(layout: &TimelineLayout, kept: &[bool]) -> Vec<Bin> {
    // Bin edges per segment.
    let mut edges: Vec<(f64, f64)> = Vec::new();
    for s in &layout.axis.segments {
        let n = (((s.x1 - s.x0) / TARGET).floor() as usize).max(1);
        let w = (s.x1 - s.x0) / n as f64;
        edges.extend((0..n).map(|i| (s.x0 + i as f64 * w, s.x0 + (i + 1) as f64 * w)));
    }
    let count = edges.len();
    let mut grid = vec![(0usize, 0usize); layout.lanes.len() * count];
    for m in layout.marks.iter().filter(|m| !m.undated) {
        let middle = (m.x0 + m.x1) / 2.0;
        let bin = edges
            .partition_point(|(_, x1)| *x1 <= middle)
            .min(count - 1);
        let cell = &mut grid[m.lane * count + bin];
        cell.0 += 1;
        cell.1 += usize::from(kept.get(m.position).copied().unwrap_or(false));
    }
    grid.into_iter()
        .enumerate()
        .filter(|(_, (total, _))| *total > 0)
        .map(|(i, (total, kept))| {
            let (lane, bin) = (i / count, i % count);
            Bin {
                lane,
                x0: edges[bin].0,
                x1: edges[bin].1,
                total,
                kept,
            }
        })
        .collect()
}

/// The mark to move to from `from` with an arrow key: left and right go to
/// the previous and next event in time, up and down to the nearest mark in the
/// row above or below (across lanes).
pub fn neighbour(marks: &[Mark], from: usize, key: &str) -> Option<usize> {
    let m = marks.get(from)?;
    // Undated events are not on the picture: never a stop.
    let drawn = |x: &&Mark| !x.undated;
    match key {
        "ArrowLeft" => marks[..from].iter().rev().find(drawn).map(|x| x.position),
        "ArrowRight" => marks[from + 1..].iter().find(drawn).map(|x| x.position),
        "ArrowUp" | "ArrowDown" => {
            // The nearest row that way, then the mark in it closest across.
            let up = key == "ArrowUp";
            let mid = |x: &Mark| (x.hit.0 + x.hit.1) / 2.0;
            marks
                .iter()
                .filter(drawn)
                .filter(|x| if up { x.y < m.y - 0.5 } else { x.y > m.y + 0.5 })
                .min_by_key(|x| {
                    (
                        ((x.y - m.y).abs() * 4.0) as u64,
                        ((mid(x) - mid(m)).abs() * 4.0) as u64,
                    )
                })
                .map(|x| x.position)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        Day::new(y, m, d).unwrap().ordinal()
    }

    #[test]
    fn long_empty_stretches_fold() {
        let spans = [
            (day(2023, 7, 1), day(2023, 7, 28)),
            (day(2025, 10, 1), day(2025, 10, 31)),
        ];
        let a = axis(&spans, 10.0, 910.0);
        assert_eq!(a.segments.len(), 2);
        let f = folds(&a);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].label, "2 yr");
        assert!(f[0].x1 - f[0].x0 == FOLD);
        // Both clusters take the width, about equally.
        let w: Vec<f64> = a.segments.iter().map(|s| s.x1 - s.x0).collect();
        assert!((w[0] - w[1]).abs() < 40.0, "{w:?}");
        assert!((a.x1() - 910.0).abs() < 1e-6);
        // Close events do not fold.
        let near = axis(
            &[
                (day(2025, 1, 1), day(2025, 1, 2)),
                (day(2025, 2, 1), day(2025, 2, 2)),
            ],
            0.0,
            900.0,
        );
        assert_eq!(near.segments.len(), 1);
    }

    #[test]
    fn the_axis_maps_days_to_x_and_back() {
        let a = axis(&[(day(2025, 1, 1), day(2025, 12, 31))], 100.0, 900.0);
        for d in [day(2025, 1, 1), day(2025, 6, 1), day(2025, 12, 31)] {
            assert_eq!(a.day(a.x(d)), d);
            assert!(a.x_end(d) > a.x(d));
        }
        assert_eq!(a.day(-50.0), a.start(), "clamped");
    }

    #[test]
    fn ticks_never_collide_nor_leave_the_picture() {
        for width in [240.0, 320.0, 680.0, 1000.0] {
            for spans in [
                vec![(day(2025, 10, 1), day(2025, 10, 8))],
                vec![(day(2025, 1, 1), day(2025, 12, 31))],
                vec![(day(1990, 1, 1), day(2025, 12, 31))],
                vec![
                    (day(2023, 7, 1), day(2023, 7, 28)),
                    (day(2025, 10, 1), day(2025, 10, 31)),
                ],
            ] {
                let a = axis(&spans, EDGE, width - EDGE);
                let t = ticks(&a, width);
                assert!(t.len() >= a.segments.len().min(2), "{width}: {t:?}");
                for w in t.windows(2) {
                    let right = w[0].label_x + text_width(&w[0].label) / 2.0;
                    let left = w[1].label_x - text_width(&w[1].label) / 2.0;
                    assert!(right + 10.0 <= left + 1e-9, "{w:?}");
                }
                for x in &t {
                    let half = text_width(&x.label) / 2.0;
                    assert!(
                        x.label_x - half >= 0.0 && x.label_x + half <= width,
                        "{x:?} at {width}"
                    );
                }
            }
        }
        let a = axis(&[(day(1990, 1, 1), day(2025, 12, 31))], EDGE, 1000.0 - EDGE);
        assert!(ticks(&a, 1000.0)
            .iter()
            .all(|t| t.label.parse::<i32>().is_ok()));
    }

    #[test]
    fn brushing_snaps_to_the_unit_the_ticks_show() {
        let months = axis(
            &[
                (day(2023, 7, 1), day(2023, 7, 28)),
                (day(2025, 10, 1), day(2025, 10, 31)),
            ],
            0.0,
            400.0,
        );
        let s = &months.segments[1];
        assert_eq!(s.unit, Unit::Month);
        let (from, to, unit) = snap(&months, s.x(day(2025, 10, 14)), s.x(day(2025, 10, 20)));
        assert_eq!(
            (from, to),
            (
                Day::new(2025, 10, 1).unwrap(),
                Day::new(2025, 10, 31).unwrap()
            )
        );
        assert_eq!(range_words(from, to, unit), "October 2025");
        let (from, to, unit) = snap(
            &months,
            months.segments[0].x(day(2023, 7, 3)),
            s.x(day(2025, 10, 20)),
        );
        assert_eq!(range_words(from, to, unit), "July 2023 to October 2025");
        let days = axis(&[(day(2025, 10, 1), day(2025, 10, 8))], 0.0, 900.0);
        assert_eq!(days.segments[0].unit, Unit::Day);
        let (from, to, unit) = snap(
            &days,
            days.x(day(2025, 10, 3)) + 1.0,
            days.x(day(2025, 10, 5)) + 1.0,
        );
        assert_eq!(range_words(from, to, unit), "3 to 5 October 2025");
        let years = axis(&[(day(1990, 1, 1), day(2025, 12, 31))], 0.0, 300.0);
        assert_eq!(years.segments[0].unit, Unit::Year);
        let (from, to, unit) = snap(&years, 10.0, 290.0);
        assert_eq!((from.month, from.day, to.month, to.day), (1, 1, 12, 31));
        assert!(range_words(from, to, unit).starts_with("19"));
    }

    fn mark(position: usize, x0: f64, x1: f64) -> Mark {
        let middle = (x0 + x1) / 2.0;
        Mark {
            position,
            lane: 0,
            row: 0,
            x0,
            x1,
            y: 0.0,
            hit: (x0.min(middle - 12.0), x1.max(middle + 12.0)),
            point: x1 - x0 < 2.0,
            planned: false,
            open_start: false,
            open_end: false,
            label: None,
            undated: false,
        }
    }

    #[test]
    fn marks_stack_so_none_hides_another_and_labels_take_free_room() {
        let mut marks = vec![
            mark(0, 100.0, 101.0),
            mark(1, 100.0, 101.0),
            mark(2, 105.0, 400.0),
            mark(3, 600.0, 601.0),
        ];
        let rows = stack(
            &mut marks,
            &["A", "B", "Quite a long title", "D"],
            &[],
            1,
            800.0,
        );
        assert_eq!(rows, vec![3]);
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                if a.row == b.row {
                    assert!(a.hit.1 <= b.hit.0 || b.hit.1 <= a.hit.0, "{a:?} {b:?}");
                }
            }
        }
        assert!(
            marks.iter().all(|m| m.label.is_some()),
            "room for every label"
        );
        // A label that would leave the picture goes before the mark, or is shortened.
        let mut edge = vec![mark(0, 780.0, 781.0)];
        stack(
            &mut edge,
            &["A title far too long for the room left"],
            &[],
            1,
            800.0,
        );
        let label = edge[0].label.as_ref().unwrap();
        assert!(label.end && label.extent().0 >= 0.0 && label.extent().1 < 780.0);
        // ...but not before the start of its stretch of the axis.
        let mut floored = vec![mark(0, 780.0, 781.0)];
        stack(
            &mut floored,
            &["A title far too long for the room left"],
            &[700.0],
            1,
            800.0,
        );
        assert!(floored[0]
            .label
            .as_ref()
            .is_none_or(|l| l.extent().0 >= 700.0));
        let mut both = vec![mark(0, 100.0, 101.0), mark(1, 300.0, 301.0)];
        stack(
            &mut both,
            &["One", "A title that is long enough to need shortening here"],
            &[],
            1,
            600.0,
        );
        let short = both[1].label.as_ref().unwrap();
        assert!(
            short.text.ends_with('…') && short.extent().1 <= 598.0,
            "{short:?}"
        );
        assert_eq!(
            shorten("Putin on a state visit", 70.0, 5).as_deref(),
            Some("Putin on…")
        );
        assert_eq!(shorten("Putin on a state visit", 30.0, 5), None);
    }

    #[test]
    fn arrow_keys_move_between_marks() {
        let mut marks = vec![
            mark(0, 100.0, 101.0),
            mark(1, 100.0, 101.0),
            mark(2, 300.0, 301.0),
        ];
        marks[0].y = 10.0;
        marks[1].y = 40.0;
        marks[2].y = 10.0;
        assert_eq!(neighbour(&marks, 0, "ArrowRight"), Some(1));
        assert_eq!(neighbour(&marks, 0, "ArrowLeft"), None);
        assert_eq!(neighbour(&marks, 0, "ArrowDown"), Some(1));
        assert_eq!(neighbour(&marks, 1, "ArrowUp"), Some(0));
        assert_eq!(neighbour(&marks, 2, "ArrowDown"), Some(1));
    }
}
