use crate::error::{AppError, Problem};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The localised 404 page; sets the response status when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(axum::http::StatusCode::NOT_FOUND);
    let lang = use_lang();
    let texts = move || &lang.get().texts().errors;
    view! {
        {move || view! { <Title text=texts().not_found_title /> }}
        <Meta name="robots" content="noindex" />
        <section class="page error-page">
            <h1>{move || texts().not_found_title}</h1>
            <p>{move || texts().not_found_text}</p>
            <p><a href=move || format!("/{}", lang.get())>{move || texts().back_home}</a></p>
        </section>
    }
}

/// The localised page for a failure on the server, with the request's id to quote; sets
/// status 500.
#[component]
pub fn ServerError(#[prop(default = None)] reference: Option<String>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    let lang = use_lang();
    let texts = move || &lang.get().texts().errors;
    view! {
        {move || view! { <Title text=texts().server_error_title /> }}
        <section class="page error-page" role="alert">
            <h1>{move || texts().server_error_title}</h1>
            <p>{move || texts().server_error_text}</p>
            {reference.map(|id| view! { <p>{move || texts().reference}" " <code>{id}</code></p> })}
            <p><a href=move || format!("/{}", lang.get())>{move || texts().back_home}</a></p>
        </section>
    }
}

/// The page for a request that asks for something impossible (a month outside the calendar):
/// status 400 and the reason, in the page's language.
#[component]
pub fn BadRequest(problem: Problem) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(axum::http::StatusCode::BAD_REQUEST);
    let lang = use_lang();
    let texts = move || lang.get().texts();
    view! {
        {move || view! { <Title text=texts().errors.bad_request_title /> }}
        <Meta name="robots" content="noindex" />
        <section class="page error-page" role="alert">
            <h1>{move || texts().errors.bad_request_title}</h1>
            <p>{move || texts().problem(problem)}</p>
            <p><a href=move || format!("/{}", lang.get())>{move || texts().errors.back_home}</a></p>
        </section>
    }
}

/// The page for a database that is busy or cannot be written for now: status 503, and the
/// advice to try again in a few minutes.
#[component]
pub fn Unavailable() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
    let lang = use_lang();
    let texts = move || &lang.get().texts().errors;
    view! {
        {move || view! { <Title text=texts().busy_title /> }}
        <Meta name="robots" content="noindex" />
        <section class="page error-page" role="alert">
            <h1>{move || texts().busy_title}</h1>
            <p>{move || texts().busy_text}</p>
            <p><a href=move || format!("/{}", lang.get())>{move || texts().back_home}</a></p>
        </section>
    }
}

/// The page for a page's failed request: 404, 400 with its reason, 503, or 500.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Invalid { problem, .. } => view! { <BadRequest problem /> }.into_any(),
        AppError::Unavailable => view! { <Unavailable /> }.into_any(),
        error => view! { <ServerError reference=error.reference() /> }.into_any(),
    }
}

#[cfg(feature = "ssr")]
fn set_status(status: axum::http::StatusCode) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}
