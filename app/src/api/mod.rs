//! Server functions: each gets the pool, checks its arguments, calls `db` and maps errors.
//! A server function is a public HTTP endpoint: treat every argument as untrusted.

pub mod admin;
pub mod auth;
pub mod directory;
pub mod events;
pub mod home;
pub mod organisation;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// The pool the server put into the request's context.
#[cfg(feature = "ssr")]
pub(crate) fn pool() -> Result<sqlx::SqlitePool, AppError> {
    leptos::prelude::use_context::<sqlx::SqlitePool>()
        .ok_or_else(|| AppError::internal("server function", "no database pool in context"))
}
