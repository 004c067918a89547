pub mod layout;
pub mod model;
pub mod query;
#[cfg(target_arch = "wasm32")]
pub mod ui;
