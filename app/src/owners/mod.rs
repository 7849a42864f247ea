//! Entries kept fresh by their owners. The coordinator sends an entry's contact address a link
//! (one entry, or every entry not confirmed in 12 months); the link opens the entry's form
//! without an account, where the owner confirms the entry as it is or proposes changes; the
//! coordinator reviews a proposal field by field and approves it (applied, audited) or rejects
//! it. The contact address is private: the public profile shows only the entry's own email.

pub mod api;
pub mod changes;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use store::adopt_contact;

use crate::entries::{EntryChoices, EntryForm};
use serde::{Deserialize, Serialize};

/// How long a link works, in days.
pub const LINK_DAYS: i64 = 30;

/// An entry counts as stale when its owner has not confirmed it for this many months.
pub const STALE_MONTHS: i64 = 12;

/// What the owner's link opens: the entry as it is, and its form to correct.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerCheck {
    pub name: String,
    pub slug: String,
    /// Tallinn date, or `None` when never confirmed.
    pub confirmed: Option<String>,
    pub form: EntryForm,
    pub choices: EntryChoices,
}

/// Where a proposal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum ProposalStatus {
    Pending,
    Approved,
    Rejected,
}

/// A proposal in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalLine {
    pub id: i64,
    pub entry: String,
    pub status: ProposalStatus,
    /// Tallinn time, to the minute.
    pub received: String,
}

/// The coordinator's overview: how many entries are stale, and the proposals waiting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnersOverview {
    pub stale: i64,
    pub waiting: Vec<ProposalLine>,
}

/// One entry as the coordinator looks after its owner's checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerPanel {
    pub id: i64,
    pub name: String,
    pub slug: String,
    /// The private address; empty when none.
    pub contact_email: String,
    /// The entry's public email, where links go without a contact address.
    pub public_email: String,
    pub confirmed: Option<String>,
    pub proposals: Vec<ProposalLine>,
}

/// A field a proposal changes: its label, the value now and the value proposed, as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedChange {
    pub label: String,
    pub now: String,
    pub proposed: String,
}

/// A proposal as the coordinator reviews it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalReview {
    pub id: i64,
    pub entry_id: i64,
    pub entry: String,
    pub slug: String,
    pub status: ProposalStatus,
    pub received: String,
    pub changes: Vec<ProposedChange>,
}
