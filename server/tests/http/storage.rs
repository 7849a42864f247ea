//! A database that cannot be written for a while (a full disk, a read-only file, another
//! writer holding it): every write answers 503 with a clear message, in JSON for the site's
//! script and as a page for a browser without it, writes nothing, and works again by itself
//! once the cause has gone.

use super::directory_files::entry_form;
use super::support::{TestApp, with};

/// Sends an application to join, as the site's script does or as a plain form (`accept`), from
/// `email`, with a long description (over a database page, so that it needs a new page).
async fn apply(app: &TestApp, email: &str, accept: &str) -> reqwest::Response {
    let description = "Keraamikastuudio Narvas. ".repeat(200);
    let pairs = with(
        entry_form(&format!("Stuudio {email}"), &[]),
        &[
            ("lang", "et"),
            ("form[description_et]", &description),
            ("contact[name]", "Mari Maasikas"),
            ("contact[email]", email),
            ("contact[phone]", ""),
            ("contact[consent]", "true"),
        ],
    );
    app.client
        .post(app.url("/api/join"))
        .header("accept", accept)
        .form(&pairs)
        .send()
        .await
        .unwrap()
}

/// Applications and audit lines.
async fn written(app: &TestApp) -> (i64, i64) {
    (
        app.count("applications").await,
        app.count("audit_log").await,
    )
}

/// Sends an application as the site's script and as a plain form, and expects both refused
/// with 503 and the message, nothing written.
async fn refused(app: &TestApp, email: &str) {
    let before = written(app).await;
    let answer = apply(app, email, "application/json").await;
    assert_eq!(answer.status(), 503);
    assert_eq!(answer.text().await.unwrap(), r#""Unavailable""#);
    let page = apply(app, email, "text/html").await;
    assert_eq!(page.status(), 503);
    let page = page.text().await.unwrap();
    let et = &app::i18n::Lang::Et.texts().errors;
    assert!(page.contains(et.busy_title) && page.contains(et.busy_text));
    assert!(page.contains(app::i18n::Lang::Ru.texts().errors.busy_text));
    assert_eq!(written(app).await, before, "nothing written");
}

async fn accepted(app: &TestApp, email: &str) {
    let answer = apply(app, email, "application/json").await;
    assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
}

#[tokio::test]
async fn a_full_disk_refuses_writes_with_503_and_they_work_again_when_there_is_room() {
    let app = TestApp::spawn().await;
    accepted(&app, "enne@example.ee").await;
    // The disk "fills": packed with no free page (VACUUM), the file may not grow (the app's
    // one connection). The application, over a page long, needs a new page.
    sqlx::query("VACUUM").execute(&app.pool).await.unwrap();
    let (pages, free): (i64, i64) = sqlx::query_as(
        "SELECT page_count, freelist_count FROM pragma_page_count, pragma_freelist_count",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(free, 0);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA max_page_count = {pages}"
    )))
    .execute(&app.pool)
    .await
    .unwrap();
    refused(&app, "taidetud@example.ee").await;
    // Reading goes on.
    let (status, page) = app.page("/en/events/noustamine-johvi").await;
    assert_eq!(status, 200);
    assert!(page.contains("Counselling for creative entrepreneurs in Jõhvi"));

    // Room again: the same application goes through, without a restart.
    sqlx::query("PRAGMA max_page_count = 1073741823")
        .execute(&app.pool)
        .await
        .unwrap();
    accepted(&app, "taidetud@example.ee").await;
}

#[tokio::test]
async fn a_read_only_database_refuses_writes_with_503_until_it_is_writable_again() {
    let app = TestApp::spawn().await;
    sqlx::query("PRAGMA query_only = ON")
        .execute(&app.pool)
        .await
        .unwrap();
    refused(&app, "kirjutuskaitse@example.ee").await;
    sqlx::query("PRAGMA query_only = OFF")
        .execute(&app.pool)
        .await
        .unwrap();
    accepted(&app, "kirjutuskaitse@example.ee").await;
}

#[tokio::test]
async fn a_database_another_writer_holds_answers_503_after_the_wait_then_works() {
    use sqlx::Connection;
    let app = TestApp::spawn().await;
    let file: String =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{file}"))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    refused(&app, "lukus@example.ee").await;
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    accepted(&app, "lukus@example.ee").await;
}
