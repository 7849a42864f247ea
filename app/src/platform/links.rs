//! Private links that work without an account (a password reset, an invitation, an entry's
//! check by its owner): `{id}.{secret}`, where `id` names the stored request and the secret is
//! 24 random bytes kept only as its SHA-256 and compared in constant time.

use crate::platform::request::{is_token, random_token};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A new secret and the hash to store in its place.
pub fn new_secret() -> (String, Vec<u8>) {
    let secret = random_token();
    let hash = digest(&secret);
    (secret, hash)
}

/// The token of a link: request `id` with its `secret`.
pub fn token(id: i64, secret: &str) -> String {
    format!("{id}.{secret}")
}

/// The request id and the secret of `token`, if it has that shape.
pub fn parse(token: &str) -> Option<(i64, &str)> {
    let (id, secret) = token.split_once('.')?;
    let id = id.parse().ok().filter(|id| *id > 0)?;
    is_token(secret).then_some((id, secret))
}

/// Whether `secret` is the one whose hash is `stored`, in constant time.
pub fn matches(secret: &str, stored: &[u8]) -> bool {
    digest(secret).ct_eq(stored).into()
}

fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_id_and_a_secret_of_the_right_shape_parse() {
        let secret = random_token();
        assert_eq!(parse(&format!("12.{secret}")), Some((12, secret.as_str())));
        for wrong in [
            String::new(),
            secret.clone(),
            format!("0.{secret}"),
            format!("-3.{secret}"),
            format!("x.{secret}"),
            format!("12.{}", &secret[1..]),
            format!("12.{}", secret.to_uppercase()),
            "99999999999999999999.ab".to_owned(),
        ] {
            assert_eq!(parse(&wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_secret_matches_its_own_hash_only() {
        let (secret, hash) = new_secret();
        assert!(matches(&secret, &hash));
        let (other, _) = new_secret();
        assert!(!matches(&other, &hash));
        assert!(!matches(&secret, &hash[..31]));
    }
}
