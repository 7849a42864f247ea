//! Accounts: signing in and out, sessions and their limits, the admin's accounts, one's own
//! password, the audit log's page and the coordinator's dashboard.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod store;

/// Who is asking: what every protected server function checks first.
#[cfg(feature = "ssr")]
pub use api::auth::{current_account, require};

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
    /// Messages not sent yet (waiting, being sent, or to be tried again).
    pub messages_waiting: i64,
    /// Messages that failed for good.
    pub messages_failed: i64,
    /// Whether the account looking may open the accounts page (an admin).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub manages_accounts: bool,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub backups: Backups,
}

/// What the dashboard says of the database's copies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backups {
    /// Whether the server takes them itself (`BACKUP_DIR` is set).
    pub scheduled: bool,
    /// The last one: Tallinn time to the minute, and its size in bytes.
    pub last: Option<(String, i64)>,
    /// Scheduled, and none taken for two intervals.
    pub overdue: bool,
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

/// Where a plain-form sign-in that failed goes back to: the form, with the reason in the URL
/// (the password is never put back).
pub const LOGIN_ERROR_WRONG: &str = "wrong";

pub const LOGIN_ERROR_WAIT: &str = "wait";

pub const LOGIN_ERROR_BUSY: &str = "busy";

/// What an account may do. An admin does everything a coordinator does, and manages accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Coordinator,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Admin, Role::Coordinator];

    /// The form the database and the command line use.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    /// Whether this role may do what `needed` may.
    pub fn includes(self, needed: Role) -> bool {
        self == Role::Admin || self == needed
    }
}

/// The signed-in person, as server functions hand it to pages: no password hash, ever.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_admin_includes_a_coordinator_but_not_the_other_way() {
        assert!(Role::Admin.includes(Role::Coordinator));
        assert!(Role::Admin.includes(Role::Admin));
        assert!(Role::Coordinator.includes(Role::Coordinator));
        assert!(!Role::Coordinator.includes(Role::Admin));
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("member"), None);
    }
}
