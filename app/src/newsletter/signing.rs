//! A subscriber's links: `{id}.{generation}.{mac}`, where the MAC (HMAC-SHA-256 with the
//! database's own key, 128 bits kept) covers the link's purpose, the subscriber and the
//! generation. Every edition must carry the link again, so it is signed rather than stored;
//! raising the subscriber's generation voids every link made before.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What a link may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm a new subscription (the opt-in mail).
    Confirm,
    /// See, change or end a subscription (every later mail).
    Manage,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Manage => "manage",
        }
    }
}

/// The key that signs the links, as the migration made it.
#[derive(Clone)]
pub struct Key(Vec<u8>);

impl Key {
    pub fn new(bytes: Vec<u8>) -> Self {
        Key(bytes)
    }

    fn mac(&self, purpose: Purpose, id: i64, generation: i64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key");
        mac.update(format!("newsletter:{}:{id}:{generation}", purpose.code()).as_bytes());
        mac
    }

    /// The token of subscriber `id`'s link for `purpose`.
    pub fn sign(&self, purpose: Purpose, id: i64, generation: i64) -> String {
        let tag = self.mac(purpose, id, generation).finalize().into_bytes();
        let hex: String = tag[..16].iter().map(|byte| format!("{byte:02x}")).collect();
        format!("{id}.{generation}.{hex}")
    }

    /// The subscriber and generation a token for `purpose` names, when its MAC is right
    /// (compared in constant time).
    pub fn verify(&self, purpose: Purpose, token: &str) -> Option<(i64, i64)> {
        let mut parts = token.splitn(3, '.');
        let id: i64 = parts.next()?.parse().ok().filter(|id| *id > 0)?;
        let generation: i64 = parts.next()?.parse().ok().filter(|g| *g >= 0)?;
        let hex = parts.next()?;
        if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let tag: Vec<u8> = (0..16)
            .map(|at| u8::from_str_radix(&hex[at * 2..at * 2 + 2], 16))
            .collect::<Result<_, _>>()
            .ok()?;
        self.mac(purpose, id, generation)
            .verify_truncated_left(&tag)
            .ok()
            .map(|()| (id, generation))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_for_its_purpose_subscriber_and_generation_only() {
        let key = Key::new(vec![7; 32]);
        let token = key.sign(Purpose::Manage, 42, 3);
        assert_eq!(key.verify(Purpose::Manage, &token), Some((42, 3)));
        assert_eq!(key.verify(Purpose::Confirm, &token), None);
        assert_eq!(Key::new(vec![8; 32]).verify(Purpose::Manage, &token), None);
        let (_, mac) = token.rsplit_once('.').unwrap();
        for forged in [
            format!("43.3.{mac}"),
            format!("42.4.{mac}"),
            format!("42.3.{}", &mac[..31]),
            format!("42.3.{mac}0"),
            format!("-42.3.{mac}"),
            format!("42.3.{}", "g".repeat(32)),
            String::new(),
            "42".into(),
        ] {
            assert_eq!(key.verify(Purpose::Manage, &forged), None, "{forged}");
        }
    }
}
