//! `server add-user` against a real database file.

use app::accounts::password::{self, Verified};
use server::accounts::add_user;
use server::config::{AddUserArgs, RoleArg};

async fn pool() -> (tempfile::TempDir, sqlx::SqlitePool) {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/accounts.db", folder.path().display());
    let pool = server::startup::open_database(&url, 8).await.unwrap();
    (folder, pool)
}

fn args(email: &str, role: RoleArg) -> AddUserArgs {
    AddUserArgs {
        email: email.into(),
        role,
    }
}

#[tokio::test]
async fn a_typed_password_is_stored_only_as_an_argon2id_hash() {
    let (_folder, pool) = pool().await;
    let added = add_user(
        &pool,
        &args("piia@ivek.example", RoleArg::Admin),
        "Narva jõgi voolab põhja poole",
    )
    .await
    .unwrap();
    assert_eq!((added.role, added.generated_password), ("admin", None));
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$"));
    assert_eq!(
        password::verify("Narva jõgi voolab põhja poole", &stored),
        Verified::Yes
    );
    let logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'user.created'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn without_a_password_a_strong_one_is_generated_and_shown_once() {
    let (_folder, pool) = pool().await;
    let added = add_user(&pool, &args("kaja@ivek.example", RoleArg::Coordinator), "")
        .await
        .unwrap();
    let generated = added.generated_password.expect("a generated password");
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(password::verify(&generated, &stored), Verified::Yes);
    assert!(!stored.contains(&generated));
}

#[tokio::test]
async fn weak_passwords_bad_emails_and_duplicates_are_refused_and_nothing_is_written() {
    let (_folder, pool) = pool().await;
    add_user(&pool, &args("piia@ivek.example", RoleArg::Admin), "")
        .await
        .unwrap();
    for (email, typed, expected) in [
        ("new@ivek.example", "short", "too short"),
        ("new@ivek.example", "qwerty123456", "too common"),
        (
            "not an email",
            "Narva jõgi voolab põhja poole",
            "not an email",
        ),
        (
            "PIIA@ivek.example",
            "Narva jõgi voolab põhja poole",
            "already exists",
        ),
    ] {
        let error = add_user(&pool, &args(email, RoleArg::Coordinator), typed)
            .await
            .err()
            .unwrap_or_else(|| panic!("{email} {typed} was accepted"));
        assert!(error.to_string().contains(expected), "{error}");
    }
    let (users, lines): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM audit_log)")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((users, lines), (1, 1));
}
