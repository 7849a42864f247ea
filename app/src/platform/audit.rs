//! The audit log: who did what to what, when and from where, with the old and new values,
//! written in the same transaction as the change it tells. Database triggers keep its rows
//! from being deleted or rewritten; only the values can be erased, on a person's request.

use crate::platform::db::{Result, insert_all};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;

/// Who did something, and from where: an account at an address, a visitor (an application, a
/// failed sign-in) at an address, or the command line (neither).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Actor<'a> {
    pub user_id: Option<i64>,
    pub address: Option<&'a str>,
}

impl<'a> Actor<'a> {
    /// A signed-in account.
    pub fn account(user_id: i64, address: &'a str) -> Self {
        Actor {
            user_id: Some(user_id),
            address: Some(address),
        }
    }

    /// Someone who is not signed in (a visitor applying, a failed sign-in of `user_id`'s
    /// email when known).
    pub fn visitor(user_id: Option<i64>, address: &'a str) -> Self {
        Actor {
            user_id,
            address: Some(address),
        }
    }

    /// The server's own command line: no account, no address.
    pub const COMMAND_LINE: Actor<'static> = Actor {
        user_id: None,
        address: None,
    };
}

/// The longest text the audit log keeps of one value, in characters; the rest is cut off (the
/// log is kept for ever and read on a page, so no value may grow it without bound).
pub const VALUE_CHARS: usize = 1000;
/// The most fields, or list items, the log keeps of one change.
pub const ITEMS: usize = 60;

/// Writes a line: `actor` did `action` to `entity` `id`, changing `changes`
/// (`{"field": [old, new], …}`, see [`diff`]).
pub async fn record(
    connection: &mut SqliteConnection,
    actor: Actor<'_>,
    action: &str,
    entity: &str,
    id: Option<i64>,
    changes: Value,
) -> Result<()> {
    record_all(connection, actor, entity, &[(action, id, changes)]).await
}

/// Writes a line for each (action, id, changes) of `lines`, all by `actor` to `entity`s (an
/// import's), a few hundred a statement.
pub async fn record_all(
    connection: &mut SqliteConnection,
    actor: Actor<'_>,
    entity: &str,
    lines: &[(&str, Option<i64>, Value)],
) -> Result<()> {
    insert_all(
        connection,
        "INSERT INTO audit_log (user_id, address, action, entity, entity_id, changes) ",
        lines,
        "",
        |mut row, (action, id, changes)| {
            row.push_bind(actor.user_id)
                .push_bind(actor.address)
                .push_bind(*action)
                .push_bind(entity)
                .push_bind(*id)
                .push_bind(bounded(changes).to_string());
        },
    )
    .await
}

/// `{"field": [old, new]}` for every field of `after` whose value differs in `before`: what an
/// edit changed; `None` when nothing did.
pub fn diff(before: &Map<String, Value>, after: &Map<String, Value>) -> Option<Value> {
    let changed: Map<String, Value> = after
        .iter()
        .filter(|(field, new)| before.get(*field).unwrap_or(&Value::Null) != *new)
        .map(|(field, new)| {
            let old = before.get(field).cloned().unwrap_or(Value::Null);
            (field.clone(), Value::Array(vec![old, new.clone()]))
        })
        .collect();
    (!changed.is_empty()).then_some(Value::Object(changed))
}

/// Every field of `fields` as new: `{"field": [null, value]}`, what a creation changed.
pub fn created(fields: &Map<String, Value>) -> Value {
    diff(&Map::new(), fields).unwrap_or_else(|| Value::Object(Map::new()))
}

/// Replaces every value in the audit trail of `entity` `id` with "erased", keeping the field
/// names, the times and who acted (the log's triggers allow changing nothing else).
pub async fn erase_values(connection: &mut SqliteConnection, entity: &str, id: i64) -> Result<()> {
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

/// `value` with every text cut to [`VALUE_CHARS`] and every object and list to [`ITEMS`].
fn bounded(value: &Value) -> Value {
    match value {
        Value::String(text) if text.chars().count() > VALUE_CHARS => {
            let mut cut: String = text.chars().take(VALUE_CHARS).collect();
            cut.push('…');
            Value::String(cut)
        }
        Value::Array(items) => Value::Array(items.iter().take(ITEMS).map(bounded).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .take(ITEMS)
                .map(|(name, value)| (name.chars().take(100).collect(), bounded(value)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;

    #[tokio::test]
    async fn the_audit_log_cannot_be_rewritten_or_deleted() {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        record(
            &mut conn,
            Actor::COMMAND_LINE,
            "x",
            "user",
            None,
            Value::Object(Map::new()),
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
                Actor::COMMAND_LINE,
                "login.failed",
                "user",
                None,
                changes,
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
        let read = |changes: &str| serde_json::from_str::<Map<String, Value>>(changes).unwrap();
        let email = read(&stored[0])["email"][1].as_str().unwrap().to_owned();
        assert_eq!(email.chars().count(), VALUE_CHARS + 1);
        assert_eq!(read(&stored[1]).len(), ITEMS);
    }

    #[test]
    fn a_diff_names_only_the_changed_fields() {
        let before: Map<String, Value> =
            serde_json::from_value(serde_json::json!({"a": 1, "b": "x", "c": null})).unwrap();
        let after: Map<String, Value> =
            serde_json::from_value(serde_json::json!({"a": 1, "b": "y", "c": 3})).unwrap();
        assert_eq!(
            diff(&before, &after),
            Some(serde_json::json!({"b": ["x", "y"], "c": [null, 3]}))
        );
        assert_eq!(diff(&before, &before), None);
        assert_eq!(
            created(&before),
            serde_json::json!({"a": [null, 1], "b": [null, "x"]})
        );
    }
}
