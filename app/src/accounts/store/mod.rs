//! Accounts in the database: creating, disabling and their passwords; the audit log's page;
//! the dashboard's figures; and, in their own files, sign-in checks, password reset and
//! sessions.

pub mod login;
pub mod reset;
pub mod sessions;

pub use crate::accounts::Role;
use crate::accounts::password::{self, PasswordProblem};
use crate::accounts::{Account, Backups, Dashboard};
use crate::accounts::{AccountSummary, AuditFilter, AuditLine, FieldChange};
use crate::error::{AppError, Problem};
use crate::events::model::Calendar;
use crate::i18n::Lang;
use crate::outbox::MessageStatus;
use crate::platform::audit::{Actor, record};
use crate::platform::backups::Schedule;
use crate::platform::db::Result;
use crate::platform::db::db_time;
use crate::shared::identifiers::is_email;
use crate::shared::time::stored_as_local_minute;
use jiff::Timestamp;
use sessions::end_sessions_of;
use sqlx::{SqliteConnection, SqlitePool};

/// Creates an account and logs it, in the caller's transaction. `Ok(None)` when the email is
/// taken (in any letter case).
pub async fn create_user(
    connection: &mut SqliteConnection,
    email: &str,
    role: Role,
    password_hash: &str,
    actor: Actor<'_>,
) -> Result<Option<i64>> {
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
            actor,
            "user.created",
            "user",
            Some(id),
            serde_json::json!({
                "email": [null, email],
                "role": [null, role.code()],
            }),
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
    actor: Actor<'_>,
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
    let mut tx = crate::platform::db::write(pool).await?;
    if create_user(&mut tx, email, role, &hash, actor)
        .await?
        .is_none()
    {
        return Err(AppError::invalid("email", Problem::EmailTaken));
    }
    tx.commit().await?;
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

pub async fn list_accounts(pool: &SqlitePool) -> Result<Vec<AccountSummary>> {
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
    actor: Actor<'_>,
) -> Result<(), AppError> {
    if actor.user_id == Some(id) {
        return Err(AppError::invalid("account", Problem::OwnAccount));
    }
    let mut tx = crate::platform::db::write(pool).await?;
    let before: Option<Option<String>> =
        sqlx::query_scalar("SELECT disabled_at FROM users WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
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
    .await?;
    if disabled {
        end_sessions_of(&mut *tx, id, None).await?;
    }
    record(
        &mut tx,
        actor,
        if disabled {
            "user.disabled"
        } else {
            "user.enabled"
        },
        "user",
        Some(id),
        serde_json::json!({ "disabled_at": [before, after] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The language in which account `user_id` hears of each new application, or `None`.
pub async fn notify_applications(pool: &SqlitePool, user_id: i64) -> Result<Option<Lang>> {
    Ok(
        sqlx::query_scalar("SELECT notify_applications FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}

/// Account `user_id` hears of each new application in `lang`, or no longer (`None`); audited.
pub async fn set_notify_applications(
    pool: &SqlitePool,
    user_id: i64,
    lang: Option<Lang>,
    actor: Actor<'_>,
) -> Result<()> {
    let mut tx = crate::platform::db::write(pool).await?;
    let before: Option<Lang> =
        sqlx::query_scalar("SELECT notify_applications FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    if before != lang {
        sqlx::query("UPDATE users SET notify_applications = ? WHERE id = ?")
            .bind(lang)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            "user.notifications",
            "user",
            Some(user_id),
            serde_json::json!({ "notify_applications": [before, lang] }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
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
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let address = actor.address.unwrap_or_default();
    let now = jiff::Timestamp::now().as_second();
    match login::check(
        pool,
        &account.email,
        current,
        address,
        now,
        login::Purpose::Confirm,
    )
    .await?
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
    let mut tx = crate::platform::db::write(pool).await?;
    let epoch: i64 = sqlx::query_scalar(
        "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1,
             password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? RETURNING session_epoch",
    )
    .bind(hash)
    .bind(account.id)
    .fetch_one(&mut *tx)
    .await?;
    let ended = end_sessions_of(&mut *tx, account.id, keep_session).await?;
    record(
        &mut tx,
        actor,
        "user.password_changed",
        "user",
        Some(account.id),
        serde_json::json!({ "other_sessions_ended": [null, ended] }),
    )
    .await?;
    tx.commit().await?;
    Ok(epoch)
}

/// Audit lines per page.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// One page of the audit log, newest first, with the number of lines that match.
pub async fn audit_page(pool: &SqlitePool, filter: &AuditFilter) -> Result<(Vec<AuditLine>, i64)> {
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
pub async fn audit_entities(pool: &SqlitePool) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT DISTINCT entity FROM audit_log ORDER BY entity")
            .fetch_all(pool)
            .await?,
    )
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

/// The coordinator's figures at `now`: entries, events, accounts, the week's changes, and
/// applications and messages waiting.
pub async fn dashboard(
    pool: &SqlitePool,
    calendar: &Calendar,
    now: Timestamp,
) -> Result<Dashboard> {
    let hours_ago = |hours: i64| db_time(now - jiff::SignedDuration::from_hours(hours));
    let mut dashboard: Dashboard = sqlx::query_as(
        "SELECT
             (SELECT count(*) FROM organisations WHERE is_published) AS published_entries,
             (SELECT count(*) FROM organisations WHERE NOT is_published) AS hidden_entries,
             0 AS upcoming_events,
             (SELECT count(*) FROM events WHERE status = ?3) AS draft_events,
             (SELECT count(*) FROM users WHERE disabled_at IS NULL) AS active_accounts,
             (SELECT count(*) FROM audit_log
              WHERE at >= ?1 AND action NOT LIKE 'login.%' AND action <> 'logout')
                 AS changes_this_week,
             (SELECT count(*) FROM audit_log WHERE at >= ?2 AND action = 'login.failed')
                 AS failed_logins_today,
             (SELECT count(*) FROM applications WHERE status = ?4) AS pending_applications,
             (SELECT count(*) FROM outbox WHERE status IN (?5, ?6, ?7)) AS messages_waiting,
             (SELECT count(*) FROM outbox WHERE status = ?8) AS messages_failed",
    )
    .bind(hours_ago(7 * 24))
    .bind(hours_ago(24))
    .bind(crate::events::EventStatus::Draft)
    .bind(crate::joining::ApplicationStatus::Pending)
    .bind(MessageStatus::Waiting)
    .bind(MessageStatus::Sending)
    .bind(MessageStatus::Retrying)
    .bind(MessageStatus::Failed)
    .fetch_one(pool)
    .await?;
    dashboard.upcoming_events = calendar.count_upcoming(now);
    Ok(dashboard)
}

/// What the dashboard says of the database's copies at `now`: the last, and whether the
/// server's own copies are overdue (none for two of their intervals).
pub async fn backups(pool: &SqlitePool, schedule: Schedule, now: Timestamp) -> Result<Backups> {
    let last = crate::platform::backups::last(pool).await?;
    let overdue = schedule.every.is_some_and(|every| {
        last.is_none_or(|(at, _)| at.checked_add(every * 2).is_ok_and(|due| due < now))
    });
    Ok(Backups {
        scheduled: schedule.every.is_some(),
        last: last.map(|(at, bytes)| (stored_as_local_minute(&db_time(at)), bytes)),
        overdue,
    })
}

/// The enabled account `user_id`, if a session of `epoch` is still its (no password change or
/// disabling since).
pub async fn live_account(pool: &SqlitePool, user_id: i64, epoch: i64) -> Result<Option<Account>> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, email, role FROM users
         WHERE id = ? AND disabled_at IS NULL AND session_epoch = ?",
    )
    .bind(user_id)
    .bind(epoch)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(id, email, role)| {
        Some(Account {
            id,
            email,
            role: Role::from_code(&role)?,
        })
    }))
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
            Actor::COMMAND_LINE,
        )
        .await
        .unwrap();
        assert!(first.is_some());
        let again = create_user(
            &mut tx,
            "PIIA@ivek.example",
            Role::Coordinator,
            "$h",
            Actor::COMMAND_LINE,
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
    async fn scheduled_copies_are_overdue_after_two_intervals_without_one() {
        let pool = test_pool().await;
        let day = Schedule {
            every: Some(jiff::SignedDuration::from_hours(24)),
        };
        let now = Timestamp::now();
        let none = backups(&pool, day, now).await.unwrap();
        assert!(none.scheduled && none.overdue && none.last.is_none());
        let unscheduled = backups(&pool, Schedule::default(), now).await.unwrap();
        assert!(!unscheduled.scheduled && !unscheduled.overdue);

        let took = jiff::SignedDuration::from_millis(40);
        crate::platform::backups::record(&pool, "/backups/a.db", 123_456, took)
            .await
            .unwrap();
        let fresh = backups(&pool, day, now).await.unwrap();
        assert!(!fresh.overdue);
        assert_eq!(fresh.last.as_ref().map(|(_, bytes)| *bytes), Some(123_456));
        let hours = |n| now + jiff::SignedDuration::from_hours(n);
        assert!(!backups(&pool, day, hours(47)).await.unwrap().overdue);
        assert!(backups(&pool, day, hours(49)).await.unwrap().overdue);
    }
}
