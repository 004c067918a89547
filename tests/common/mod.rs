//! Helpers shared by the integration tests. Each `tests/*.rs` is its own
//! crate and takes them with `mod common;`, so not every one uses all.
#![allow(dead_code, unused_imports)]

use briefing::model::{load, Briefing, BUNDLED};
use briefing::query::Index;
use std::sync::OnceLock;

/// `text` through the validator; a rejection fails the test with the first
/// 20 problems, named after `what`.
pub fn valid(what: &str, text: &str) -> Briefing {
    load(text).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().take(20).map(|p| p.to_string()).collect();
        panic!(
            "{what}: {} problem(s):\n{}",
            problems.len(),
            list.join("\n")
        )
    })
}

/// The bundled dataset, validated, and its index.
pub fn bundled() -> (Briefing, Index) {
    let b = valid("the bundled dataset", BUNDLED);
    let index = Index::new(&b);
    (b, index)
}

/// The same, built once for all the cases of a property test.
pub fn bundled_once() -> &'static (Briefing, Index) {
    static BUNDLE: OnceLock<(Briefing, Index)> = OnceLock::new();
    BUNDLE.get_or_init(bundled)
}

/// The generator's xorshift, so the tree has one: deterministic random choices.
pub use briefing::gen::Rng;
