//! What a feature keeps in memory of the database, made again when the database changes: each
//! kept value carries the version of its table (`directory_version`, `calendar_version`, which
//! triggers raise on every change), so every server process sees every writer's changes.

use crate::platform::db::Result;
use sqlx::SqlitePool;
use std::future::Future;
use std::sync::{Arc, RwLock};

/// A value and the version of its table it was made at.
type Kept<T> = (i64, Arc<T>);

/// A value made from the database at a version of `table`, made again when the version moves,
/// one making at a time: the requests that arrive meanwhile wait for it instead of each making
/// the same value again.
pub struct Versioned<T> {
    table: &'static str,
    kept: Arc<RwLock<Option<Kept<T>>>>,
    making: Arc<tokio::sync::Mutex<()>>,
}

impl<T> Clone for Versioned<T> {
    fn clone(&self) -> Self {
        Self {
            table: self.table,
            kept: self.kept.clone(),
            making: self.making.clone(),
        }
    }
}

impl<T> Versioned<T> {
    /// A cache following `table`, a one-row table with a `version` column.
    pub fn new(table: &'static str) -> Self {
        Self {
            table,
            kept: Arc::default(),
            making: Arc::default(),
        }
    }

    /// The value at the database's current version. `make` builds it and answers the version
    /// it read (in the same transaction as what it read, so the two agree).
    pub async fn current<F, Made>(&self, pool: &SqlitePool, make: F) -> Result<Arc<T>>
    where
        F: FnOnce() -> Made,
        Made: Future<Output = Result<(i64, T)>>,
    {
        let version: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT version FROM {}",
            self.table
        )))
        .fetch_one(pool)
        .await?;
        if let Some(value) = self.at_least(version) {
            return Ok(value);
        }
        let _making = self.making.lock().await;
        if let Some(value) = self.at_least(version) {
            return Ok(value); // made while this request waited
        }
        let started = std::time::Instant::now();
        let (made_at, value) = make().await?;
        metrics::counter!("cache_reloads_total", "cache" => self.table).increment(1);
        metrics::histogram!("cache_reload_seconds", "cache" => self.table)
            .record(started.elapsed().as_secs_f64());
        let value = Arc::new(value);
        *self.kept.write().expect("cache lock") = Some((made_at, value.clone()));
        Ok(value)
    }

    fn at_least(&self, version: i64) -> Option<Arc<T>> {
        let kept = self.kept.read().expect("cache lock").clone();
        kept.filter(|(made_at, _)| *made_at >= version)
            .map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;

    #[tokio::test]
    async fn a_value_is_made_once_per_version() {
        let pool = test_pool().await;
        let cache: Versioned<usize> = Versioned::new("calendar_version");
        let made = std::sync::atomic::AtomicUsize::new(0);
        let make = || async {
            let n = made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let version: i64 = sqlx::query_scalar("SELECT version FROM calendar_version")
                .fetch_one(&pool)
                .await?;
            Ok((version, n))
        };
        assert_eq!(*cache.current(&pool, make).await.unwrap(), 0);
        assert_eq!(*cache.current(&pool, make).await.unwrap(), 0, "kept");
        sqlx::query("UPDATE calendar_version SET version = version + 1")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(*cache.current(&pool, make).await.unwrap(), 1, "made again");
    }
}
