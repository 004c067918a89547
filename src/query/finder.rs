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

    /// The actor options to list (indices into `Index::actors`): the ticked
    /// ones (`selected` keys), which stay whatever is typed, then up to
    /// [`SHOWN_ACTORS`] of the others whose folded name contains `find`
    /// folded, in the options' order (the most involved first).
    pub fn shown(&self, index: &Index, selected: &IdSet, find: &str) -> Vec<usize> {
        let needle = fold(find);
        let ticked = |i: usize| selected.contains(&index.actors[i].key);
        let mut out: Vec<usize> = (0..self.names.len()).filter(|&i| ticked(i)).collect();
        let matching =
            (0..self.names.len()).filter(|&i| !ticked(i) && self.names[i].contains(&needle));
        out.extend(matching.take(SHOWN_ACTORS));
        out
    }
}
