//! Joining the directory: the public application at `/{lang}/join`, and the coordinator's
//! review, approval (the entry is saved through `entries`) or rejection of it. Each decision
//! leaves a message for the applicant in the outbox.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;

use crate::entries::{EntryChoices, EntryForm};
use serde::{Deserialize, Serialize};

/// The applicant's contact person (never published) and their consent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub consent: bool,
}

/// Where an application stands; stored as its lowercase name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum ApplicationStatus {
    #[default]
    Pending,
    Approved,
    Rejected,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 3] = [Self::Pending, Self::Approved, Self::Rejected];

    /// The status as URLs and the database have it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// The status a URL names; waiting applications for anything else.
    pub fn from_query(asked: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|status| asked == Some(status.code()))
            .unwrap_or_default()
    }
}

/// A line of the coordinator's list of applications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub id: i64,
    pub name: String,
    pub municipality: Option<String>,
    pub contact: String,
    /// Tallinn time, to the minute.
    pub submitted: String,
}

/// One application as the coordinator reviews it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationReview {
    pub id: i64,
    pub status: ApplicationStatus,
    pub name: String,
    /// The applicant's language, in the reader's words.
    pub language: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub consent: String,
    /// Tallinn time, to the minute.
    pub consented_at: String,
    pub submitted: String,
    pub reason: Option<String>,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    /// The entry made of it: id and slug.
    pub entry: Option<(i64, String)>,
    pub form: EntryForm,
    pub choices: EntryChoices,
}
