//! The result list under group headings ("October 2025", "2025").

/// Each matching position, and whether a group heading goes before it: one
/// opens every run of equal labels, so a label that comes back after another
/// ("January 2023", then "2023", then "January 2023") heads two groups.
/// `group` is the label per position, as in `Index::group`.
pub fn under_headings<'a>(
    matches: &'a [usize],
    group: &'a [impl AsRef<str>],
) -> impl Iterator<Item = (usize, bool)> + 'a {
    let mut last: Option<&str> = None;
    matches.iter().map(move |&p| {
        let label = group[p].as_ref();
        let heading = last != Some(label);
        last = Some(label);
        (p, heading)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_heading_opens_each_run_of_a_label() {
        let group = labels(&["Jan 2023", "Jan 2023", "2023", "Jan 2023", "Feb 2023"]);
        let all: Vec<usize> = (0..group.len()).collect();
        let rows: Vec<_> = under_headings(&all, &group).collect();
        assert_eq!(
            rows,
            vec![(0, true), (1, false), (2, true), (3, true), (4, true)]
        );
    }

    #[test]
    fn filtered_results_keep_one_heading_per_run() {
        let group = labels(&["Oct", "Oct", "Nov", "Nov", "Dec"]);
        // Positions 1 and 2 filtered out: "Oct" still heads 0, "Nov" heads 3.
        let rows: Vec<_> = under_headings(&[0, 3, 4], &group).collect();
        assert_eq!(rows, vec![(0, true), (3, true), (4, true)]);
        assert_eq!(under_headings(&[], &group).count(), 0);
    }
}
