//! How the address bar follows the view: which changes add a history entry.

use super::ViewState;

/// What to do with the address bar after the view changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryStep {
    /// Add an entry (back returns to the previous view) rather than replace the current one.
    pub push: bool,
    /// The change only edited the search text: the next keystroke continues the run.
    pub typing: bool,
}

/// The step from `previous` (the last view, and whether it was reached by
/// typing) to `now`. The first write only tidies the URL the page was opened
/// with, so it replaces; a run of keystrokes in the search box gets one entry
/// (its first keystroke pushes, the rest replace); every other change pushes.
pub fn history_step(previous: Option<(&ViewState, bool)>, now: &ViewState) -> HistoryStep {
    let Some((before, was_typing)) = previous else {
        return HistoryStep {
            push: false,
            typing: false,
        };
    };
    let typing = before.search != now.search
        && ViewState {
            search: now.search.clone(),
            ..before.clone()
        } == *now;
    HistoryStep {
        push: !(typing && was_typing),
        typing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Facet;

    fn searching(text: &str) -> ViewState {
        ViewState {
            search: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_first_write_replaces() {
        let step = history_step(None, &searching("x"));
        assert_eq!(
            step,
            HistoryStep {
                push: false,
                typing: false
            }
        );
    }

    #[test]
    fn a_run_of_keystrokes_is_one_entry() {
        let (a, b, c) = (searching(""), searching("u"), searching("us"));
        let first = history_step(Some((&a, false)), &b);
        assert_eq!(
            first,
            HistoryStep {
                push: true,
                typing: true
            }
        );
        let second = history_step(Some((&b, first.typing)), &c);
        assert_eq!(
            second,
            HistoryStep {
                push: false,
                typing: true
            }
        );
    }

    #[test]
    fn other_changes_push_and_end_the_run() {
        let before = searching("us");
        let mut ticked = before.clone();
        ticked.set(Facet::Status, "denied", true);
        assert_eq!(
            history_step(Some((&before, true)), &ticked),
            HistoryStep {
                push: true,
                typing: false
            }
        );
        // Search and a filter changed at once (a pasted link, back/forward): not typing.
        let mut both = searching("usa");
        both.set(Facet::Status, "denied", true);
        assert_eq!(
            history_step(Some((&before, true)), &both),
            HistoryStep {
                push: true,
                typing: false
            }
        );
        // Opening an event is its own entry, even in the middle of typing.
        let opened = ViewState {
            open: ["e1".to_string()].into(),
            ..before.clone()
        };
        assert!(history_step(Some((&before, true)), &opened).push);
    }
}
