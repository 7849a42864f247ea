//! The coordinator's calendar: every event (drafts too) with its registrations, and the status
//! changes that publish, cancel or restore one. Every change raises the event's SEQUENCE (so
//! subscribed calendars follow) and is written to the audit log in the same transaction.

use crate::domain::Localized;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEventRow {
    pub id: i64,
    pub slug: String,
    pub title: Localized,
    pub type_label: String,
    /// RFC 3339 UTC, for sorting and `<time>`.
    pub starts_at: String,
    pub when: String,
    /// `draft`, `published` or `cancelled`.
    pub status: String,
    pub is_series: bool,
    pub capacity: Option<i64>,
    pub confirmed: i64,
    pub waiting: i64,
}

/// The table as the URL carries it: a search, filters and a sort, all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AdminEventsQuery {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, rename = "type")]
    pub event_type: Option<String>,
    /// `YYYY-MM`: events starting in that Tallinn month.
    #[serde(default)]
    pub month: Option<String>,
    /// `start` (default: the latest first), `title` or `status`.
    #[serde(default)]
    pub sort: Option<String>,
}

#[server(prefix = "/api/coordinator", endpoint = "events")]
pub async fn admin_events(
    lang: Lang,
    query: AdminEventsQuery,
) -> Result<Vec<AdminEventRow>, AppError> {
    crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let rows = crate::db::event_admin::all_events(&pool, lang)
        .await
        .map_err(|e| AppError::internal("listing the events", e))?;
    Ok(crate::db::event_admin::select(rows, &query, lang))
}

/// Publishes a draft, cancels a published event (it stays visible and in the feeds as
/// cancelled), or publishes a cancelled one again.
#[server(prefix = "/api/coordinator", endpoint = "events/status")]
pub async fn set_event_status(id: i64, status: String) -> Result<(), AppError> {
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let address = crate::auth::client_address().await?.to_string();
    crate::db::event_admin::set_status(&pool, id, &status, account.id, &address).await
}

/// Deletes a draft (a published event is cancelled instead, so no subscriber is left with a
/// ghost).
#[server(prefix = "/api/coordinator", endpoint = "events/delete")]
pub async fn delete_event(id: i64) -> Result<(), AppError> {
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let address = crate::auth::client_address().await?.to_string();
    crate::db::event_admin::delete_draft(&pool, id, account.id, &address).await
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub status: String,
    /// Tallinn time, to the minute.
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRegistrations {
    pub event: AdminEventRow,
    /// Confirmed first, then the waiting list in its order.
    pub registrations: Vec<RegistrationRow>,
}

#[server(prefix = "/api/coordinator", endpoint = "events/registrations")]
pub async fn get_event_registrations(lang: Lang, id: i64) -> Result<EventRegistrations, AppError> {
    crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    crate::db::event_admin::registrations(&pool, lang, id)
        .await
        .map_err(|e| AppError::internal("listing registrations", e))?
        .ok_or(AppError::NotFound)
}

/// The coordinator signs someone up (by phone, at the door): the same places and waiting list
/// as the public form.
#[server(prefix = "/api/coordinator", endpoint = "events/registrations/add")]
pub async fn add_registration(
    id: i64,
    name: String,
    email: String,
    organisation: Option<String>,
) -> Result<(), AppError> {
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let address = crate::auth::client_address().await?.to_string();
    crate::db::event_admin::add_registration(
        &pool,
        id,
        name.trim(),
        email.trim(),
        organisation
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty()),
        account.id,
        &address,
    )
    .await
}

/// Removes a registration; the first person waiting moves up.
#[server(prefix = "/api/coordinator", endpoint = "events/registrations/remove")]
pub async fn remove_registration(registration: i64) -> Result<(), AppError> {
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let address = crate::auth::client_address().await?.to_string();
    crate::db::event_admin::remove_registration(&pool, registration, account.id, &address).await
}
