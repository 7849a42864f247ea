//! Password rules and hashing: argon2id with at least the parameters OWASP recommends
//! (19 MiB, 2 passes, 1 lane), stored in the PHC string format, which carries its parameters, so
//! a stored hash with weaker ones is noticed at login and hashed again.

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};
use std::sync::{
    LazyLock,
    atomic::{AtomicU64, Ordering},
};

pub const MIN_CHARS: usize = 12;
/// Long passphrases are welcome; the cap only keeps hashing bounded.
pub const MAX_CHARS: usize = 128;

/// Memory in KiB, passes and lanes: OWASP's recommended minimum for argon2id.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

/// The 10,000 most common passwords, most common first: the head of the frequency-ranked
/// list of zxcvbn-ts (`@zxcvbn-ts/language-common` 4.1.3, MIT), one per line.
static COMMON: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .collect()
});

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// One of the most common passwords, or the account's own email address.
    TooCommon,
}

/// Checks a password someone wants to set.
pub fn check_new(password: &str, email: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) || lower == email.trim().to_lowercase() {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string to store for a password.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashes any password up to MAX_CHARS")
        .to_string()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Right, but stored with weaker parameters or another algorithm: store a new hash.
    YesRehash,
}

/// How many passwords this process has checked against a hash (a figure for the server's
/// metrics, and how tests see that an unknown email costs the same work as a known one).
static CHECKED: AtomicU64 = AtomicU64::new(0);

pub fn checked() -> u64 {
    CHECKED.load(Ordering::Relaxed)
}

/// Checks a password against a stored hash; an unreadable hash never verifies.
pub fn verify(password: &str, stored: &str) -> Verified {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Verified::No;
    };
    CHECKED.fetch_add(1, Ordering::Relaxed);
    if hasher()
        .verify_password(password.as_bytes(), &parsed)
        .is_err()
    {
        return Verified::No;
    }
    let current = Params::try_from(&parsed).ok();
    let weaker = parsed.algorithm != Algorithm::Argon2id.ident()
        || current
            .is_none_or(|p| p.m_cost() < MEMORY_KIB || p.t_cost() < PASSES || p.p_cost() < LANES);
    if weaker {
        Verified::YesRehash
    } else {
        Verified::Yes
    }
}

/// A hash of no one's password, verified when the email is unknown, so that an unknown email
/// and a wrong password take the same time.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| hash("decoy password nobody has"));

/// Hashes computed at once by the server: each takes [`MEMORY_KIB`] of memory and a core for a
/// moment, so a burst of sign-ins must not run them all together.
pub const HASHING_AT_ONCE: usize = 4;
/// Requests that may wait for a hashing slot, those hashing included; beyond them the server
/// answers that it is busy instead of queueing without limit.
pub const HASHING_QUEUE: usize = 32;
static HASHING: Bound = Bound::new(HASHING_AT_ONCE, HASHING_QUEUE);
use crate::platform::limits::Bound;
pub use crate::platform::limits::Busy;

/// [`verify`] against `stored`, or against [`DECOY_HASH`] when there is none (an unknown
/// email), within the server's bound on concurrent hashing.
pub async fn verify_bounded(password: String, stored: Option<String>) -> Result<Verified, Busy> {
    HASHING
        .run(move || verify(&password, stored.as_deref().unwrap_or(&DECOY_HASH)))
        .await
}

/// [`hash`], within the server's bound on concurrent hashing.
pub async fn hash_bounded(password: String) -> Result<String, Busy> {
    HASHING.run(move || hash(&password)).await
}

/// A new random password of 20 characters from an alphabet without look-alikes (about 116
/// bits), for `server add-user` when none is given.
pub fn generate() -> String {
    use argon2::password_hash::rand_core::RngCore;
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = OsRng;
    (0..20)
        .map(|_| {
            // Rejection sampling: no bias towards the first letters.
            loop {
                let byte = (rng.next_u32() & 0xff) as usize;
                if byte < 256 - 256 % ALPHABET.len() {
                    return ALPHABET[byte % ALPHABET.len()] as char;
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_common_and_own_email_are_refused() {
        let email = "piia.tamm@ivek.example";
        assert_eq!(
            check_new("kaksteist11", email),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_new(&"x".repeat(129), email),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(
            check_new("QWERTY123456", email),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_new("Piia.Tamm@ivek.example", email),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(check_new("Narva jõgi voolab põhja poole", email), Ok(()));
        assert_eq!(
            check_new(&"ü".repeat(64), email),
            Ok(()),
            "64 characters are allowed"
        );
    }

    #[test]
    fn the_list_holds_ten_thousand_passwords() {
        assert_eq!(COMMON.len(), 10_000);
        assert!(COMMON.contains("password"));
    }

    #[test]
    fn hashes_verify_and_carry_their_parameters() {
        let stored = hash("Narva jõgi voolab põhja poole");
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert_eq!(
            verify("Narva jõgi voolab põhja poole", &stored),
            Verified::Yes
        );
        assert_eq!(
            verify("narva jõgi voolab põhja poole", &stored),
            Verified::No
        );
        assert_eq!(verify("anything", "not a hash"), Verified::No);
    }

    #[test]
    fn weaker_hashes_verify_and_ask_to_be_replaced() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 1, 1, None).unwrap(),
        )
        .hash_password(
            b"an old but fine passphrase",
            &SaltString::generate(&mut OsRng),
        )
        .unwrap()
        .to_string();
        assert_eq!(
            verify("an old but fine passphrase", &weak),
            Verified::YesRehash
        );
    }

    #[test]
    fn generated_passwords_pass_the_rules_and_differ() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, b);
        assert_eq!(check_new(&a, "x@y.example"), Ok(()));
    }
}
