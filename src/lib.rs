// The synthetic data generator: benchmarks and tests only, never in the page.
#[cfg(not(target_arch = "wasm32"))]
pub mod gen;
pub mod layout;
pub mod model;
pub mod query;
pub mod report;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod ui;
