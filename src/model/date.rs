//! Dates that are never more exact than their source.
//!
//! A [`DateSpec`] stores what the source supports (a day, a month, "late
//! October", a range, "not before October 2025"...). It is shown as written
//! and sorted and filtered by the range of days it covers ([`DateSpec::bounds`]).

use super::types::Inference;
use super::vocab::{MonthPart, Precision, Vocab, Weekday};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A calendar day (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Day {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn ordinal(self) -> i32 {
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_ordinal(z: i32) -> Day {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i32::from(month <= 2);
        Day { year, month, day }
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.ordinal() + 3).rem_euclid(7) as usize]
    }

    /// A full day written YYYY-MM-DD; anything else is `None`.
    pub fn parse(text: &str) -> Option<Day> {
        match PartialDate::parse(text) {
            Ok(PartialDate::Day(day)) => Some(day),
            _ => None,
        }
    }

    /// "2023-07-27"
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "27 July 2023"
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

/// A partial calendar date as written in the data: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialDate {
    Year(i32),
    Month(i32, u32),
    Day(Day),
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let bad = || {
            format!("\"{text}\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-10-29)")
        };
        // Read in place: every date is parsed several times while a dataset loads.
        let mut parts = text.split('-');
        let number = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let year = number(parts.next().unwrap_or_default(), 4).ok_or_else(bad)? as i32;
        match (parts.next(), parts.next(), parts.next()) {
            (None, ..) => Ok(PartialDate::Year(year)),
            (Some(m), None, _) => match number(m, 2) {
                Some(month @ 1..=12) => Ok(PartialDate::Month(year, month)),
                _ => Err(bad()),
            },
            (Some(m), Some(d), None) => {
                let (month, day) = (number(m, 2).ok_or_else(bad)?, number(d, 2).ok_or_else(bad)?);
                Day::new(year, month, day)
                    .map(PartialDate::Day)
                    .ok_or_else(|| format!("\"{text}\" is not a day of the calendar"))
            }
            _ => Err(bad()),
        }
    }

    pub fn first_day(self) -> Day {
        match self {
            PartialDate::Year(y) => Day {
                year: y,
                month: 1,
                day: 1,
            },
            PartialDate::Month(y, m) => Day {
                year: y,
                month: m,
                day: 1,
            },
            PartialDate::Day(d) => d,
        }
    }

    pub fn last_day(self) -> Day {
        match self {
            PartialDate::Year(y) => Day {
                year: y,
                month: 12,
                day: 31,
            },
            PartialDate::Month(y, m) => Day {
                year: y,
                month: m,
                day: days_in_month(y, m),
            },
            PartialDate::Day(d) => d,
        }
    }

    fn granularity(self) -> &'static str {
        match self {
            PartialDate::Year(_) => "a year (YYYY)",
            PartialDate::Month(..) => "a month (YYYY-MM)",
            PartialDate::Day(_) => "a day (YYYY-MM-DD)",
        }
    }

    fn long(self) -> String {
        match self {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Month(y, m) => format!("{} {y}", month_name(m)),
            PartialDate::Day(d) => d.long(),
        }
    }
}

/// A date with its precision, as stored in the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateSpec {
    pub precision: Precision,
    /// The date itself; its shape depends on `precision` (a range's start).
    /// Empty only for `undated`.
    /// Shared: a large dataset has a few thousand distinct dates for hundreds
    /// of thousands of events and stances, and the decoder keeps one copy of each.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub value: Arc<str>,
    /// With `part_of_month`: which part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<MonthPart>,
    /// With `range`: the last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Arc<str>>,
    /// When the source names only a weekday ("on Wednesday").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<Weekday>,
    /// What in this date is inferred rather than stated, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<Inference>,
}

fn is_empty(value: &Arc<str>) -> bool {
    value.is_empty()
}

/// A checked date: the first and last day it may fall on (`None` = open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub start: Option<Day>,
    pub end: Option<Day>,
}

impl Bounds {
    fn closed(start: Day, end: Day) -> Bounds {
        Bounds {
            start: Some(start),
            end: Some(end),
        }
    }

    /// Ordinals for range filters: an open side reaches to the end of time.
    pub fn ordinals(self) -> (i32, i32) {
        (
            self.start.map_or(i32::MIN, Day::ordinal),
            self.end.map_or(i32::MAX, Day::ordinal),
        )
    }
}

impl DateSpec {
    pub fn new(precision: Precision, value: &str) -> DateSpec {
        DateSpec {
            precision,
            value: value.into(),
            part: None,
            end: None,
            weekday: None,
            inferred: Vec::new(),
        }
    }

    /// No date at all: the source says a thing exists or sometimes happens, not when.
    pub fn undated() -> DateSpec {
        DateSpec::new(Precision::Undated, "")
    }

    pub fn is_undated(&self) -> bool {
        self.precision == Precision::Undated
    }

    /// Checks the date against its precision and returns the days it covers,
    /// or why it cannot be read. Messages name the field at fault.
    pub fn check(&self) -> Result<Bounds, (&'static str, String)> {
        if self.is_undated() {
            let stray = [
                ("value", !self.value.is_empty()),
                ("part", self.part.is_some()),
                ("end", self.end.is_some()),
                ("weekday", self.weekday.is_some()),
            ];
            if let Some((field, _)) = stray.iter().find(|(_, set)| *set) {
                return Err((
                    field,
                    format!("an \"undated\" date has no \"{field}\": leave it out"),
                ));
            }
            return Ok(Bounds {
                start: None,
                end: None,
            });
        }
        let value = PartialDate::parse(&self.value).map_err(|e| ("value", e))?;
        let precision = self.precision;
        let needs = |shape: PartialDate| -> Result<(), (&'static str, String)> {
            if std::mem::discriminant(&shape) == std::mem::discriminant(&value) {
                Ok(())
            } else {
                Err((
                    "value",
                    format!(
                        "precision \"{}\" needs {}, but \"{}\" is {}",
                        precision.key(),
                        shape.granularity(),
                        self.value,
                        value.granularity()
                    ),
                ))
            }
        };
        let day0 = PartialDate::Day(Day {
            year: 0,
            month: 1,
            day: 1,
        });
        let month0 = PartialDate::Month(0, 1);
        if self.part.is_some() && precision != Precision::PartOfMonth {
            return Err((
                "part",
                "\"part\" is only for precision \"part_of_month\"".into(),
            ));
        }
        if self.end.is_some() && precision != Precision::Range {
            return Err(("end", "\"end\" is only for precision \"range\"".into()));
        }
        let bounds = match precision {
            Precision::Day => {
                needs(day0)?;
                Bounds::closed(value.first_day(), value.first_day())
            }
            Precision::Week => {
                needs(day0)?;
                let start = value.first_day();
                Bounds::closed(start, Day::from_ordinal(start.ordinal() + 6))
            }
            Precision::Month => {
                needs(month0)?;
                Bounds::closed(value.first_day(), value.last_day())
            }
            Precision::PartOfMonth => {
                needs(month0)?;
                let part = self.part.ok_or_else(|| {
                    (
                        "part",
                        format!(
                            "precision \"part_of_month\" needs \"part\": {}",
                            MonthPart::allowed()
                        ),
                    )
                })?;
                let (first, last) = (value.first_day(), value.last_day());
                let (from, to) = match part {
                    MonthPart::Early => (1, 10),
                    MonthPart::Mid => (11, 20),
                    MonthPart::Late => (21, last.day),
                };
                Bounds::closed(Day { day: from, ..first }, Day { day: to, ..last })
            }
            Precision::Year => {
                needs(PartialDate::Year(0))?;
                Bounds::closed(value.first_day(), value.last_day())
            }
            Precision::Range => {
                needs(day0)?;
                let end = self.end.as_deref().ok_or_else(|| {
                    (
                        "end",
                        "precision \"range\" needs \"end\" (YYYY-MM-DD)".to_string(),
                    )
                })?;
                let end = match PartialDate::parse(end).map_err(|e| ("end", e))? {
                    PartialDate::Day(d) => d,
                    other => {
                        return Err((
                            "end",
                            format!(
                                "a range ends on a day (YYYY-MM-DD), not {}",
                                other.granularity()
                            ),
                        ))
                    }
                };
                let start = value.first_day();
                if end < start {
                    return Err((
                        "end",
                        format!(
                            "the range ends ({}) before it starts ({})",
                            end.iso(),
                            start.iso()
                        ),
                    ));
                }
                Bounds::closed(start, end)
            }
            Precision::NotBefore => Bounds {
                start: Some(value.first_day()),
                end: None,
            },
            Precision::NotAfter => Bounds {
                start: None,
                end: Some(value.last_day()),
            },
            Precision::Undated => unreachable!("handled above"),
        };
        if let (Some(weekday), Precision::Day, Some(day)) = (self.weekday, precision, bounds.start)
        {
            let actual = day.weekday();
            if actual != weekday {
                return Err((
                    "weekday",
                    format!(
                        "{} was a {}, not a {}",
                        day.iso(),
                        actual.label(),
                        weekday.label()
                    ),
                ));
            }
        }
        Ok(bounds)
    }

    /// What [`DateSpec::check`] reads, its texts by address: two dates with
    /// the same key check alike while both are held. A dataset shares each
    /// distinct date's text, so 345,000 dates of a few thousand distinct ones
    /// are checked a few thousand times.
    pub fn check_key(&self) -> (usize, usize, u32) {
        let at = |text: &Arc<str>| Arc::as_ptr(text) as *const u8 as usize;
        let code = |code: Option<u32>| code.map_or(0, |c| c + 1);
        (
            at(&self.value),
            self.end.as_ref().map_or(0, at),
            self.precision as u32
                | code(self.part.map(|p| p as u32)) << 8
                | code(self.weekday.map(|w| w as u32)) << 16,
        )
    }

    /// The date as a reader should see it: no more exact than stored.
    pub fn display(&self) -> String {
        if self.is_undated() {
            return "date not given".into();
        }
        let Ok(bounds) = self.check() else {
            return self.value.to_string();
        };
        let value = PartialDate::parse(&self.value).expect("checked above");
        let text = match self.precision {
            Precision::Day | Precision::Year | Precision::Month => value.long(),
            Precision::Week => format!("week of {}", value.long()),
            Precision::PartOfMonth => {
                let part = self.part.map_or("", |p| p.label());
                format!("{part} {}", value.long())
            }
            Precision::Range => {
                let (a, b) = (value.first_day(), bounds.end.unwrap_or(value.first_day()));
                if a.year != b.year {
                    format!("{} – {}", a.long(), b.long())
                } else if a.month != b.month {
                    format!("{} {} – {}", a.day, month_name(a.month), b.long())
                } else {
                    format!("{}–{}", a.day, b.long())
                }
            }
            Precision::NotBefore => format!("{} or later", value.long()),
            Precision::NotAfter => format!("{} or earlier", value.long()),
            Precision::Undated => unreachable!("handled above"),
        };
        match (self.weekday, self.precision) {
            (Some(w), Precision::Day) => format!("{}, {text}", w.label()),
            (Some(w), _) => format!("a {}, {text}", w.label()),
            (None, _) => text,
        }
    }

    /// The heading of the group an event sorts into: its month when the date
    /// lies within one month, otherwise no more than the date supports.
    pub fn group_label(&self) -> String {
        if self.is_undated() {
            return "Date not given".into();
        }
        let Ok(bounds) = self.check() else {
            return "Undated".into();
        };
        let value = PartialDate::parse(&self.value).expect("checked above");
        let month = |d: Day| format!("{} {}", month_name(d.month), d.year);
        match (self.precision, bounds.start, bounds.end) {
            (Precision::Year, ..) => value.long(),
            (Precision::NotBefore, Some(start), _) => format!("{} or later", month(start)),
            (Precision::NotAfter, _, Some(end)) => format!("{} or earlier", month(end)),
            (_, Some(a), Some(b)) if (a.year, a.month) == (b.year, b.month) => month(a),
            (_, Some(a), Some(b)) if a.year == b.year => {
                format!(
                    "{} – {} {}",
                    month_name(a.month),
                    month_name(b.month),
                    a.year
                )
            }
            (_, Some(a), Some(b)) => format!("{} – {}", month(a), month(b)),
            _ => self.display(),
        }
    }

    /// Chronological sort key. An approximate date sorts by its range; an
    /// open one ("October 2025 or later") after everything within its value,
    /// and "26 July 2023 or earlier" before everything.
    pub fn sort_key(&self) -> (i32, i32) {
        let Ok(bounds) = self.check() else {
            return (i32::MAX, i32::MAX);
        };
        let (start, end) = bounds.ordinals();
        match self.precision {
            Precision::NotBefore => {
                let last = PartialDate::parse(&self.value).map(|v| v.last_day().ordinal());
                (last.unwrap_or(start), end)
            }
            // Nothing to place it by: after everything that has a date.
            Precision::Undated => (i32::MAX, i32::MAX),
            _ => (start, end),
        }
    }

    /// A machine-readable value for `<time datetime>` that claims no more than the source.
    pub fn machine(&self) -> Option<String> {
        let value = PartialDate::parse(&self.value).ok()?;
        match (self.precision, value) {
            (Precision::Day, PartialDate::Day(d)) => Some(d.iso()),
            (Precision::Month | Precision::PartOfMonth, PartialDate::Month(y, m)) => {
                Some(format!("{y:04}-{m:02}"))
            }
            (Precision::Year, PartialDate::Year(y)) => Some(format!("{y:04}")),
            _ => None,
        }
    }

    pub fn bounds(&self) -> Option<Bounds> {
        self.check().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(precision: Precision, value: &str) -> DateSpec {
        DateSpec::new(precision, value)
    }

    #[test]
    fn ordinals_round_trip_and_weekdays_are_right() {
        for z in -800_000..800_000 {
            assert_eq!(Day::from_ordinal(z).ordinal(), z);
        }
        assert_eq!(Day::new(1970, 1, 1).unwrap().ordinal(), 0);
        // The White House statement: Thursday 27 July 2023.
        assert_eq!(Day::new(2023, 7, 27).unwrap().weekday(), Weekday::Thursday);
        assert_eq!(Day::new(2000, 2, 29).unwrap().weekday(), Weekday::Tuesday);
        assert!(Day::new(2023, 2, 29).is_none());
    }

    #[test]
    fn display_is_no_more_exact_than_the_precision() {
        assert_eq!(spec(Precision::Month, "2025-10").display(), "October 2025");
        let late = DateSpec {
            part: Some(MonthPart::Late),
            ..spec(Precision::PartOfMonth, "2025-10")
        };
        assert_eq!(late.display(), "late October 2025");
        assert_eq!(spec(Precision::Day, "2023-07-27").display(), "27 July 2023");
        assert_eq!(spec(Precision::Year, "2023").display(), "2023");
        let wednesday = DateSpec {
            weekday: Some(Weekday::Wednesday),
            ..spec(Precision::NotBefore, "2025-10")
        };
        assert_eq!(wednesday.display(), "a Wednesday, October 2025 or later");
        let range = DateSpec {
            end: Some("2023-07-28".into()),
            ..spec(Precision::Range, "2023-07-01")
        };
        assert_eq!(range.display(), "1–28 July 2023");
        let range = DateSpec {
            end: Some("2023-08-03".into()),
            ..spec(Precision::Range, "2023-07-28")
        };
        assert_eq!(range.display(), "28 July – 3 August 2023");
        assert_eq!(
            spec(Precision::Week, "2025-11-17").display(),
            "week of 17 November 2025"
        );
    }

    #[test]
    fn bounds_cover_the_whole_span() {
        let late = DateSpec {
            part: Some(MonthPart::Late),
            ..spec(Precision::PartOfMonth, "2024-02")
        };
        let b = late.check().unwrap();
        assert_eq!(
            (b.start.unwrap().iso(), b.end.unwrap().iso()),
            ("2024-02-21".into(), "2024-02-29".into())
        );
        let open = spec(Precision::NotBefore, "2025-10").check().unwrap();
        assert_eq!(open.end, None);
        assert_eq!(open.ordinals().1, i32::MAX);
        let by = spec(Precision::NotAfter, "2023-07-26").check().unwrap();
        assert_eq!(by.ordinals().0, i32::MIN);
        let day = Day::new(2023, 7, 26).unwrap().ordinal();
        assert_eq!(
            spec(Precision::NotAfter, "2023-07-26").sort_key(),
            (i32::MIN, day)
        );
        assert_eq!(
            spec(Precision::NotAfter, "2023-07-26").display(),
            "26 July 2023 or earlier"
        );
    }

    #[test]
    fn contradictions_are_reported_with_the_field_at_fault() {
        let err = spec(Precision::Month, "2025-10-14").check().unwrap_err();
        assert_eq!(err.0, "value");
        assert!(
            err.1.contains("precision \"month\" needs a month"),
            "{}",
            err.1
        );
        assert_eq!(
            spec(Precision::PartOfMonth, "2025-10")
                .check()
                .unwrap_err()
                .0,
            "part"
        );
        let stray_end = DateSpec {
            end: Some("2025-10-02".into()),
            ..spec(Precision::Day, "2025-10-01")
        };
        assert_eq!(stray_end.check().unwrap_err().0, "end");
        let backwards = DateSpec {
            end: Some("2025-09-30".into()),
            ..spec(Precision::Range, "2025-10-01")
        };
        let err = backwards.check().unwrap_err();
        assert!(err.1.contains("before it starts"), "{}", err.1);
        let wrong_day = DateSpec {
            weekday: Some(Weekday::Friday),
            ..spec(Precision::Day, "2023-07-27")
        };
        assert_eq!(wrong_day.check().unwrap_err().0, "weekday");
        for bad in [
            "2025-13",
            "2025-02-30",
            "25-10",
            "October 2025",
            "2025-1-05",
            "",
        ] {
            assert!(
                spec(Precision::Day, bad).check().is_err(),
                "{bad} should not parse"
            );
        }
    }

    #[test]
    fn groups_are_months_or_no_more_than_the_date_supports() {
        assert_eq!(
            spec(Precision::Day, "2023-07-27").group_label(),
            "July 2023"
        );
        let late = DateSpec {
            part: Some(MonthPart::Late),
            ..spec(Precision::PartOfMonth, "2025-10")
        };
        assert_eq!(late.group_label(), "October 2025");
        assert_eq!(
            spec(Precision::NotBefore, "2025-10").group_label(),
            "October 2025 or later"
        );
        assert_eq!(
            spec(Precision::NotAfter, "2023-07-26").group_label(),
            "July 2023 or earlier"
        );
        assert_eq!(spec(Precision::Year, "2023").group_label(), "2023");
        let range = DateSpec {
            end: Some("2023-08-03".into()),
            ..spec(Precision::Range, "2023-07-28")
        };
        assert_eq!(range.group_label(), "July – August 2023");
    }

    #[test]
    fn open_dates_sort_after_or_before_what_they_bound() {
        let october = spec(Precision::Month, "2025-10").sort_key();
        let late = DateSpec {
            part: Some(MonthPart::Late),
            ..spec(Precision::PartOfMonth, "2025-10")
        };
        let later = spec(Precision::NotBefore, "2025-10").sort_key();
        assert!(october < late.sort_key() && late.sort_key() < later);
        assert!(
            spec(Precision::NotAfter, "2023-07-26").sort_key()
                < spec(Precision::Month, "2023-07").sort_key()
        );
    }

    #[test]
    fn machine_values_never_add_precision() {
        let late = DateSpec {
            part: Some(MonthPart::Late),
            ..spec(Precision::PartOfMonth, "2025-10")
        };
        assert_eq!(late.machine().as_deref(), Some("2025-10"));
        assert_eq!(spec(Precision::NotBefore, "2025-10").machine(), None);
    }
}
