//! Helpers shared by the integration tests. Each `tests/*.rs` is its own
//! crate and takes them with `mod common;`, so not every one uses all.
#![allow(dead_code)]

use briefing::model::{load, Briefing, BUNDLED};
use briefing::query::Index;
use std::sync::OnceLock;

/// The bundled dataset, validated (a failure lists every problem), and its index.
pub fn bundled() -> (Briefing, Index) {
    let b = load(BUNDLED).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!("the bundled dataset is invalid:\n{}", list.join("\n"))
    });
    let index = Index::new(&b);
    (b, index)
}

/// The same, built once for all the cases of a property test.
pub fn bundled_once() -> &'static (Briefing, Index) {
    static BUNDLE: OnceLock<(Briefing, Index)> = OnceLock::new();
    BUNDLE.get_or_init(bundled)
}

/// xorshift: deterministic random choices without a crate.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (which must not be 0).
    pub fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
