//! Where tower-sessions keeps its records: the `sessions` table of our own database, so that a
//! session survives a restart and an account's sessions can be ended together.

use async_trait::async_trait;
use sqlx::{SqliteExecutor, SqlitePool};
use tower_sessions::{
    ExpiredDeletion, SessionStore,
    session::{Id, Record},
    session_store::{Error, Result},
};

/// The key of the signed-in user's id in a session record; copied into `sessions.user_id`.
pub const USER_ID_KEY: &str = "user_id";

#[derive(Clone, Debug)]
pub struct SqliteSessionStore {
    pool: SqlitePool,
}

impl SqliteSessionStore {
    pub fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }
}

fn backend(error: sqlx::Error) -> Error {
    Error::Backend(error.to_string())
}

fn columns(record: &Record) -> Result<(String, Option<i64>, String, i64)> {
    let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
    let user_id = record.data.get(USER_ID_KEY).and_then(|id| id.as_i64());
    Ok((
        record.id.to_string(),
        user_id,
        data,
        record.expiry_date.unix_timestamp(),
    ))
}

#[async_trait]
impl SessionStore for SqliteSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A 128-bit random id colliding is all but impossible; a fresh one is drawn if it does.
        loop {
            let (id, user_id, data, expires_at) = columns(record)?;
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, user_id, data, expires_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(user_id)
            .bind(data)
            .bind(expires_at)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates a session that still exists, and never brings back one that was ended meanwhile
    /// (by sign-out, a password change or disabling) while a request was using it. New sessions
    /// go through [`SessionStore::create`].
    async fn save(&self, record: &Record) -> Result<()> {
        let (id, user_id, data, expires_at) = columns(record)?;
        sqlx::query("UPDATE sessions SET user_id = ?, data = ?, expires_at = ? WHERE id = ?")
            .bind(user_id)
            .bind(data)
            .bind(expires_at)
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT data, expires_at FROM sessions WHERE id = ? AND expires_at > unixepoch()",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: tower_sessions::cookie::time::OffsetDateTime::from_unix_timestamp(
                expires_at,
            )
            .map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = ?")
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for SqliteSessionStore {
    async fn delete_expired(&self) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= unixepoch()")
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of a user, but the one with id `keep` (the caller's own, when someone
/// changes their password).
pub async fn end_sessions_of(
    executor: impl SqliteExecutor<'_>,
    user_id: i64,
    keep: Option<Id>,
) -> crate::platform::db::Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?")
        .bind(user_id)
        .bind(keep.map(|id| id.to_string()))
        .execute(executor)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;
    use tower_sessions::cookie::time::{Duration, OffsetDateTime};

    fn record(user_id: i64, expires_in: Duration) -> Record {
        let mut data = std::collections::HashMap::new();
        data.insert(USER_ID_KEY.to_owned(), serde_json::json!(user_id));
        Record {
            id: Id::default(),
            data,
            expiry_date: OffsetDateTime::now_utc() + expires_in,
        }
    }

    async fn user(pool: &SqlitePool, email: &str) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO users (email, role, password_hash) VALUES (?, 'coordinator', '$h') RETURNING id",
        )
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn records_round_trip_and_expired_ones_are_gone() {
        let pool = test_pool().await;
        let store = SqliteSessionStore::new(pool.clone());
        let id = user(&pool, "a@ivek.example").await;
        let mut live = record(id, Duration::hours(2));
        store.create(&mut live).await.unwrap();
        let loaded = store.load(&live.id).await.unwrap().expect("a live session");
        assert_eq!(loaded.data, live.data);
        assert_eq!(
            loaded.expiry_date.unix_timestamp(),
            live.expiry_date.unix_timestamp()
        );

        let mut stale = record(id, Duration::seconds(-1));
        store.create(&mut stale).await.unwrap();
        assert!(store.load(&stale.id).await.unwrap().is_none());
        store.delete_expired().await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 1);
    }

    #[tokio::test]
    async fn saving_a_session_ended_meanwhile_does_not_bring_it_back() {
        let pool = test_pool().await;
        let store = SqliteSessionStore::new(pool.clone());
        let id = user(&pool, "a@ivek.example").await;
        let mut stolen = record(id, Duration::hours(2));
        store.create(&mut stolen).await.unwrap();
        end_sessions_of(&pool, id, None).await.unwrap();
        // A request that loaded it before it ended saves it on its way out.
        store.save(&stolen).await.unwrap();
        assert!(store.load(&stolen.id).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn ending_a_users_sessions_keeps_others_and_the_one_asked_for() {
        let pool = test_pool().await;
        let store = SqliteSessionStore::new(pool.clone());
        let (a, b) = (
            user(&pool, "a@ivek.example").await,
            user(&pool, "b@ivek.example").await,
        );
        let mut records = [
            record(a, Duration::hours(1)),
            record(a, Duration::hours(1)),
            record(a, Duration::hours(1)),
            record(b, Duration::hours(1)),
        ];
        for record in &mut records {
            store.create(record).await.unwrap();
        }
        assert_eq!(
            end_sessions_of(&pool, a, Some(records[0].id))
                .await
                .unwrap(),
            2
        );
        assert!(store.load(&records[0].id).await.unwrap().is_some());
        assert!(store.load(&records[1].id).await.unwrap().is_none());
        assert!(store.load(&records[3].id).await.unwrap().is_some());
        assert_eq!(end_sessions_of(&pool, a, None).await.unwrap(), 1);
    }
}
