//! Entry point: mounts the app in the browser. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    briefing::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The briefing runs in a browser: build it with `make dist` (Trunk, wasm32).");
}
