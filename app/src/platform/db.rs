//! The database: one pool made at boot, its embedded migrations, and write transactions one at
//! a time.

use sqlx::{
    SqlitePool,
    migrate::Migrator,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{str::FromStr, time::Duration};

pub static MIGRATOR: Migrator = sqlx::migrate!();

/// How long a request waits for a free connection before it fails: no request holds one while
/// it asks for another, so a wait this long means the server is overloaded, not deadlocked.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

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
        self.transaction.commit().await
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
