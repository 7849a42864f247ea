//! The coordinator's dashboard and audit log, and the admin's accounts. Every function here
//! sits under `/api/coordinator` or `/api/admin`, which the server refuses without the role,
//! and checks the role again itself.

use crate::accounts::account::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The figures on the admin home.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Dashboard {
    pub published_entries: i64,
    pub hidden_entries: i64,
    pub upcoming_events: i64,
    pub draft_events: i64,
    pub active_accounts: i64,
    pub changes_this_week: i64,
    pub failed_logins_today: i64,
    pub pending_applications: i64,
    pub messages_waiting: i64,
    /// Whether the account looking may open the accounts page (an admin).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub manages_accounts: bool,
}

/// Every account, and which of them is the admin looking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsView {
    pub accounts: Vec<AccountSummary>,
    pub you: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    /// Tallinn time, to the minute.
    pub created: String,
    pub last_login: Option<String>,
}

/// What the audit page shows: by whom, about what, which page (from 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user: Option<i64>,
    pub entity: Option<String>,
    pub page: u32,
}

impl AuditFilter {
    /// From the page's query; values that do not parse are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = AuditFilter {
            page: 1,
            ..AuditFilter::default()
        };
        for (key, value) in pairs {
            match key {
                "user" => filter.user = value.parse().ok(),
                "entity" => {
                    filter.entity =
                        Some(value.to_owned()).filter(|e| !e.is_empty() && e.len() <= 40)
                }
                "page" => filter.page = value.parse().unwrap_or(1).clamp(1, 100_000),
                _ => {}
            }
        }
        filter
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// Tallinn time, to the minute.
    pub at: String,
    /// The account's email; `None` for the command line and unknown emails.
    pub user: Option<String>,
    pub address: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub changes: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub lines: Vec<AuditLine>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// For the filter: every account (id, email) and every entity with lines.
    pub users: Vec<(i64, String)>,
    pub entities: Vec<String>,
}

#[server(prefix = "/api/coordinator", endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    let account = crate::accounts::auth::require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let events = crate::events::calendar()?
        .events(&pool)
        .await
        .map_err(|e| AppError::internal("loading the calendar", e))?;
    let dashboard = crate::home::store::dashboard(&pool, &events, jiff::Timestamp::now())
        .await
        .map_err(|e| AppError::internal("counting the dashboard figures", e))?;
    Ok(Dashboard {
        manages_accounts: account.role == Role::Admin,
        ..dashboard
    })
}

#[server(prefix = "/api/coordinator", endpoint = "audit")]
pub async fn audit_log(filter: AuditFilter) -> Result<AuditView, AppError> {
    use crate::accounts::store::{AUDIT_PAGE_SIZE, audit_entities, audit_page, list_accounts};
    crate::accounts::auth::require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let failed = |e| AppError::internal("reading the audit log", e);
    let (lines, total) = audit_page(&pool, &filter).await.map_err(failed)?;
    let users = list_accounts(&pool)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|account| (account.id, account.email))
        .collect();
    Ok(AuditView {
        lines,
        total,
        page: filter.page.max(1),
        pages: u32::try_from((total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE)
            .unwrap_or(u32::MAX)
            .max(1),
        users,
        entities: audit_entities(&pool).await.map_err(failed)?,
    })
}

#[server(prefix = "/api/admin", endpoint = "accounts")]
pub async fn accounts() -> Result<AccountsView, AppError> {
    let admin = crate::accounts::auth::require(Role::Admin).await?;
    let pool = crate::platform::pool()?;
    let accounts = crate::accounts::store::list_accounts(&pool)
        .await
        .map_err(|e| AppError::internal("listing the accounts", e))?;
    Ok(AccountsView {
        accounts,
        you: admin.id,
    })
}

/// Adds an account with a generated password, returned once for the admin to hand over.
#[server(prefix = "/api/admin", endpoint = "accounts/add")]
pub async fn add_account(email: String, role: Role) -> Result<String, AppError> {
    use crate::accounts::store::AuditEntry;
    let admin = crate::accounts::auth::require(Role::Admin).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let generated = crate::accounts::store::add_account(
        &pool,
        &email,
        role,
        None,
        AuditEntry {
            user_id: Some(admin.id),
            address: Some(&address),
            ..AuditEntry::default()
        },
    )
    .await?;
    generated.ok_or_else(|| AppError::internal("adding an account", "no password generated"))
}

/// Disables (ending its sessions at once) or re-enables an account other than one's own.
#[server(prefix = "/api/admin", endpoint = "accounts/disabled")]
pub async fn set_account_disabled(id: i64, disabled: bool) -> Result<(), AppError> {
    use crate::accounts::store::AuditEntry;
    let admin = crate::accounts::auth::require(Role::Admin).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::accounts::store::set_disabled(
        &pool,
        id,
        disabled,
        AuditEntry {
            user_id: Some(admin.id),
            address: Some(&address),
            ..AuditEntry::default()
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_filter_ignores_what_does_not_parse() {
        let filter = AuditFilter::from_pairs([("user", "x"), ("entity", ""), ("page", "-3")]);
        assert_eq!(
            filter,
            AuditFilter {
                user: None,
                entity: None,
                page: 1
            }
        );
        let filter = AuditFilter::from_pairs([("user", "4"), ("entity", "user"), ("page", "2")]);
        assert_eq!(filter.user, Some(4));
        assert_eq!(filter.entity.as_deref(), Some("user"));
        assert_eq!(filter.page, 2);
    }
}
