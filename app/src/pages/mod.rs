pub mod about;
pub mod admin;
pub mod directory;
pub mod errors;
pub mod event;
pub mod events;
pub mod home;
pub mod lang_layout;
pub mod login;
pub mod organisation;
pub mod registration;

/// Marks the response as private: never stored by the browser or a proxy, so that the back
/// button after signing out, or the next person at a shared computer, cannot bring it back.
pub fn private_page() {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        use axum::http::{HeaderValue, header};
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}
