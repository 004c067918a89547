//! The pure data core: types, vocabularies, dates and validation. No browser APIs.

pub mod by_id;
pub mod date;
pub mod decode;
pub mod feed;
pub mod json;
pub mod lookalike;
pub mod pack;
pub mod report;
pub mod rules;
pub mod types;
pub mod vocab;

pub use date::{Bounds, DateSpec, Day};
pub use decode::{load, load_bytes, Problem};
pub use feed::Feed;
pub use types::*;
pub use vocab::*;

/// The curated dataset, bundled into the binary at build time.
/// (`data/briefing.json` without indentation, see `build.rs`.)
pub const BUNDLED: &str = include_str!(concat!(env!("OUT_DIR"), "/briefing.min.json"));

/// The same dataset as the page bundles it: its pack (`make pack` writes
/// it from `data/briefing.json`; a test holds the two the same). About
/// 1.7 KB less gzip than the JSON, and read without parsing JSON.
pub const BUNDLED_PACK: &[u8] = include_bytes!("../../data/briefing.pack");
