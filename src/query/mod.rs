//! Filtering, facet counts, search and URL state: the pure core behind the
//! interactive briefing. No browser APIs.

pub mod bits;
pub mod finder;
pub mod fold;
pub mod history;
pub mod ids;
pub mod index;
pub mod lists;
pub mod rows;
pub mod search;
pub mod state;

pub use ids::IdSet;
pub use index::{FacetOption, Index, Outcome, SECRET_KEY};
pub use state::{Facet, Filter, Tab, ViewState};

/// Sorts positions with a comparator behind a reference, so that every
/// caller shares one instance of the sort: each closure type would get its
/// own copy of the sorting code (about 3 to 4 KB of wasm each).
pub fn sort_positions(items: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    items.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// The index of `key` in `items` (pairs in the order their keys were first
/// met), adding `(key, V::default())` when it is new: a hash map finds it,
/// the list keeps an order (a B-tree per key type was kilobytes of wasm).
pub fn slot<K: Copy + Eq + std::hash::Hash, V: Default>(
    at: &mut std::collections::HashMap<K, usize>,
    items: &mut Vec<(K, V)>,
    key: K,
) -> usize {
    *at.entry(key).or_insert_with(|| {
        items.push((key, V::default()));
        items.len() - 1
    })
}

/// `items` sorted, each once, through [`sort_positions`] (a sort of the
/// items' own type would be another copy of the sorting code).
pub fn sorted_distinct<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    let mut at: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut at, &|a, b| items[a].cmp(&items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    let mut out: Vec<T> = Vec::with_capacity(slots.len());
    for a in at {
        if let Some(item) = slots[a].take() {
            if out.last() != Some(&item) {
                out.push(item);
            }
        }
    }
    out
}
