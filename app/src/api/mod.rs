//! Server functions: each gets the pool, checks its arguments, calls `db` and maps errors.
//! A server function is a public HTTP endpoint: treat every argument as untrusted.

pub mod home;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// The pool the server put into the request's context.
#[cfg(feature = "ssr")]
pub(crate) fn pool() -> Result<sqlx::SqlitePool, AppError> {
    leptos::prelude::use_context::<sqlx::SqlitePool>()
        .ok_or_else(|| AppError::internal("server function", "no database pool in context"))
}

/// Sets the HTTP status of a server function's response from its error.
#[cfg(feature = "ssr")]
pub(crate) fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result
        && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(error.status_code())
    {
        response.set_status(status);
    }
    result
}
