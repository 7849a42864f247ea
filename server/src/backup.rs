//! Copies of the database: `server backup FILE` and the server's own copies every
//! `BACKUP_EVERY` into `BACKUP_DIR` (the newest of each of the last days and weeks kept), each
//! written under a temporary name by SQLite's `VACUUM INTO` (a consistent snapshot, while the
//! server serves), checked, and only then given its name; and `server restore FILE`, which
//! refuses while a server holds the database, checks the file, and keeps the replaced one.

use crate::config::BackupSettings;
use anyhow::{Context, bail};
use jiff::{SignedDuration, Timestamp, civil::Date};
use sqlx::{Connection, SqliteConnection, SqlitePool, sqlite::SqliteConnectOptions};
use std::{
    collections::HashSet,
    fs::File,
    path::{Path, PathBuf},
    time::Instant,
};

/// A copy written and checked.
#[derive(Debug)]
pub struct Copy {
    pub file: PathBuf,
    pub bytes: u64,
    pub took: SignedDuration,
}

/// Writes a consistent copy of the database to `file` (replacing it): to `file.partial` first,
/// checked, then renamed, so that `file` is never a half-written or damaged copy; records it.
pub async fn back_up(pool: &SqlitePool, file: &Path) -> anyhow::Result<Copy> {
    let started = Instant::now();
    let partial = beside(file, "partial");
    remove_if_there(&partial)?;
    let name = partial
        .to_str()
        .context("the backup's file name is not UTF-8")?;
    let copied = async {
        sqlx::query("VACUUM INTO ?")
            .bind(name)
            .execute(pool)
            .await
            .context("copying the database")?;
        // One file, without a write-ahead log beside it, whatever the live database uses.
        let mut copy = open(&partial).await?;
        sqlx::query("PRAGMA journal_mode = DELETE")
            .execute(&mut copy)
            .await?;
        check(&mut copy).await?;
        copy.close().await?;
        std::fs::rename(&partial, file).with_context(|| format!("naming {}", file.display()))
    };
    if let Err(error) = copied.await {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    let bytes = std::fs::metadata(file)?.len();
    let took = SignedDuration::try_from(started.elapsed()).unwrap_or(SignedDuration::MAX);
    app::platform::backups::record(pool, &file.display().to_string(), bytes, took).await?;
    Ok(Copy {
        file: file.to_owned(),
        bytes,
        took,
    })
}

/// Replaces the database of `database_url` with the copy `file`: refused while a server holds
/// the database, or when the file is not a whole database of this platform with no migration
/// newer than this binary's. The replaced database (with its write-ahead log) is renamed
/// `….replaced-<time>`; answers that name.
pub async fn restore(database_url: &str, file: &Path) -> anyhow::Result<Option<PathBuf>> {
    let live = database_path(database_url).context("the database is not a file")?;
    let _held = ServerLock::take(&live)?.context(
        "a server is serving this database: stop it first (the restored file would be \
         overwritten by its writes)",
    )?;
    let restoring = beside(&live, "restoring");
    remove_if_there(&restoring)?;
    std::fs::copy(file, &restoring).with_context(|| format!("reading {}", file.display()))?;
    let checked = async {
        let mut copy = open(&restoring).await?;
        check(&mut copy).await?;
        copy.close().await?;
        anyhow::Ok(())
    };
    if let Err(error) = checked.await {
        let _ = std::fs::remove_file(&restoring);
        return Err(error.context(format!("{} cannot be restored", file.display())));
    }
    let kept = if live.exists() {
        let kept = beside(&live, &format!("replaced-{}", stamp(Timestamp::now())));
        for suffix in ["", "-wal", "-shm"] {
            let (from, to) = (with_suffix(&live, suffix), with_suffix(&kept, suffix));
            if from.exists() {
                std::fs::rename(&from, &to)
                    .with_context(|| format!("keeping {}", from.display()))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&restoring, &live)?;
    Ok(kept)
}

/// Opens `file`, which must exist, for checking.
async fn open(file: &Path) -> anyhow::Result<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(false);
    SqliteConnection::connect_with(&options)
        .await
        .with_context(|| format!("opening {}", file.display()))
}

/// Whether the database is whole (`PRAGMA integrity_check`) and this platform's, every
/// migration in it one this binary has.
async fn check(db: &mut SqliteConnection) -> anyhow::Result<()> {
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *db)
        .await
        .context("not an SQLite database")?;
    if integrity != ["ok"] {
        bail!("the database is damaged: {}", integrity.join("; "));
    }
    let applied: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success")
            .fetch_all(&mut *db)
            .await
            .context("not a database of this platform (it has no migrations table)")?;
    let known = &app::platform::db::MIGRATOR;
    if applied.first().map(|(version, _)| *version) != known.iter().next().map(|m| m.version) {
        bail!("not a database of this platform (its first migration is not this platform's)");
    }
    for (version, checksum) in applied {
        match known.iter().find(|m| m.version == version) {
            None => bail!(
                "made by a newer version of the server (migration {version}, which this one \
                 does not have): restore it with that version"
            ),
            Some(migration) if *migration.checksum != *checksum => {
                bail!("not a database of this platform (its migration {version} differs)")
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The server's copies: one now if the last is older than the interval, then one every
/// interval, each followed by pruning. Runs until aborted.
pub async fn keep_copying(pool: SqlitePool, settings: BackupSettings, dir: PathBuf) {
    let every = settings.backup_every;
    loop {
        let last = app::platform::backups::last(&pool).await.ok().flatten();
        let since = last.map(|(at, _)| Timestamp::now().duration_since(at));
        let wait = since.map_or(SignedDuration::ZERO, |since| every - since);
        if wait.is_positive() {
            tokio::time::sleep(wait.unsigned_abs()).await;
        }
        let file = dir.join(format!("loomeklaster-{}.db", stamp(Timestamp::now())));
        let copied = async {
            std::fs::create_dir_all(&dir)?;
            back_up(&pool, &file).await
        };
        match copied.await {
            Ok(copy) => {
                metrics::counter!("backups_total", "outcome" => "written").increment(1);
                tracing::info!(
                file = %copy.file.display(), bytes = copy.bytes, took = ?copy.took,
                "copied the database"
                )
            }
            Err(error) => {
                metrics::counter!("backups_total", "outcome" => "failed").increment(1);
                let error = format!("{error:#}");
                tracing::error!(%error, dir = %dir.display(), "copying the database");
                // Tried again sooner than the interval, not in a loop.
                let retry = every.min(SignedDuration::from_mins(10));
                tokio::time::sleep(retry.unsigned_abs()).await;
                continue;
            }
        }
        match prune(
            &dir,
            settings.backup_keep_daily,
            settings.backup_keep_weekly,
        ) {
            Ok(removed) if !removed.is_empty() => {
                tracing::info!(
                    removed = removed.len(),
                    "removed old copies of the database"
                )
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "removing old copies of the database"),
        }
    }
}

/// Removes the server's copies in `dir` that are neither the newest of one of the last `daily`
/// days nor of one of the last `weekly` weeks that have copies; answers what it removed.
pub fn prune(dir: &Path, daily: usize, weekly: usize) -> anyhow::Result<Vec<PathBuf>> {
    let mut copies: Vec<(Timestamp, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let at = name.strip_prefix("loomeklaster-")?.strip_suffix(".db")?;
            let at = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%SZ", at).ok()?;
            Some((
                at.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp(),
                entry.path(),
            ))
        })
        .collect();
    copies.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let kept = kept(
        &copies.iter().map(|(at, _)| *at).collect::<Vec<_>>(),
        daily,
        weekly,
    );
    let mut removed = Vec::new();
    for (n, (_, path)) in copies.into_iter().enumerate() {
        if !kept.contains(&n) {
            std::fs::remove_file(&path)?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// Of copies taken at `newest_first`, the indexes of those kept: the newest of each of the
/// latest `daily` days and of each of the latest `weekly` ISO weeks.
fn kept(newest_first: &[Timestamp], daily: usize, weekly: usize) -> HashSet<usize> {
    let mut kept = newest_of_each(newest_first, daily, |d| (d.year(), d.day_of_year()));
    kept.extend(newest_of_each(newest_first, weekly, |d| {
        let week = d.iso_week_date();
        (week.year(), i16::from(week.week()))
    }));
    kept
}

/// The indexes of the first copy of each of the first `limit` periods.
fn newest_of_each(
    newest_first: &[Timestamp],
    limit: usize,
    period: impl Fn(Date) -> (i16, i16),
) -> HashSet<usize> {
    let (mut seen, mut kept) = (HashSet::new(), HashSet::new());
    for (n, at) in newest_first.iter().enumerate() {
        let period = period(at.to_zoned(jiff::tz::TimeZone::UTC).date());
        if !seen.contains(&period) {
            if seen.len() == limit {
                break;
            }
            seen.insert(period);
            kept.insert(n);
        }
    }
    kept
}

/// The lock a serving server holds on its database (`<file>.lock`), so that `restore` cannot
/// replace the file under it. Released when dropped (or when the process ends, however).
pub struct ServerLock {
    _file: File,
}

impl ServerLock {
    /// Takes the lock of the database at `path`; `None` when another process holds it.
    pub fn take(path: &Path) -> anyhow::Result<Option<ServerLock>> {
        let lock = with_suffix(path, ".lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .with_context(|| format!("opening {}", lock.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(ServerLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(error)) => {
                Err(error).with_context(|| format!("locking {}", lock.display()))
            }
        }
    }
}

/// The file of an `sqlite:` URL; `None` for a database in memory.
pub fn database_path(database_url: &str) -> Option<PathBuf> {
    let path = database_url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    (!path.is_empty() && !path.starts_with(':')).then(|| PathBuf::from(path))
}

/// `2026-12-02T18:30:00Z` as `20261202T183000Z`, for file names.
fn stamp(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `file.db` as `file.db.<what>`.
fn beside(path: &Path, what: &str) -> PathBuf {
    with_suffix(path, &format!(".{what}"))
}

fn remove_if_there(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_copy_of_each_recent_day_and_week_is_kept() {
        // Copies every 12 hours over 40 days, newest first.
        let start: Timestamp = "2026-12-02T18:00:00Z".parse().unwrap();
        let copies: Vec<Timestamp> = (0..80)
            .map(|n| start - SignedDuration::from_hours(12 * n))
            .collect();
        let kept = kept(&copies, 7, 4);
        let mut kept: Vec<Timestamp> = kept.into_iter().map(|n| copies[n]).collect();
        kept.sort();
        kept.reverse();
        let shown: Vec<String> = kept.iter().map(|at| at.to_string()).collect();
        assert_eq!(
            shown,
            [
                // The latest 7 days…
                "2026-12-02T18:00:00Z",
                "2026-12-01T18:00:00Z",
                "2026-11-30T18:00:00Z",
                "2026-11-29T18:00:00Z",
                "2026-11-28T18:00:00Z",
                "2026-11-27T18:00:00Z",
                "2026-11-26T18:00:00Z",
                // …and the latest 4 weeks (2 December is a Wednesday: the newest copies of this
                // week and the last are among the days').
                "2026-11-22T18:00:00Z",
                "2026-11-15T18:00:00Z",
            ]
        );
        assert!(super::kept(&[], 7, 4).is_empty());
        assert_eq!(super::kept(&copies, 0, 0).len(), 0);
    }

    #[test]
    fn pruning_removes_only_the_servers_copies_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let start: Timestamp = "2026-12-02T18:00:00Z".parse().unwrap();
        for day in 0..10 {
            let at = start - SignedDuration::from_hours(24 * day);
            std::fs::write(
                dir.path().join(format!("loomeklaster-{}.db", stamp(at))),
                "",
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let removed = prune(dir.path(), 3, 0).unwrap();
        assert_eq!(removed.len(), 7);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|f| f.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "loomeklaster-20261130T180000Z.db",
                "loomeklaster-20261201T180000Z.db",
                "loomeklaster-20261202T180000Z.db",
                "notes.txt"
            ]
        );
    }

    #[test]
    fn urls_name_their_file() {
        let file = |url| database_path(url).map(|p| p.display().to_string());
        assert_eq!(file("sqlite://data/x.db").as_deref(), Some("data/x.db"));
        assert_eq!(
            file("sqlite:///tmp/x.db?mode=rwc").as_deref(),
            Some("/tmp/x.db")
        );
        assert_eq!(file("sqlite::memory:"), None);
    }
}
