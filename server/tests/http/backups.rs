//! Copies of the database: taken while the server serves, restored only when the server is
//! stopped and the file is a whole database of this platform, and the restored site is the
//! site as it was copied.

use super::event_editing::training;
use super::kept_pages::MONTH;
use super::support::{TestApp, with};
use server::backup::{back_up, restore};

async fn publish(app: &TestApp, session: &super::support::Session, title: &str) {
    let saved = app
        .post_pairs(
            "/api/coordinator/events/save",
            Some(session),
            &with(training(title), &[("intent", "publish")]),
        )
        .await;
    assert_eq!(saved.status(), 200);
}

#[tokio::test]
async fn a_copy_taken_while_serving_restores_the_site_as_it_was() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    publish(&app, &session, "Glazing").await;
    let copies = tempfile::tempdir().unwrap();
    let copy_file = copies.path().join("copy.db");
    let copy = back_up(&app.pool, &copy_file).await.unwrap();
    assert_eq!(copy.bytes, std::fs::metadata(&copy_file).unwrap().len());
    assert!(copy.bytes > 100_000, "the demo data, not an empty file");
    let names: Vec<_> = std::fs::read_dir(copies.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no partial copy left beside it");
    let dashboard = app
        .get_as("/en/admin", &session)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        dashboard.contains("Last copy of the database:"),
        "{dashboard}"
    );

    publish(&app, &session, "Pottery").await;
    let database = app.pool.connect_options().get_filename().to_owned();
    let database_url = format!("sqlite://{}", database.display());
    let refused = restore(&database_url, &copy_file).await.unwrap_err();
    assert!(format!("{refused:#}").contains("a server is serving this database"));

    let folder = app.stop().await;
    let kept = restore(&database_url, &copy_file).await.unwrap().unwrap();
    assert!(kept.exists(), "the replaced database is kept");
    let restored = TestApp::spawn_on(folder, database_url).await;
    let (_, month) = restored.page(MONTH).await;
    assert!(month.contains("Glazing"));
    assert!(!month.contains("Pottery"), "made after the copy");
}

#[tokio::test]
async fn restore_refuses_a_file_that_is_not_a_whole_database_of_this_platform() {
    let app = TestApp::spawn().await;
    let database = app.pool.connect_options().get_filename().to_owned();
    let database_url = format!("sqlite://{}", database.display());
    let files = tempfile::tempdir().unwrap();
    let good = files.path().join("good.db");
    back_up(&app.pool, &good).await.unwrap();
    let folder = app.stop().await;

    let text = files.path().join("notes.db");
    std::fs::write(&text, "name;kind\nNarva;company\n".repeat(500)).unwrap();

    let other = files.path().join("other.db");
    let url = format!("sqlite://{}?mode=rwc", other.display());
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query("CREATE TABLE notes (text TEXT)")
        .execute(&mut db)
        .await
        .unwrap();
    drop(db);

    let newer = files.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    let url = format!("sqlite://{}", newer.display());
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99990101000000, 'from the future', 1, x'00', 0)",
    )
    .execute(&mut db)
    .await
    .unwrap();
    drop(db);

    let damaged = files.path().join("damaged.db");
    let mut bytes = std::fs::read(&good).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 8192].fill(0xA5);
    std::fs::write(&damaged, bytes).unwrap();

    for (file, why) in [
        (&text, "not an SQLite database"),
        (&other, "not a database of this platform"),
        (&newer, "made by a newer version of the server"),
        (&damaged, ""),
    ] {
        let refused = restore(&database_url, file).await.unwrap_err();
        let refused = format!("{refused:#}");
        assert!(
            refused.contains("cannot be restored") && refused.contains(why),
            "{refused}"
        );
    }
    let left: Vec<String> = std::fs::read_dir(database.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        !left
            .iter()
            .any(|name| name.contains("restoring") || name.contains("replaced")),
        "{left:?}"
    );

    // The database is the one that was there: the site still serves it.
    let app = TestApp::spawn_on(folder, database_url).await;
    assert_eq!(app.page("/en/about").await.0, 200);
}

#[tokio::test]
async fn with_a_backup_folder_the_server_copies_the_database_when_it_starts() {
    let copies = tempfile::tempdir().unwrap();
    let dir = copies.path().join("copies");
    let app = TestApp::spawn_with(|settings| {
        settings.backups.backup_dir = Some(dir.clone());
    })
    .await;
    let session = app.coordinator().await;
    let mut written = Vec::new();
    for _ in 0..100 {
        written = std::fs::read_dir(&dir)
            .map(|files| files.map(|f| f.unwrap().file_name()).collect())
            .unwrap_or_default();
        if !written.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let name = written[0].to_str().unwrap();
    assert!(
        name.starts_with("loomeklaster-") && name.ends_with(".db"),
        "{written:?}"
    );
    let dashboard = app
        .get_as("/en/admin", &session)
        .await
        .text()
        .await
        .unwrap();
    assert!(dashboard.contains("Last copy of the database:"));
    assert!(!dashboard.contains("Warning: the server has made no copy"));
    assert!(!dashboard.contains("does not copy the database by itself"));
}
