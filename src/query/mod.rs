//! Filtering, facet counts, search and URL state: the pure core behind the
//! interactive briefing. No browser APIs.

pub mod bits;
pub mod fold;
pub mod history;
pub mod index;
pub mod rows;
pub mod search;
pub mod state;

pub use index::{FacetOption, Index, Outcome, SECRET_KEY};
pub use state::{Facet, Filter, Tab, ViewState};
