//! Who came. At the door the coordinator's phone opens the attendance page: every registrant
//! as one large button, a search, walk-ins added by hand, and each registrant's QR code, which
//! the phone's camera opens as a check-in page. The page keeps working offline for a while:
//! its marks wait on the phone and are sent when the connection returns. Each mark carries the
//! phone's clock and only a later mark replaces an earlier one, each walk-in a key the phone
//! made, so a mark or walk-in sent twice changes nothing.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod store;

use crate::error::Problem;
use crate::i18n::Lang;
use crate::shared::Localized;
use serde::{Deserialize, Serialize};

/// The most marks and walk-ins one sync may carry; a phone sends a longer queue in parts.
pub const MARKS_PER_SYNC: usize = 500;
pub const WALK_INS_PER_SYNC: usize = 50;

/// One tap: registration `registration` present or not, at `clock` (the phone's milliseconds
/// since 1970).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub registration: i64,
    pub present: bool,
    pub clock: i64,
}

/// Someone who came without registering, present from the moment they are added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkIn {
    /// Made by the phone (8–64 letters, digits and dashes): the same walk-in sent again is
    /// added once.
    pub key: String,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    /// The language of their mail (feedback, certificate).
    pub lang: Lang,
    pub clock: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    /// On the waiting list (they may come all the same).
    pub waiting: bool,
    pub present: bool,
    pub walk_in: bool,
}

/// The attendance page's list: everyone registered (confirmed, then waiting) and the walk-ins,
/// by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSheet {
    pub event_id: i64,
    pub title: Localized,
    pub when: String,
    pub attendees: Vec<Attendee>,
}

/// What a sync did: the list as it now is, and the walk-ins refused (with why), which the page
/// gives back to the coordinator instead of dropping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synced {
    pub sheet: AttendanceSheet,
    pub refused: Vec<Refused>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub walk_in: WalkIn,
    pub field: String,
    pub problem: Problem,
}

/// A registration as its check-in page (the QR code's address) shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub event_id: i64,
    pub title: Localized,
    pub when: String,
    pub name: String,
    pub organisation: Option<String>,
    pub waiting: bool,
    pub cancelled: bool,
    pub present: bool,
}

/// A walk-in's fields checked as the phone and the server both check them: the first refused
/// field and why.
pub fn check_walk_in(walk_in: &WalkIn) -> Result<(), (&'static str, Problem)> {
    const MAX_CHARS: usize = 200;
    let key_ok = (8..=64).contains(&walk_in.key.len())
        && walk_in
            .key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !key_ok {
        return Err(("key", Problem::UnknownChoice));
    }
    let name = walk_in.name.trim();
    if name.is_empty() {
        return Err(("name", Problem::Required));
    }
    if name.chars().count() > MAX_CHARS {
        return Err(("name", Problem::TooLong));
    }
    if !crate::shared::identifiers::is_email(walk_in.email.trim()) {
        return Err(("email", Problem::NotAnEmail));
    }
    if walk_in
        .organisation
        .as_deref()
        .is_some_and(|o| o.trim().chars().count() > MAX_CHARS)
    {
        return Err(("organisation", Problem::TooLong));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk_in(key: &str, name: &str, email: &str) -> WalkIn {
        WalkIn {
            key: key.to_owned(),
            name: name.to_owned(),
            email: email.to_owned(),
            organisation: None,
            lang: Lang::Et,
            clock: 0,
        }
    }

    #[test]
    fn a_walk_in_needs_a_key_a_name_and_an_email() {
        assert_eq!(
            check_walk_in(&walk_in("k-12345678", "Mari", "mari@example.ee")),
            Ok(())
        );
        assert_eq!(
            check_walk_in(&walk_in("short", "Mari", "mari@example.ee")),
            Err(("key", Problem::UnknownChoice))
        );
        assert_eq!(
            check_walk_in(&walk_in("k-12345678<>", "Mari", "mari@example.ee")),
            Err(("key", Problem::UnknownChoice))
        );
        assert_eq!(
            check_walk_in(&walk_in("k-12345678", "  ", "mari@example.ee")),
            Err(("name", Problem::Required))
        );
        assert_eq!(
            check_walk_in(&walk_in("k-12345678", &"a".repeat(201), "mari@example.ee")),
            Err(("name", Problem::TooLong))
        );
        assert_eq!(
            check_walk_in(&walk_in("k-12345678", "Mari", "mari")),
            Err(("email", Problem::NotAnEmail))
        );
    }
}
