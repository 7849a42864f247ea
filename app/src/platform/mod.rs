//! What the server runs on, whatever the feature: the database and its write turns, the audit
//! log, bounds on heavy work, the request's own facts, and search text. Server only; it
//! imports no feature.

pub mod audit;
pub mod backups;
pub mod cache;
pub mod csv;
pub mod db;
pub mod feeds;
pub mod limits;
pub mod links;
pub mod request;
pub mod search;
pub mod vocabulary;

use crate::error::AppError;

/// The pool the server put into the request's context.
pub fn pool() -> Result<sqlx::SqlitePool, AppError> {
    context::<sqlx::SqlitePool>("the database pool")
}

/// The vocabulary the server loaded at start-up.
pub fn vocabulary() -> Result<vocabulary::Vocabulary, AppError> {
    context("the vocabulary")
}

/// A value the server put into every request's context (the pool, a feature's cache).
pub fn context<T: Clone + Send + Sync + 'static>(what: &str) -> Result<T, AppError> {
    leptos::prelude::use_context::<T>()
        .ok_or_else(|| AppError::internal("server function", format!("no {what} in context")))
}
