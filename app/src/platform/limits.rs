//! Bounds on the server's heavy work (password hashing, image decoding): so many at once, so
//! many more waiting, and the rest answered at once that the server is busy, so that a burst of
//! requests costs a bounded amount of memory and never queues without limit. And limits on what
//! one address may do in a while (registrations, applications).

use crate::platform::db::Result;

/// Every slot and queue place is taken: try again shortly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Busy;

/// A bound on blocking work: so many at once, so many more waiting, the rest refused.
pub struct Bound {
    running: tokio::sync::Semaphore,
    admitted: tokio::sync::Semaphore,
}

impl Bound {
    pub const fn new(at_once: usize, queue: usize) -> Self {
        Self {
            running: tokio::sync::Semaphore::const_new(at_once),
            admitted: tokio::sync::Semaphore::const_new(queue),
        }
    }

    /// Runs `work` off the request threads once a slot is free; `Busy` when the queue is full.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let _admitted = self.admitted.try_acquire().map_err(|_| Busy)?;
        let _running = self.running.acquire().await.map_err(|_| Busy)?;
        tokio::task::spawn_blocking(work).await.map_err(|_| Busy)
    }
}

/// What one client address may add to a table in a while: the rows it added within the
/// period are counted in the caller's write transaction, so requests sent at once cannot pass
/// the limit together.
pub struct PerAddress {
    /// A table with `address` and `created_at` columns.
    pub table: &'static str,
    pub most: i64,
    /// The period, as an SQLite date modifier (`-1 hour`).
    pub period: &'static str,
}

impl PerAddress {
    /// Whether `address` has added its most rows in the period.
    pub async fn reached(&self, tx: &mut sqlx::SqliteConnection, address: &str) -> Result<bool> {
        // Constant table names only.
        let recent: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM {} WHERE address = ?
             AND created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)",
            self.table
        )))
        .bind(address)
        .bind(self.period)
        .fetch_one(tx)
        .await?;
        Ok(recent >= self.most)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_bound_refuses_at_once_instead_of_queueing() {
        let bound: &'static Bound = Box::leak(Box::new(Bound::new(1, 2)));
        let (release, held) = std::sync::mpsc::channel::<()>();
        let held = std::sync::Arc::new(std::sync::Mutex::new(held));
        let mut running = Vec::new();
        for _ in 0..2 {
            let held = held.clone();
            running.push(tokio::spawn(bound.run(move || {
                let _ = held.lock().unwrap().recv();
            })));
        }
        // Both places are taken (one working, one waiting): the third is refused.
        while bound.admitted.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(bound.run(|| ()).await, Err(Busy));
        release.send(()).unwrap();
        release.send(()).unwrap();
        for task in running {
            assert_eq!(task.await.unwrap(), Ok(()));
        }
        assert_eq!(
            bound.run(|| 7).await,
            Ok(7),
            "free again once the work is done"
        );
    }
}
