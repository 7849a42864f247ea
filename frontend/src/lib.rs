//! The browser entry point: hydrate the server-rendered page.
// The optimised build lays out the app's deepest view types here.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
