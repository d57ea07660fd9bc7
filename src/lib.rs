#![recursion_limit = "256"]
//! The browser entry: hydrates the server-rendered page.

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::shell::App);
}
