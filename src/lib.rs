#![recursion_limit = "256"]
//! The browser entry: makes the interactive parts (islands) of the server-rendered page live.

// The islands are exported by the app crate; linking it brings them into the bundle.
#[cfg(feature = "hydrate")]
extern crate app;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
