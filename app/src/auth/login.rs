//! Checking a sign-in: the brute-force limits, equal work for known and unknown emails, the
//! re-hash of old hashes and the audit trail of every attempt.

use super::password::{self, DECOY_HASH, Verified};
use crate::db::accounts::{AuditEntry, record};
use crate::domain::account::{Account, Role};
use sqlx::SqlitePool;

/// Failed sign-ins are counted over this many seconds.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failed sign-ins for one email within the window before further tries wait.
pub const PER_ACCOUNT: i64 = 5;
/// Failed sign-ins from one address within the window before further tries wait.
pub const PER_ADDRESS: i64 = 20;
/// Longer input is not a password anyone set (`password::MAX_CHARS` characters of up to 4 bytes).
const MAX_PASSWORD_BYTES: usize = password::MAX_CHARS * 4;

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    SignedIn(Account),
    /// Wrong password, unknown email or disabled account: one answer for all three.
    Refused,
    /// Too many failures for this email or from this address; nothing was checked.
    Throttled,
}

/// What a password is checked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    /// Asked again before a sensitive change: limited and logged when wrong like a sign-in,
    /// but a right one is no new sign-in.
    Confirm,
}

/// Checks `email` and `password` typed at `address` at Unix second `now`.
pub async fn check(
    pool: &SqlitePool,
    email: &str,
    password: &str,
    address: &str,
    now: i64,
    purpose: Purpose,
) -> Result<Outcome, sqlx::Error> {
    let email = email.trim();
    let since = now - WINDOW_SECONDS;
    sqlx::query("DELETE FROM login_failures WHERE at <= ?")
        .bind(since)
        .execute(pool)
        .await?;
    let (for_account, from_address): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM login_failures WHERE email = ? AND at > ?),
                (SELECT count(*) FROM login_failures WHERE address = ? AND at > ?)",
    )
    .bind(email)
    .bind(since)
    .bind(address)
    .bind(since)
    .fetch_one(pool)
    .await?;
    if for_account >= PER_ACCOUNT || from_address >= PER_ADDRESS {
        tracing::warn!(%address, for_account, from_address, "sign-in throttled");
        return Ok(Outcome::Throttled);
    }

    let user: Option<(i64, String, String, String, bool)> = sqlx::query_as(
        "SELECT id, email, role, password_hash, disabled_at IS NOT NULL FROM users WHERE email = ?",
    )
    .bind(email)
    .fetch_optional(pool)
    .await?;
    // The same argon2 work whether or not the account exists.
    let stored = user
        .as_ref()
        .map_or_else(|| DECOY_HASH.clone(), |u| u.3.clone());
    let typed = password.to_owned();
    let verified = tokio::task::spawn_blocking(move || {
        if typed.len() > MAX_PASSWORD_BYTES {
            Verified::No
        } else {
            password::verify(&typed, &stored)
        }
    })
    .await
    .unwrap_or(Verified::No);

    let mut tx = pool.begin().await?;
    let outcome = match user {
        Some((id, email, role, _, false)) if verified != Verified::No => {
            sqlx::query("DELETE FROM login_failures WHERE email = ?")
                .bind(&email)
                .execute(&mut *tx)
                .await?;
            if purpose == Purpose::SignIn {
                sqlx::query("UPDATE users SET last_login_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                record(
                    &mut tx,
                    &AuditEntry {
                        user_id: Some(id),
                        address: Some(address),
                        action: "login.succeeded",
                        entity: "user",
                        entity_id: Some(id),
                        changes: serde_json::json!({}),
                    },
                )
                .await?;
            }
            if verified == Verified::YesRehash {
                let new_hash = password::hash(password);
                sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
                    .bind(new_hash)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            match Role::from_code(&role) {
                Some(role) => Outcome::SignedIn(Account { id, email, role }),
                None => Outcome::Refused,
            }
        }
        _ => {
            sqlx::query("INSERT INTO login_failures (at, email, address) VALUES (?, ?, ?)")
                .bind(now)
                .bind(email)
                .bind(address)
                .execute(&mut *tx)
                .await?;
            let user_id = user.as_ref().map(|u| u.0);
            record(
                &mut tx,
                &AuditEntry {
                    user_id,
                    address: Some(address),
                    action: "login.failed",
                    entity: "user",
                    entity_id: user_id,
                    changes: serde_json::json!({ "email": [null, email] }),
                },
            )
            .await?;
            Outcome::Refused
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_pool;

    const PASSWORD: &str = "Narva jõgi voolab põhja poole";

    async fn sign_in(
        pool: &SqlitePool,
        email: &str,
        password: &str,
        address: &str,
        now: i64,
    ) -> Result<Outcome, sqlx::Error> {
        check(pool, email, password, address, now, Purpose::SignIn).await
    }

    async fn pool_with_user(disabled: bool) -> SqlitePool {
        let pool = test_pool().await;
        sqlx::query(
            "INSERT INTO users (email, role, password_hash, disabled_at) VALUES (?, 'coordinator', ?, ?)",
        )
        .bind("piia@ivek.example")
        .bind(password::hash(PASSWORD))
        .bind(disabled.then_some("2026-11-01T00:00:00Z"))
        .execute(&pool)
        .await
        .unwrap();
        pool
    }

    async fn actions(pool: &SqlitePool) -> Vec<String> {
        sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn the_right_password_signs_in_in_any_letter_case_of_the_email() {
        let pool = pool_with_user(false).await;
        let outcome = sign_in(&pool, " PIIA@ivek.example ", PASSWORD, "192.0.2.1", 1000)
            .await
            .unwrap();
        let Outcome::SignedIn(account) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(account.email, "piia@ivek.example");
        assert_eq!(account.role, Role::Coordinator);
        assert_eq!(actions(&pool).await, ["login.succeeded"]);
    }

    #[tokio::test]
    async fn confirming_a_password_is_no_new_sign_in_but_a_wrong_one_counts() {
        let pool = pool_with_user(false).await;
        let confirm = |password| {
            check(
                &pool,
                "piia@ivek.example",
                password,
                "192.0.2.1",
                10,
                Purpose::Confirm,
            )
        };
        assert!(matches!(
            confirm(PASSWORD).await.unwrap(),
            Outcome::SignedIn(_)
        ));
        assert_eq!(confirm("wrong").await.unwrap(), Outcome::Refused);
        assert_eq!(actions(&pool).await, ["login.failed"]);
        let last_login: Option<String> = sqlx::query_scalar("SELECT last_login_at FROM users")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(last_login, None);
    }

    #[tokio::test]
    async fn wrong_password_unknown_email_and_disabled_account_get_one_answer() {
        let pool = pool_with_user(false).await;
        let at = "192.0.2.1";
        assert_eq!(
            sign_in(&pool, "piia@ivek.example", "wrong", at, 1000)
                .await
                .unwrap(),
            Outcome::Refused
        );
        assert_eq!(
            sign_in(&pool, "nobody@ivek.example", PASSWORD, at, 1000)
                .await
                .unwrap(),
            Outcome::Refused
        );
        let disabled = pool_with_user(true).await;
        assert_eq!(
            sign_in(&disabled, "piia@ivek.example", PASSWORD, at, 1000)
                .await
                .unwrap(),
            Outcome::Refused
        );
        assert_eq!(actions(&pool).await, ["login.failed", "login.failed"]);
    }

    #[tokio::test]
    async fn five_failures_for_an_account_lock_it_for_fifteen_minutes() {
        let pool = pool_with_user(false).await;
        for minute in 0..5 {
            let address = format!("192.0.2.{minute}");
            let outcome = sign_in(&pool, "piia@ivek.example", "wrong", &address, minute * 60)
                .await
                .unwrap();
            assert_eq!(outcome, Outcome::Refused);
        }
        // Even the right password waits, from any address.
        assert_eq!(
            sign_in(&pool, "Piia@ivek.example", PASSWORD, "198.51.100.7", 5 * 60)
                .await
                .unwrap(),
            Outcome::Throttled
        );
        // Fifteen minutes after the first failure, one slot is free again.
        let later = 15 * 60 + 1;
        assert!(matches!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, "198.51.100.7", later)
                .await
                .unwrap(),
            Outcome::SignedIn(_)
        ));
    }

    #[tokio::test]
    async fn twenty_failures_from_one_address_stop_it_for_every_account() {
        let pool = pool_with_user(false).await;
        for n in 0..20 {
            let email = format!("guess{n}@ivek.example");
            assert_eq!(
                sign_in(&pool, &email, "wrong", "203.0.113.9", 100)
                    .await
                    .unwrap(),
                Outcome::Refused
            );
        }
        assert_eq!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, "203.0.113.9", 200)
                .await
                .unwrap(),
            Outcome::Throttled
        );
        assert!(matches!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, "203.0.113.10", 200)
                .await
                .unwrap(),
            Outcome::SignedIn(_)
        ));
    }

    #[tokio::test]
    async fn a_weak_stored_hash_is_replaced_at_sign_in() {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let pool = pool_with_user(false).await;
        let weak = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(8 * 1024, 1, 1, None).unwrap(),
        )
        .hash_password(PASSWORD.as_bytes(), &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        sqlx::query("UPDATE users SET password_hash = ?")
            .bind(&weak)
            .execute(&pool)
            .await
            .unwrap();
        let outcome = sign_in(&pool, "piia@ivek.example", PASSWORD, "192.0.2.1", 1)
            .await
            .unwrap();
        assert!(matches!(outcome, Outcome::SignedIn(_)));
        let stored: String = sqlx::query_scalar("SELECT password_hash FROM users")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert_eq!(password::verify(PASSWORD, &stored), Verified::Yes);
    }
}
