//! The actor filter of a dataset with many actors: beyond [`SHOWN_ACTORS`]
//! the list shows the ticked actors and the most involved of the others
//! whose name contains what the reader types (10,000 checkboxes, each with a
//! live count, made every click take seconds).

use super::fold::fold;
use super::Index;
use crate::query::IdSet;

/// The most actors listed besides the ticked ones; with more actors than
/// this, the filter has a box to find the others.
pub const SHOWN_ACTORS: usize = 60;

/// Whether the actor filter is the short list with a box to find the others.
pub fn is_long(index: &Index) -> bool {
    index.actors.len() > SHOWN_ACTORS
}

/// The folded name of each actor option, made once per dataset.
#[derive(Debug, Clone)]
pub struct ActorFinder {
    names: Vec<String>,
}

impl ActorFinder {
    pub fn new(index: &Index) -> ActorFinder {
        ActorFinder {
            names: index.actors.iter().map(|o| fold(&o.label)).collect(),
        }
    }

    /// The actor options to list (indices into `Index::actors`): the first
    /// [`SHOWN_ACTORS`] whose folded name contains `find` folded, in the
    /// options' order (the most involved first), after the ticked ones
    /// (`selected` keys) that are not among them, which stay whatever is
    /// typed. Ticking a listed actor leaves the list as it is: its box does
    /// not jump from under the pointer, keeps the keyboard focus, and the
    /// rows need not be rebuilt.
    pub fn shown(&self, index: &Index, selected: &IdSet, find: &str) -> Vec<usize> {
        let needle = fold(find);
        let n = self.names.len();
        // Listed: the matches before `end`, just past the last one shown.
        // Only the few ticked are checked against it: a name is searched at
        // most twice, not once per pass.
        let mut found = 0;
        let end = (0..n)
            .find(|&i| {
                found += self.names[i].contains(&needle) as usize;
                found > SHOWN_ACTORS
            })
            .unwrap_or(n);
        let listed = |i: &usize| *i < end && self.names[*i].contains(&needle);
        let mut out: Vec<usize> = (0..n)
            .filter(|i| selected.contains(&index.actors[*i].key) && !listed(i))
            .collect();
        out.extend((0..end).filter(listed));
        out
    }
}
