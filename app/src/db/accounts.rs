//! Accounts and the audit log.

use sqlx::SqliteConnection;

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
    .bind(entry.changes.to_string())
    .execute(&mut *connection)
    .await?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Admin,
    Coordinator,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_pool;

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
            "UPDATE audit_log SET action = 'y'",
            "UPDATE audit_log SET at = '2000-01-01T00:00:00Z'",
        ] {
            assert!(
                sqlx::query(statement).execute(&mut *conn).await.is_err(),
                "{statement}"
            );
        }
        // Erasing personal values keeps the fact of the change.
        sqlx::query("UPDATE audit_log SET changes = '{\"email\":\"erased\"}'")
            .execute(&mut *conn)
            .await
            .unwrap();
    }
}
