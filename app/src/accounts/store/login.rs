//! Checking a sign-in: the brute-force limits, equal work for known and unknown emails, the
//! re-hash of old hashes and the audit trail of every attempt.
//!
//! Each attempt is counted before its password is checked, in one `BEGIN IMMEDIATE`
//! transaction with the counts it is checked against, so that many guesses sent at once are
//! held to the same limits as guesses sent one after another. A right password then removes its
//! own count.

use super::password::{self, Busy, Verified};
use crate::accounts::{Account, Role};
use crate::platform::audit::{Actor, record};
use crate::platform::db::Result;
use sqlx::SqlitePool;

/// Failed sign-ins are counted over this many seconds.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failed sign-ins for one account from one address within the window before that address
/// waits for that account.
pub const PER_ACCOUNT_AND_ADDRESS: i64 = 5;
/// Failed sign-ins from one address, whatever the accounts, within the window.
pub const PER_ADDRESS: i64 = 20;
/// Failed sign-ins for one account from every address together (a guess spread over many
/// addresses). An address the account has signed in from before is not held back by it, so
/// strangers cannot lock the owner out.
pub const PER_ACCOUNT: i64 = 50;
/// How long a successful sign-in makes its address known to the account.
const KNOWN_ADDRESS_SECONDS: i64 = 90 * 24 * 60 * 60;
/// The longest email address there is (RFC 5321); a longer one is refused before anything is
/// recorded.
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longer input is not a password anyone set (`password::MAX_CHARS` characters of up to 4 bytes).
const MAX_PASSWORD_BYTES: usize = password::MAX_CHARS * 4;

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The account, and the session epoch a new session of it starts in.
    SignedIn {
        account: Account,
        session_epoch: i64,
    },
    /// Wrong password, unknown email or disabled account: one answer for all three.
    Refused,
    /// Too many failures for this email or from this address; nothing was checked.
    Throttled,
    /// Every password-checking slot is taken; nothing was checked or counted.
    Busy,
}

/// What a password is checked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    /// Asked again before a sensitive change: limited and logged when wrong like a sign-in,
    /// but a right one is no new sign-in.
    Confirm,
}

/// The account an email names, as a sign-in needs it.
struct Candidate {
    id: i64,
    email: String,
    role: String,
    password_hash: String,
    disabled: bool,
    session_epoch: i64,
}

/// Checks `email` and `password` typed at `address` at Unix second `now`.
pub async fn check(
    pool: &SqlitePool,
    email: &str,
    password: &str,
    address: &str,
    now: i64,
    purpose: Purpose,
) -> Result<Outcome> {
    let email = email.trim();
    if email.is_empty() || email.chars().count() > MAX_EMAIL_CHARS {
        // No account has such an email: refused with nothing recorded or hashed.
        return Ok(Outcome::Refused);
    }
    let Some(attempt) = count_attempt(pool, email, address, now).await? else {
        tracing::warn!(%address, "sign-in throttled");
        return Ok(Outcome::Throttled);
    };

    let user: Option<(i64, String, String, String, bool, i64)> = sqlx::query_as(
        "SELECT id, email, role, password_hash, disabled_at IS NOT NULL, session_epoch
         FROM users WHERE email = ?",
    )
    .bind(email)
    .fetch_optional(pool)
    .await?;
    let user = user.map(
        |(id, email, role, password_hash, disabled, session_epoch)| Candidate {
            id,
            email,
            role,
            password_hash,
            disabled,
            session_epoch,
        },
    );
    // The same argon2 work whether or not the account exists.
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let verified = if password.len() > MAX_PASSWORD_BYTES {
        Ok(Verified::No)
    } else {
        password::verify_bounded(password.to_owned(), stored).await
    };
    let verified = match verified {
        Ok(verified) => verified,
        Err(Busy) => {
            forget_attempt(pool, attempt).await?;
            return Ok(Outcome::Busy);
        }
    };

    let new_hash = match (&user, verified) {
        (Some(_), Verified::YesRehash) => password::hash_bounded(password.to_owned()).await.ok(),
        _ => None,
    };
    let mut tx = crate::platform::db::write(pool).await?;
    let outcome = match user {
        Some(user) if !user.disabled && verified != Verified::No => {
            sqlx::query("DELETE FROM login_failures WHERE id = ? OR (email = ? AND address = ?)")
                .bind(attempt)
                .bind(&user.email)
                .bind(address)
                .execute(&mut *tx)
                .await?;
            if purpose == Purpose::SignIn {
                sqlx::query("UPDATE users SET last_login_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?")
                    .bind(user.id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO known_addresses (user_id, address, last_at) VALUES (?, ?, ?)
                     ON CONFLICT (user_id, address) DO UPDATE SET last_at = excluded.last_at",
                )
                .bind(user.id)
                .bind(address)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                record(
                    &mut tx,
                    Actor {
                        user_id: Some(user.id),
                        address: Some(address),
                    },
                    "login.succeeded",
                    "user",
                    Some(user.id),
                    serde_json::json!({}),
                )
                .await?;
            }
            if let Some(new_hash) = new_hash {
                sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
                    .bind(new_hash)
                    .bind(user.id)
                    .execute(&mut *tx)
                    .await?;
            }
            match Role::from_code(&user.role) {
                Some(role) => Outcome::SignedIn {
                    account: Account {
                        id: user.id,
                        email: user.email,
                        role,
                    },
                    session_epoch: user.session_epoch,
                },
                None => Outcome::Refused,
            }
        }
        user => {
            // The attempt's count stays: it was a failure.
            metrics::counter!("sign_in_failures_total").increment(1);
            let user_id = user.as_ref().map(|u| u.id);
            record(
                &mut tx,
                Actor {
                    user_id,
                    address: Some(address),
                },
                "login.failed",
                "user",
                user_id,
                serde_json::json!({ "email": [null, email] }),
            )
            .await?;
            Outcome::Refused
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Counts an attempt for `email` from `address` as a failure until it proves right, unless a
/// limit is reached: in one transaction with the counts, so concurrent attempts queue for it.
/// The attempt's id, or `None` when it must wait.
async fn count_attempt(
    pool: &SqlitePool,
    email: &str,
    address: &str,
    now: i64,
) -> Result<Option<i64>> {
    let since = now - WINDOW_SECONDS;
    let mut tx = crate::platform::db::write(pool).await?;
    sqlx::query("DELETE FROM login_failures WHERE at <= ?")
        .bind(since)
        .execute(&mut *tx)
        .await?;
    let (pair, from_address, for_account, known): (i64, i64, i64, bool) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM login_failures WHERE email = ?1 AND address = ?2),
                (SELECT count(*) FROM login_failures WHERE address = ?2),
                (SELECT count(*) FROM login_failures WHERE email = ?1),
                EXISTS (SELECT 1 FROM known_addresses k JOIN users u ON u.id = k.user_id
                        WHERE u.email = ?1 AND k.address = ?2 AND k.last_at > ?3)",
    )
    .bind(email)
    .bind(address)
    .bind(now - KNOWN_ADDRESS_SECONDS)
    .fetch_one(&mut *tx)
    .await?;
    let allowed = pair < PER_ACCOUNT_AND_ADDRESS
        && from_address < PER_ADDRESS
        && (for_account < PER_ACCOUNT || known);
    let id = if allowed {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO login_failures (at, email, address) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(now)
        .bind(email)
        .bind(address)
        .fetch_one(&mut *tx)
        .await?;
        Some(id)
    } else {
        None
    };
    tx.commit().await?;
    Ok(id)
}

/// Takes back an attempt that was never checked.
async fn forget_attempt(pool: &SqlitePool, attempt: i64) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE id = ?")
        .bind(attempt)
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;

    const PASSWORD: &str = "Narva jõgi voolab põhja poole";

    async fn sign_in(
        pool: &SqlitePool,
        email: &str,
        password: &str,
        address: &str,
        now: i64,
    ) -> crate::platform::db::Result<Outcome> {
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
        let Outcome::SignedIn { account, .. } = outcome else {
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
            Outcome::SignedIn { .. }
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
    async fn five_failures_from_one_address_hold_that_address_back_for_fifteen_minutes() {
        let pool = pool_with_user(false).await;
        let stranger = "203.0.113.66";
        for minute in 0..5 {
            let outcome = sign_in(&pool, "piia@ivek.example", "wrong", stranger, minute * 60)
                .await
                .unwrap();
            assert_eq!(outcome, Outcome::Refused);
        }
        // Even the right password waits, from that address.
        assert_eq!(
            sign_in(&pool, "Piia@ivek.example", PASSWORD, stranger, 5 * 60)
                .await
                .unwrap(),
            Outcome::Throttled
        );
        // Fifteen minutes after the first failure, one try is free again.
        let later = 15 * 60 + 1;
        assert!(matches!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, stranger, later)
                .await
                .unwrap(),
            Outcome::SignedIn { .. }
        ));
    }

    #[tokio::test]
    async fn a_stranger_guessing_cannot_lock_the_owner_out() {
        let pool = pool_with_user(false).await;
        for _ in 0..PER_ACCOUNT_AND_ADDRESS {
            sign_in(&pool, "piia@ivek.example", "wrong", "203.0.113.66", 100)
                .await
                .unwrap();
        }
        assert_eq!(
            sign_in(&pool, "piia@ivek.example", "wrong", "203.0.113.66", 101)
                .await
                .unwrap(),
            Outcome::Throttled
        );
        assert!(matches!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, "192.0.2.1", 102)
                .await
                .unwrap(),
            Outcome::SignedIn { .. }
        ));
    }

    #[tokio::test]
    async fn guesses_spread_over_many_addresses_stop_all_but_addresses_the_owner_used_before() {
        let pool = pool_with_user(false).await;
        let home = "192.0.2.1";
        assert!(matches!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, home, 10)
                .await
                .unwrap(),
            Outcome::SignedIn { .. }
        ));
        for n in 0..PER_ACCOUNT {
            let address = format!("198.51.100.{n}");
            let outcome = sign_in(&pool, "piia@ivek.example", "wrong", &address, 20)
                .await
                .unwrap();
            assert_eq!(outcome, Outcome::Refused, "{address}");
        }
        assert_eq!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, "198.51.100.200", 30)
                .await
                .unwrap(),
            Outcome::Throttled,
            "a new address waits"
        );
        assert!(matches!(
            sign_in(&pool, "piia@ivek.example", PASSWORD, home, 30)
                .await
                .unwrap(),
            Outcome::SignedIn { .. }
        ));
    }

    #[tokio::test]
    async fn an_overlong_email_is_refused_with_nothing_recorded() {
        let pool = pool_with_user(false).await;
        let long = format!("{}@ivek.example", "a".repeat(1_000_000));
        assert_eq!(
            sign_in(&pool, &long, "wrong", "192.0.2.1", 10)
                .await
                .unwrap(),
            Outcome::Refused
        );
        let rows: i64 = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM login_failures) + (SELECT count(*) FROM audit_log)",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(rows, 0);
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
        assert!(matches!(outcome, Outcome::SignedIn { .. }));
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
