//! Accounts and the audit log.

pub use crate::accounts::account::Role;
use crate::accounts::account::{Account, is_email};
use crate::accounts::api::{AccountSummary, AuditFilter, AuditLine, FieldChange};
use crate::accounts::{login, password, password::PasswordProblem, sessions::end_sessions_of};
use crate::error::{AppError, Problem};
use crate::shared::tallinn::stored_as_local_minute;
use sqlx::{SqliteConnection, SqlitePool};

/// One line of the audit log, written with the change it describes.
#[derive(Clone, Debug, Default)]
pub struct AuditEntry<'a> {
    pub user_id: Option<i64>,
    pub address: Option<&'a str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    /// `{"field": [old, new], …}`
    pub changes: serde_json::Value,
}

/// Replaces every value in the audit trail of `entity` `id` with "erased", keeping the field
/// names, the times and who acted (the log's triggers allow changing nothing else).
pub async fn erase_values(
    connection: &mut SqliteConnection,
    entity: &str,
    id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE audit_log
         SET changes = (SELECT coalesce(json_group_object(key, json('[\"erased\", \"erased\"]')), '{}')
                        FROM json_each(audit_log.changes))
         WHERE entity = ? AND entity_id = ?",
    )
    .bind(entity)
    .bind(id)
    .execute(connection)
    .await?;
    Ok(())
}

/// The longest text the audit log keeps of one value, in characters; the rest is cut off (the
/// log is kept for ever and read on a page, so no value may grow it without bound).
pub const AUDIT_VALUE_CHARS: usize = 1000;
/// The most fields, or list items, the log keeps of one change.
pub const AUDIT_ITEMS: usize = 60;

/// `value` with every text cut to [`AUDIT_VALUE_CHARS`] and every object and list to
/// [`AUDIT_ITEMS`].
fn bounded(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(text) if text.chars().count() > AUDIT_VALUE_CHARS => {
            let mut cut: String = text.chars().take(AUDIT_VALUE_CHARS).collect();
            cut.push('…');
            Value::String(cut)
        }
        Value::Array(items) => Value::Array(items.iter().take(AUDIT_ITEMS).map(bounded).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .take(AUDIT_ITEMS)
                .map(|(name, value)| (bounded_key(name), bounded(value)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn bounded_key(name: &str) -> String {
    name.chars().take(100).collect()
}

pub async fn record(
    connection: &mut SqliteConnection,
    entry: &AuditEntry<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (user_id, address, action, entity, entity_id, changes)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(entry.user_id)
    .bind(entry.address)
    .bind(entry.action)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(bounded(&entry.changes).to_string())
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Creates an account and logs it, in the caller's transaction. `Ok(None)` when the email is
/// taken (in any letter case).
pub async fn create_user(
    connection: &mut SqliteConnection,
    email: &str,
    role: Role,
    password_hash: &str,
    by: AuditEntry<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, role, password_hash) VALUES (?, ?, ?)
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(role.code())
    .bind(password_hash)
    .fetch_optional(&mut *connection)
    .await?;
    if let Some(id) = id {
        record(
            connection,
            &AuditEntry {
                action: "user.created",
                entity: "user",
                entity_id: Some(id),
                changes: serde_json::json!({
                    "email": [null, email],
                    "role": [null, role.code()],
                }),
                ..by
            },
        )
        .await?;
    }
    Ok(id)
}

/// Adds an account with `password`, or with a generated one (returned, to be shown once).
pub async fn add_account(
    pool: &SqlitePool,
    email: &str,
    role: Role,
    password: Option<&str>,
    by: AuditEntry<'_>,
) -> Result<Option<String>, AppError> {
    let email = email.trim();
    if !is_email(email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    let generated = password.is_none().then(password::generate);
    let chosen = password.or(generated.as_deref()).unwrap_or_default();
    password::check_new(chosen, email).map_err(|p| password_problem("password", p))?;
    let hash = password::hash_bounded(chosen.to_owned())
        .await
        .map_err(|_| AppError::Unavailable)?;
    let failed = |e| AppError::internal("adding an account", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    if create_user(&mut tx, email, role, &hash, by)
        .await
        .map_err(failed)?
        .is_none()
    {
        return Err(AppError::invalid("email", Problem::EmailTaken));
    }
    tx.commit().await.map_err(failed)?;
    Ok(generated)
}

/// The refusal of a new password, as the problem of a form's `field`.
pub fn password_problem(field: &str, problem: PasswordProblem) -> AppError {
    AppError::invalid(
        field,
        match problem {
            PasswordProblem::TooShort => Problem::PasswordTooShort,
            PasswordProblem::TooLong => Problem::PasswordTooLong,
            PasswordProblem::TooCommon => Problem::PasswordTooCommon,
        },
    )
}

pub async fn list_accounts(pool: &SqlitePool) -> Result<Vec<AccountSummary>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        email: String,
        role: String,
        disabled_at: Option<String>,
        created_at: String,
        last_login_at: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, email, role, disabled_at, created_at, last_login_at FROM users
         ORDER BY disabled_at IS NOT NULL, email",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(AccountSummary {
                role: Role::from_code(&row.role)?,
                id: row.id,
                email: row.email,
                disabled: row.disabled_at.is_some(),
                created: stored_as_local_minute(&row.created_at),
                last_login: row.last_login_at.as_deref().map(stored_as_local_minute),
            })
        })
        .collect())
}

/// Disables or re-enables account `id`. Disabling ends its sessions in the same transaction.
pub async fn set_disabled(
    pool: &SqlitePool,
    id: i64,
    disabled: bool,
    by: AuditEntry<'_>,
) -> Result<(), AppError> {
    if by.user_id == Some(id) {
        return Err(AppError::invalid("account", Problem::OwnAccount));
    }
    let failed = |e| AppError::internal("disabling an account", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let before: Option<Option<String>> =
        sqlx::query_scalar("SELECT disabled_at FROM users WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(failed)?;
    let Some(before) = before else {
        return Err(AppError::NotFound);
    };
    if before.is_some() == disabled {
        return Ok(());
    }
    let after: Option<String> = sqlx::query_scalar(
        "UPDATE users SET disabled_at = CASE WHEN ?1 THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END,
             session_epoch = session_epoch + ?1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?2 RETURNING disabled_at",
    )
    .bind(disabled)
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .map_err(failed)?;
    if disabled {
        end_sessions_of(&mut *tx, id, None).await.map_err(failed)?;
    }
    record(
        &mut tx,
        &AuditEntry {
            action: if disabled {
                "user.disabled"
            } else {
                "user.enabled"
            },
            entity: "user",
            entity_id: Some(id),
            changes: serde_json::json!({ "disabled_at": [before, after] }),
            ..by
        },
    )
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)
}

/// Sets a new password for `user_id` after checking its current one (which counts towards the
/// sign-in limits when wrong), and ends the user's other sessions. Answers the account's new
/// session epoch, for the session that stays.
pub async fn change_password(
    pool: &SqlitePool,
    account: &Account,
    current: &str,
    new: &str,
    keep_session: Option<tower_sessions::session::Id>,
    by: AuditEntry<'_>,
) -> Result<i64, AppError> {
    let address = by.address.unwrap_or_default();
    let now = jiff::Timestamp::now().as_second();
    match login::check(
        pool,
        &account.email,
        current,
        address,
        now,
        login::Purpose::Confirm,
    )
    .await
    .map_err(|e| AppError::internal("checking the current password", e))?
    {
        login::Outcome::SignedIn { .. } => {}
        login::Outcome::Refused => {
            return Err(AppError::invalid("current", Problem::WrongPassword));
        }
        login::Outcome::Throttled => return Err(AppError::TooManyAttempts),
        login::Outcome::Busy => return Err(AppError::Unavailable),
    }
    password::check_new(new, &account.email).map_err(|p| password_problem("new", p))?;
    let hash = password::hash_bounded(new.to_owned())
        .await
        .map_err(|_| AppError::Unavailable)?;
    let failed = |e| AppError::internal("changing a password", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let epoch: i64 = sqlx::query_scalar(
        "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1,
             password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? RETURNING session_epoch",
    )
    .bind(hash)
    .bind(account.id)
    .fetch_one(&mut *tx)
    .await
    .map_err(failed)?;
    let ended = end_sessions_of(&mut *tx, account.id, keep_session)
        .await
        .map_err(failed)?;
    record(
        &mut tx,
        &AuditEntry {
            action: "user.password_changed",
            entity: "user",
            entity_id: Some(account.id),
            changes: serde_json::json!({ "other_sessions_ended": [null, ended] }),
            ..by
        },
    )
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)?;
    Ok(epoch)
}

/// Audit lines per page.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// One page of the audit log, newest first, with the number of lines that match.
pub async fn audit_page(
    pool: &SqlitePool,
    filter: &AuditFilter,
) -> Result<(Vec<AuditLine>, i64), sqlx::Error> {
    let page = i64::from(filter.page.max(1));
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log
         WHERE (?1 IS NULL OR user_id = ?1) AND (?2 IS NULL OR entity = ?2)",
    )
    .bind(filter.user)
    .bind(filter.entity.as_deref())
    .fetch_one(pool)
    .await?;
    #[derive(sqlx::FromRow)]
    struct Row {
        at: String,
        user: Option<String>,
        address: Option<String>,
        action: String,
        entity: String,
        entity_id: Option<i64>,
        changes: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.at, u.email AS user, a.address, a.action, a.entity, a.entity_id, a.changes
             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
             WHERE (?1 IS NULL OR a.user_id = ?1) AND (?2 IS NULL OR a.entity = ?2)
             ORDER BY a.at DESC, a.id DESC LIMIT ?3 OFFSET ?4",
    )
    .bind(filter.user)
    .bind(filter.entity.as_deref())
    .bind(AUDIT_PAGE_SIZE)
    .bind((page - 1) * AUDIT_PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    let lines = rows
        .into_iter()
        .map(|row| AuditLine {
            at: stored_as_local_minute(&row.at),
            user: row.user,
            address: row.address,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            changes: field_changes(&row.changes),
        })
        .collect();
    Ok((lines, total))
}

/// The entities the audit log has lines about, for its filter.
pub async fn audit_entities(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT entity FROM audit_log ORDER BY entity")
        .fetch_all(pool)
        .await
}

/// `{"field": [old, new]}` as rows of text; anything else as it is stored.
fn field_changes(json: &str) -> Vec<FieldChange> {
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json) {
        Ok(fields) => fields
            .iter()
            .map(|(field, value)| match value.as_array().map(Vec::as_slice) {
                Some([old, new]) => FieldChange {
                    field: field.clone(),
                    old: text(old),
                    new: text(new),
                },
                _ => FieldChange {
                    field: field.clone(),
                    old: None,
                    new: text(value),
                },
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;

    #[tokio::test]
    async fn a_user_is_created_once_per_email_with_its_audit_line() {
        let pool = test_pool().await;
        let mut tx = pool.begin().await.unwrap();
        let first = create_user(
            &mut tx,
            "piia@ivek.example",
            Role::Admin,
            "$h",
            AuditEntry::default(),
        )
        .await
        .unwrap();
        assert!(first.is_some());
        let again = create_user(
            &mut tx,
            "PIIA@ivek.example",
            Role::Coordinator,
            "$h",
            AuditEntry::default(),
        )
        .await
        .unwrap();
        assert_eq!(again, None, "emails are compared without letter case");
        tx.commit().await.unwrap();
        let (action, changes): (String, String) =
            sqlx::query_as("SELECT action, changes FROM audit_log")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(action, "user.created");
        assert!(changes.contains("piia@ivek.example"));
    }

    #[tokio::test]
    async fn the_audit_log_cannot_be_rewritten_or_deleted() {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        record(
            &mut conn,
            &AuditEntry {
                action: "x",
                entity: "user",
                ..AuditEntry::default()
            },
        )
        .await
        .unwrap();
        for statement in [
            "DELETE FROM audit_log",
            "UPDATE audit_log SET at = '2000-01-01T00:00:00Z'",
            "UPDATE audit_log SET user_id = 1",
            "UPDATE audit_log SET address = '203.0.113.1'",
            "UPDATE audit_log SET action = 'y'",
            "UPDATE audit_log SET entity = 'event'",
            "UPDATE audit_log SET entity_id = 2",
        ] {
            let refused = sqlx::query(statement)
                .execute(&mut *conn)
                .await
                .unwrap_err();
            assert!(
                refused.to_string().contains("audit log"),
                "{statement}: refused by the log's own trigger, not by chance: {refused}"
            );
        }
        let kept: (String, String, String) =
            sqlx::query_as("SELECT action, entity, at FROM audit_log")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        assert_eq!((kept.0.as_str(), kept.1.as_str()), ("x", "user"));
        assert_ne!(kept.2, "2000-01-01T00:00:00Z");
        // Erasing personal values keeps the fact of the change.
        sqlx::query("UPDATE audit_log SET changes = '{\"email\":\"erased\"}'")
            .execute(&mut *conn)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn the_audit_log_keeps_a_bounded_part_of_a_huge_value() {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let huge = "x".repeat(1_000_000);
        let many: serde_json::Map<String, serde_json::Value> = (0..1000)
            .map(|n| (format!("field{n}"), serde_json::json!([null, n])))
            .collect();
        for changes in [
            serde_json::json!({ "email": [null, huge] }),
            serde_json::Value::Object(many),
        ] {
            record(
                &mut conn,
                &AuditEntry {
                    action: "login.failed",
                    entity: "user",
                    changes,
                    ..AuditEntry::default()
                },
            )
            .await
            .unwrap();
        }
        let stored: Vec<String> = sqlx::query_scalar("SELECT changes FROM audit_log ORDER BY id")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert!(
            stored.iter().all(|changes| changes.len() < 3_000),
            "{stored:?}"
        );
        let kept = field_changes(&stored[0]);
        assert_eq!(
            kept[0].new.as_ref().unwrap().chars().count(),
            AUDIT_VALUE_CHARS + 1
        );
        assert_eq!(field_changes(&stored[1]).len(), AUDIT_ITEMS);
    }
}
