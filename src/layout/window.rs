//! Windowing maths for long result lists: which rows intersect the part of
//! the page in view (plus a margin), given each row's measured or estimated
//! height. Only those rows are put in the DOM.

/// Measured row heights by row key (a small dense number: a list of `n`
/// events has keys below `2n`). A flat array, not a hash map: the window's
/// tops are summed over every row on each filter change, and at 100,000
/// rows hashing each key cost milliseconds a keystroke.
#[derive(Debug, Default, Clone)]
pub struct Heights(Vec<f64>);

impl Heights {
    /// The measured height of row `key`, if any.
    pub fn get(&self, key: u64) -> Option<f64> {
        self.0.get(key as usize).copied().filter(|h| *h > 0.0)
    }

    /// Records a measurement; true if it changed what was known by more
    /// than half a pixel. 0 means "not measured": a row that measures no
    /// height keeps its estimate.
    pub fn set(&mut self, key: u64, height: f64) -> bool {
        let key = key as usize;
        if key >= self.0.len() {
            self.0.resize(key + 1, 0.0);
        }
        let changed = (self.0[key] - height).abs() > 0.5;
        if changed {
            self.0[key] = height;
        }
        changed
    }
}

/// Running tops: `tops[i]` is where row `i` starts; `tops[n]` is the total.
pub fn tops(heights: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut tops = vec![0.0];
    let mut at = 0.0;
    for h in heights {
        at += h;
        tops.push(at);
    }
    tops
}

/// Rows `start..end` that intersect `[from, to)` (list coordinates).
pub fn visible(tops: &[f64], from: f64, to: f64) -> (usize, usize) {
    let rows = tops.len().saturating_sub(1);
    // First row whose bottom is below `from`; first row whose top is at or past `to`.
    let start = tops[1..]
        .partition_point(|&bottom| bottom <= from)
        .min(rows);
    let end = tops[..rows].partition_point(|&top| top < to).max(start);
    (start, end)
}

/// Where to scroll the page to bring row `row` to the top of the view:
/// `origin` is where the list starts on the page (the top spacer's top, not
/// the rendered rows' top, which sits below that spacer), plus the row's top.
pub fn scroll_target(origin: f64, tops: &[f64], row: usize) -> f64 {
    origin + tops.get(row).or(tops.last()).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_remember_measurements_and_report_changes() {
        let mut h = Heights::default();
        assert_eq!(h.get(7), None);
        assert!(h.set(7, 120.0));
        assert_eq!(h.get(7), Some(120.0));
        assert_eq!(h.get(6), None, "the rows below it are still unmeasured");
        assert!(!h.set(7, 120.4), "half a pixel is no change");
        assert!(h.set(7, 130.0));
        assert_eq!(h.get(7), Some(130.0));
        assert_eq!(h.get(1_000_000), None);
    }

    #[test]
    fn scrolling_to_a_row_counts_from_the_start_of_the_list() {
        let t = tops([100.0; 1_000]);
        // The list starts 300 px down the page; row 600 is 60,000 px into it,
        // whatever part of the list is rendered (and however tall the top
        // spacer is at that moment).
        assert_eq!(scroll_target(300.0, &t, 600), 60_300.0);
        assert_eq!(scroll_target(300.0, &t, 0), 300.0);
        assert_eq!(
            scroll_target(0.0, &t, 5_000),
            100_000.0,
            "past the end: the end"
        );
        assert_eq!(scroll_target(10.0, &[], 3), 10.0);
    }

    #[test]
    fn only_rows_in_the_window_are_kept() {
        let t = tops([100.0; 10]);
        assert_eq!(t.len(), 11);
        assert_eq!(t[10], 1000.0);
        assert_eq!(visible(&t, 0.0, 250.0), (0, 3));
        assert_eq!(visible(&t, 250.0, 450.0), (2, 5));
        assert_eq!(visible(&t, 900.0, 5000.0), (9, 10));
        assert_eq!(
            visible(&t, 2000.0, 3000.0),
            (10, 10),
            "past the end: nothing"
        );
        assert_eq!(
            visible(&t, -500.0, -1.0),
            (0, 0),
            "before the start: nothing"
        );
        assert_eq!(visible(&tops([]), 0.0, 100.0), (0, 0));
        let uneven = tops([10.0, 500.0, 10.0]);
        assert_eq!(visible(&uneven, 300.0, 320.0), (1, 2));
    }

    #[test]
    fn a_hundred_thousand_rows_cost_a_binary_search() {
        let t = tops((0..100_000).map(|i| 40.0 + (i % 7) as f64 * 10.0));
        let (start, end) = visible(&t, 3_000_000.0, 3_000_900.0);
        assert!(end > start && end - start < 40);
        assert!(t[start] <= 3_000_000.0 && t[end] >= 3_000_900.0);
    }
}
