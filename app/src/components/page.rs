//! What a routed page does besides its view: mark itself private, read its URL's query and
//! `{id}`.

/// Marks the response as private: never stored by the browser or a proxy, so that the back
/// button after signing out, or the next person at a shared computer, cannot bring it back.
pub fn private_page() {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        use axum::http::{HeaderValue, header};
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The page's URL query, read into `T` by [`crate::shared::query::from_query_pairs`] and kept current as
/// the URL changes.
pub fn use_query_as<T>() -> leptos::prelude::Memo<T>
where
    T: serde::de::DeserializeOwned + Default + Clone + PartialEq + Send + Sync + 'static,
{
    use leptos::prelude::*;
    let map = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        let map = map.read();
        crate::shared::query::from_query_pairs(
            (&*map)
                .into_iter()
                .map(|(key, value)| (key.as_ref(), value)),
        )
    })
}

/// The `{id}` of the page's path, when it is a number, kept current as the URL changes.
pub fn use_id_param() -> leptos::prelude::Memo<Option<i64>> {
    use leptos::prelude::*;
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}
