//! Server functions: each gets the pool, checks its arguments, calls `db` and maps errors.
//! A server function is a public HTTP endpoint: treat every argument as untrusted.

pub mod admin;
pub mod applications;
pub mod auth;
pub mod directory;
pub mod directory_admin;
pub mod event_admin;
pub mod events;
pub mod home;
pub mod organisation;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// A page's URL query into `T` (a struct of optional text fields, as serde reads it): empty
/// values count as absent, a repeated key keeps its last value, unknown keys are ignored and a
/// value that does not fit leaves the whole query at its default. Values are kept as typed.
pub fn from_query_pairs<'a, T>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> T
where
    T: serde::de::DeserializeOwned + Default,
{
    let kept: std::collections::BTreeMap<&str, &str> = pairs
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect();
    serde_urlencoded::to_string(&kept)
        .ok()
        .and_then(|query| serde_urlencoded::from_str(&query).ok())
        .unwrap_or_default()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::directory::DirectoryQuery;
    use crate::api::events::EventsQuery;

    #[test]
    fn a_url_query_keeps_what_is_typed_and_drops_empty_repeated_and_unknown_keys() {
        let query: DirectoryQuery = from_query_pairs([
            ("q", "keraamika "),
            ("sector", ""),
            ("municipality", "narva"),
            ("municipality", "johvi"),
            ("utm_source", "x"),
        ]);
        assert_eq!(query.q.as_deref(), Some("keraamika "));
        assert_eq!(query.sector, None);
        assert_eq!(query.municipality.as_deref(), Some("johvi"));
        let events: EventsQuery = from_query_pairs([("type", "training"), ("view", "month")]);
        assert_eq!(events.event_type.as_deref(), Some("training"));
        assert!(events.is_month());
    }
}
