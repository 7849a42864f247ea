//! The database's copies: each copy written and checked (by the server's schedule or its
//! command line) is recorded, for the schedule and the coordinator's dashboard.

use crate::platform::db::{Result, write};
use jiff::{SignedDuration, Timestamp};
use sqlx::SqlitePool;

/// How often the server copies the database itself (`BACKUP_EVERY`); `None` when it does not
/// (no `BACKUP_DIR`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    pub every: Option<SignedDuration>,
}

/// Records a copy of `bytes` written to `file` in `took`.
pub async fn record(pool: &SqlitePool, file: &str, bytes: u64, took: SignedDuration) -> Result<()> {
    let mut tx = write(pool).await?;
    sqlx::query("INSERT INTO backups (file, bytes, milliseconds) VALUES (?, ?, ?)")
        .bind(file.chars().take(4096).collect::<String>())
        .bind(i64::try_from(bytes).unwrap_or(i64::MAX))
        .bind(took.as_millis().max(0) as i64)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The last copy: when it was taken, and its size in bytes.
pub async fn last(pool: &SqlitePool) -> Result<Option<(Timestamp, i64)>> {
    let last: Option<(String, i64)> =
        sqlx::query_as("SELECT taken_at, bytes FROM backups ORDER BY taken_at DESC, id DESC")
            .fetch_optional(pool)
            .await?;
    Ok(last.and_then(|(at, bytes)| Some((at.parse().ok()?, bytes))))
}
