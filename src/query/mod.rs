//! Filtering, facet counts, search and URL state: the pure core behind the
//! interactive briefing. No browser APIs.

pub mod bits;
pub mod finder;
pub mod fold;
pub mod history;
pub mod index;
pub mod rows;
pub mod search;
pub mod state;

pub use index::{FacetOption, Index, Outcome, SECRET_KEY};
pub use state::{Facet, Filter, Tab, ViewState};

/// Sorts positions with a comparator behind a reference, so that every
/// caller shares one instance of the sort: each closure type would get its
/// own copy of the sorting code (about 3 to 4 KB of wasm each).
pub fn sort_positions(items: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    items.sort_unstable_by(|&a, &b| cmp(a, b));
}
