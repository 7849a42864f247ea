//! The database: one pool made at boot, its embedded migrations, and write transactions one at
//! a time.

use crate::error::AppError;
use sqlx::{
    QueryBuilder, SqlitePool,
    migrate::Migrator,
    query_builder::Separated,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::{panic::Location, str::FromStr, time::Duration};

pub static MIGRATOR: Migrator = sqlx::migrate!();

/// How long a request waits for a free connection before it fails: no request holds one while
/// it asks for another, so a wait this long means the server is overloaded, not deadlocked.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// The most rows one multi-row statement writes (an import's): a few hundred rows of a dozen
/// values stay far below SQLite's 32,766 bound values a statement, and each statement is one
/// trip to the database's thread instead of hundreds.
pub const ROWS_A_STATEMENT: usize = 500;

/// Runs `head VALUES (…), (…) tail` for `rows`, [`ROWS_A_STATEMENT`] a statement, each row's
/// values bound by `values`. `head` and `tail` are constants: values go in as bound parameters.
pub async fn insert_all<T>(
    connection: &mut sqlx::SqliteConnection,
    head: &'static str,
    rows: &[T],
    tail: &'static str,
    mut values: impl FnMut(Separated<'_, sqlx::Sqlite, &'static str>, &T),
) -> Result<()> {
    for chunk in rows.chunks(ROWS_A_STATEMENT) {
        let mut insert = QueryBuilder::new(head);
        insert.push_values(chunk, &mut values).push(tail);
        insert.build().execute(&mut *connection).await?;
    }
    Ok(())
}

/// Opens the pool of `connections` the whole server shares, creating the database file if it
/// is absent.
pub async fn connect(database_url: &str, connections: u32) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(database_url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // NORMAL is durable under WAL except for the last commits on power loss, and much faster.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    SqlitePoolOptions::new()
        .max_connections(connections.max(1))
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
}

/// This process's writers, one at a time. SQLite lets one writer in at a time anyway; queueing
/// the others here, before they take a connection, leaves the pool's other connections to
/// readers (pages, `/health`) however many writes wait for the database's lock.
static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The write transactions this process has committed: anything read before the count changed
/// (a page kept in memory) may be out of date.
static WRITES: AtomicU64 = AtomicU64::new(0);

/// How many write transactions this process has committed.
pub fn writes() -> u64 {
    WRITES.load(Ordering::Acquire)
}

/// A write transaction (`BEGIN IMMEDIATE`): this process's turn to write, then the database's
/// write lock, both held until it is committed or dropped (rolled back).
pub struct Write {
    transaction: sqlx::Transaction<'static, sqlx::Sqlite>,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

/// Starts a write transaction once no other writer of this process is writing.
pub async fn write(pool: &SqlitePool) -> Result<Write, sqlx::Error> {
    let turn = WRITER.lock().await;
    let transaction = pool.begin_with("BEGIN IMMEDIATE").await?;
    Ok(Write {
        transaction,
        _turn: turn,
    })
}

impl Write {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        let committed = self.transaction.commit().await;
        WRITES.fetch_add(1, Ordering::AcqRel);
        committed
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.transaction.rollback().await
    }
}

impl std::ops::Deref for Write {
    type Target = sqlx::SqliteConnection;

    fn deref(&self) -> &Self::Target {
        &self.transaction
    }
}

impl std::ops::DerefMut for Write {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.transaction
    }
}

/// What a store answers: its value, or the database's error with the line that met it.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A database error and where in the store it happened: `?` on an `sqlx::Error` records the
/// line of the `?`, so a store needs no closure to say what it was doing.
#[derive(Debug, thiserror::Error)]
#[error("{source} (at {at})")]
pub struct StoreError {
    pub source: sqlx::Error,
    pub at: &'static Location<'static>,
}

impl From<sqlx::Error> for StoreError {
    #[track_caller]
    fn from(source: sqlx::Error) -> Self {
        StoreError {
            source,
            at: Location::caller(),
        }
    }
}

/// Why the database could not do a request's work, when the cause is outside the request and
/// trying again once it has gone cures it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outage {
    /// SQLite's BUSY or LOCKED: another writer held the database past the busy timeout, or no
    /// pooled connection came free in time.
    Busy,
    /// SQLite's FULL, READONLY or IOERR: the disk is full, the file or its folder cannot be
    /// written, or the disk failed. Someone has to act, so it is logged as an error.
    Storage,
}

/// The outage behind a database error, if it is one (SQLite's primary result codes, whatever
/// their extended part).
pub fn outage(error: &sqlx::Error) -> Option<Outage> {
    match error {
        sqlx::Error::PoolTimedOut => Some(Outage::Busy),
        sqlx::Error::Database(database) => match database.code()?.parse::<i32>().ok()? & 0xff {
            5 | 6 => Some(Outage::Busy),
            8 | 10 | 13 => Some(Outage::Storage),
            _ => None,
        },
        _ => None,
    }
}

/// The client's side of a store error, logged with its line: `Unavailable` (503) for an
/// [`Outage`], whose transaction SQLite has rolled back whole, else `Internal`.
impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match outage(&error.source) {
            Some(Outage::Busy) => tracing::warn!(%error, "the database is busy"),
            Some(Outage::Storage) => tracing::error!(%error, "the database cannot be written"),
            None => {
                tracing::error!(%error, "database error");
                return AppError::failed();
            }
        }
        AppError::Unavailable
    }
}

impl From<sqlx::Error> for AppError {
    #[track_caller]
    fn from(error: sqlx::Error) -> Self {
        StoreError::from(error).into()
    }
}

/// True when neither the directory nor the calendar has anything in it yet.
pub async fn is_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT NOT EXISTS (SELECT 1 FROM organisations) AND NOT EXISTS (SELECT 1 FROM events)",
    )
    .fetch_one(pool)
    .await
}

/// The fixed text form of times in the database: UTC, whole seconds.
pub fn db_time(timestamp: jiff::Timestamp) -> String {
    timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `base`, or `base-2`, `base-3`, … : the first slug no row of `table` has, `base` made of the
/// first words (at most 60 characters) of `title` in the content's fallback order, else
/// `fallback`. `table` is one of the code's own table names, never input.
pub async fn free_slug(
    connection: &mut sqlx::SqliteConnection,
    table: &'static str,
    title: &crate::shared::Localized,
    fallback: &str,
) -> Result<String> {
    use crate::i18n::Lang;
    let words = Lang::CONTENT_FALLBACK
        .into_iter()
        .find_map(|lang| title.get(lang))
        .map(crate::platform::search::words)
        .unwrap_or_default();
    let mut base = String::new();
    for word in words {
        if base.len() + word.len() > 60 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&word);
    }
    if base.is_empty() {
        base.push_str(fallback);
    }
    let taken: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT slug FROM {table} WHERE slug = ?1 OR slug GLOB ?1 || '-[0-9]*'"
    )))
    .bind(&base)
    .fetch_all(&mut *connection)
    .await?;
    Ok(std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|slug| !taken.contains(slug))
        .unwrap_or(base))
}

/// A pool on a private in-memory database with the migrations applied, for tests.
#[cfg(test)]
pub(crate) async fn test_pool() -> SqlitePool {
    let options = SqliteConnectOptions::from_str("sqlite::memory:")
        .unwrap()
        .foreign_keys(true);
    // One connection: every connection to :memory: would be a database of its own.
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    MIGRATOR.run(&pool).await.unwrap();
    pool
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Connection;

    #[tokio::test]
    async fn a_busy_database_is_a_503_and_any_other_failure_a_500() {
        use sqlx::sqlite::SqliteConnectOptions;
        let file = std::env::temp_dir().join(format!("busy-{}.db", std::process::id()));
        let options = SqliteConnectOptions::new()
            .filename(&file)
            .create_if_missing(true)
            .busy_timeout(std::time::Duration::ZERO);
        let mut writer = sqlx::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        let mut other = sqlx::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&mut writer)
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut writer)
            .await
            .unwrap();
        let busy = sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut other)
            .await
            .unwrap_err();
        assert_eq!(AppError::from(busy), AppError::Unavailable);
        assert_eq!(
            AppError::from(sqlx::Error::PoolTimedOut),
            AppError::Unavailable
        );
        let broken = sqlx::query("SELECT * FROM no_such_table")
            .execute(&mut other)
            .await
            .unwrap_err();
        assert!(matches!(AppError::from(broken), AppError::Internal { .. }));
        drop((writer, other));
        let _ = std::fs::remove_file(file);
    }
}
