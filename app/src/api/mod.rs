//! Server functions: each gets the pool, checks its arguments, calls `db` and maps errors.
//! A server function is a public HTTP endpoint: treat every argument as untrusted.

pub mod admin;
pub mod auth;
pub mod directory;
pub mod event_admin;
pub mod events;
pub mod home;
pub mod organisation;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// The calendar the server keeps in memory, from the request's context.
#[cfg(feature = "ssr")]
pub(crate) fn calendar() -> Result<crate::db::events::CalendarCache, AppError> {
    leptos::prelude::use_context::<crate::db::events::CalendarCache>()
        .ok_or_else(|| AppError::internal("server function", "no calendar cache in context"))
}

/// The pool the server put into the request's context.
#[cfg(feature = "ssr")]
pub(crate) fn pool() -> Result<sqlx::SqlitePool, AppError> {
    leptos::prelude::use_context::<sqlx::SqlitePool>()
        .ok_or_else(|| AppError::internal("server function", "no database pool in context"))
}
