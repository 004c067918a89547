//! Timeline maths: a linear time scale, tick choice from days to years, one
//! lane per channel modality, and a mark per event whose span is the range
//! of days its date may fall on (a point only when the date is a day).

use crate::model::date::{month_name, Day};
use crate::model::{Briefing, EventStatus, Modality, Vocab};

/// Days (ordinals) to x (view-box units), and back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub start: i32,
    pub end: i32,
    pub x0: f64,
    pub x1: f64,
}

impl Scale {
    pub fn x(&self, day: i32) -> f64 {
        let span = (self.end - self.start).max(1) as f64;
        self.x0 + (day - self.start) as f64 / span * (self.x1 - self.x0)
    }

    /// The day at `x`, clamped to the domain.
    pub fn day(&self, x: f64) -> i32 {
        let t = ((x - self.x0) / (self.x1 - self.x0)).clamp(0.0, 1.0);
        self.start + (t * (self.end - self.start) as f64).round() as i32
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub day: i32,
    pub x: f64,
    pub label: String,
}

/// Ticks at whole days, weeks, months, quarters or years, whichever gives
/// about `target` of them over the scale.
pub fn ticks(scale: &Scale, target: usize) -> Vec<Tick> {
    let days = (scale.end - scale.start).max(1);
    let per_tick = days as f64 / target.max(1) as f64;
    let first = Day::from_ordinal(scale.start);
    let mut out = Vec::new();
    let mut push = |d: Day, label: String| {
        let day = d.ordinal();
        if day >= scale.start && day <= scale.end {
            out.push(Tick {
                day,
                x: scale.x(day),
                label,
            });
        }
    };
    if per_tick <= 1.5 {
        for day in scale.start..=scale.end {
            let d = Day::from_ordinal(day);
            push(d, format!("{} {}", d.day, &month_name(d.month)[..3]));
        }
    } else if per_tick <= 10.0 {
        // Mondays.
        let monday = scale.start - (scale.start + 3).rem_euclid(7);
        let step = if per_tick <= 5.0 { 7 } else { 14 };
        for day in (monday..=scale.end).step_by(step) {
            let d = Day::from_ordinal(day);
            push(d, format!("{} {}", d.day, &month_name(d.month)[..3]));
        }
    } else if per_tick <= 200.0 {
        let step = [1, 3, 6]
            .into_iter()
            .find(|m| per_tick <= *m as f64 * 31.0)
            .unwrap_or(6);
        let (mut year, mut month) = (first.year, first.month);
        // Start at a month that is a multiple of the step (Jan, Apr, Jul, Oct...).
        month = ((month - 1) / step) * step + 1;
        let mut year_shown = false;
        loop {
            let d = Day {
                year,
                month,
                day: 1,
            };
            if d.ordinal() > scale.end {
                break;
            }
            // The year on January, and on the first tick drawn.
            let in_view = d.ordinal() >= scale.start;
            let label = if month == 1 || (in_view && !year_shown) {
                format!("{} {year}", &month_name(month)[..3])
            } else {
                month_name(month)[..3].to_string()
            };
            year_shown |= in_view;
            push(d, label);
            month += step;
            if month > 12 {
                month -= 12;
                year += 1;
            }
        }
    } else {
        let years = per_tick / 365.0;
        let step = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|s| years <= *s as f64)
            .unwrap_or(100);
        let mut year = first.year - first.year.rem_euclid(step);
        while (Day {
            year,
            month: 1,
            day: 1,
        })
        .ordinal()
            <= scale.end
        {
            push(
                Day {
                    year,
                    month: 1,
                    day: 1,
                },
                year.to_string(),
            );
            year += step;
        }
    }
    out
}

/// One event drawn on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Position of the event in the index's chronological order.
    pub position: usize,
    pub lane: usize,
    pub x0: f64,
    pub x1: f64,
    /// Drawn as a point (a date known to the day).
    pub point: bool,
    pub planned: bool,
    /// The date has no start ("or earlier") or no end ("or later").
    pub open_start: bool,
    pub open_end: bool,
    /// The source gives no date at all: kept for its position, never drawn
    /// on the time axis (a bar edge to edge would claim every day).
    pub undated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLayout {
    pub scale: Scale,
    pub lanes: Vec<Modality>,
    pub marks: Vec<Mark>,
    pub ticks: Vec<Tick>,
}

/// Lays out every event (by chronological position `order`) across `width`
/// view-box units, leaving `margin` on the left for lane labels.
pub fn layout(b: &Briefing, order: &[usize], width: f64, margin: f64) -> TimelineLayout {
    let bounds: Vec<(Option<i32>, Option<i32>)> = order
        .iter()
        .map(|&e| match b.events[e].date.bounds() {
            Some(bounds) => (bounds.start.map(Day::ordinal), bounds.end.map(Day::ordinal)),
            None => (None, None),
        })
        .collect();
    let known = bounds.iter().flat_map(|(s, e)| [*s, *e]).flatten();
    let (lo, hi) = known.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let (lo, hi) = if lo > hi { (0, 1) } else { (lo, hi) };
    // Room at both ends for open dates and for marks at the edges.
    let pad = ((hi - lo) / 12).max(15);
    let scale = Scale {
        start: lo - pad,
        end: hi + pad,
        x0: margin,
        x1: width - 10.0,
    };

    let lanes: Vec<Modality> = Modality::ALL
        .iter()
        .copied()
        .filter(|m| {
            order
                .iter()
                .any(|&e| b.events[e].channel.modality == *m && !b.events[e].date.is_undated())
        })
        .collect();
    let marks = order
        .iter()
        .zip(&bounds)
        .enumerate()
        .map(|(position, (&e, &(start, end)))| {
            let event = &b.events[e];
            let (s, t) = (start.unwrap_or(scale.start), end.unwrap_or(scale.end));
            Mark {
                position,
                lane: lanes
                    .iter()
                    .position(|m| *m == event.channel.modality)
                    .unwrap_or(0),
                x0: scale.x(s),
                x1: scale.x(t),
                point: start.is_some() && start == end,
                planned: event.status == EventStatus::Planned,
                open_start: start.is_none(),
                open_end: end.is_none(),
                undated: event.date.is_undated(),
            }
        })
        .collect();
    let ticks = ticks(&scale, ((width - margin) / 90.0).max(2.0) as usize);
    TimelineLayout {
        scale,
        lanes,
        marks,
        ticks,
    }
}

/// The lane label, e.g. "Phone call".
pub fn lane_label(m: Modality) -> &'static str {
    m.label()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(a: (i32, u32, u32), b: (i32, u32, u32)) -> Scale {
        let day = |(y, m, d)| Day::new(y, m, d).unwrap().ordinal();
        Scale {
            start: day(a),
            end: day(b),
            x0: 100.0,
            x1: 900.0,
        }
    }

    #[test]
    fn the_scale_maps_days_to_x_and_back() {
        let s = scale((2025, 1, 1), (2025, 12, 31));
        assert_eq!(s.x(s.start), 100.0);
        assert_eq!(s.x(s.end), 900.0);
        for day in [s.start, s.start + 100, s.end] {
            assert_eq!(s.day(s.x(day)), day);
        }
        assert_eq!(s.day(-50.0), s.start, "clamped");
    }

    #[test]
    fn ticks_go_from_days_to_years() {
        let days = ticks(&scale((2025, 10, 1), (2025, 10, 8)), 8);
        assert_eq!(days[0].label, "1 Oct");
        assert_eq!(days.len(), 8);
        let weeks = ticks(&scale((2025, 10, 1), (2025, 12, 1)), 8);
        assert!(weeks
            .iter()
            .all(|t| Day::from_ordinal(t.day).weekday() == crate::model::Weekday::Monday));
        let months = ticks(&scale((2025, 1, 1), (2025, 12, 31)), 12);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].label, "Jan 2025");
        assert_eq!(months[9].label, "Oct");
        let quarters = ticks(&scale((2023, 7, 1), (2025, 12, 31)), 8);
        assert!(quarters
            .iter()
            .all(|t| [1, 4, 7, 10].contains(&Day::from_ordinal(t.day).month)));
        let years = ticks(&scale((1990, 1, 1), (2025, 12, 31)), 8);
        assert!(
            years
                .iter()
                .all(|t| t.label.parse::<i32>().unwrap() % 5 == 0),
            "{years:?}"
        );
        for set in [&days, &weeks, &months, &quarters, &years] {
            assert!(set.windows(2).all(|w| w[0].x < w[1].x));
            assert!(set.len() >= 2 && set.len() <= 16, "{} ticks", set.len());
        }
    }
}

/// Beyond this many events, marks would be a smear: draw counts per time bin.
pub const MAX_MARKS: usize = 1500;

/// Events counted per lane and time bin, for large datasets. An event counts
/// in the bin of its mark's middle.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    pub lane: usize,
    pub x0: f64,
    pub x1: f64,
    pub total: usize,
    pub kept: usize,
}

pub fn bins(layout: &TimelineLayout, kept: &[bool], count: usize) -> Vec<Bin> {
    let (x0, x1) = (layout.scale.x0, layout.scale.x1);
    let width = (x1 - x0) / count.max(1) as f64;
    let mut grid = vec![(0usize, 0usize); layout.lanes.len() * count];
    for m in layout.marks.iter().filter(|m| !m.undated) {
        let middle = (m.x0 + m.x1) / 2.0;
        let bin = (((middle - x0) / width) as usize).min(count - 1);
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
                x0: x0 + bin as f64 * width,
                x1: x0 + (bin + 1) as f64 * width,
                total,
                kept,
            }
        })
        .collect()
}
