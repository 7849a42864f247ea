//! `/{lang}/admin/outbox`: the messages owed to people (applicants, registrants, accounts), as
//! the features queued them through `platform::outbox`, until mail is sent.

pub mod api;
pub mod page;

use serde::{Deserialize, Serialize};

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLine {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Tallinn time, to the minute.
    pub created: String,
    pub sent: Option<String>,
}
