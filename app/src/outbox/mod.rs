//! The outbox: the messages the platform owes people (applicants, registrants, accounts),
//! queued by the features in the same transaction as what they tell ([`queue`]), sent by the
//! server's mailer, and shown to the coordinator at `/{lang}/admin/outbox` with their state.
//! The newsletter queues its editions' rows itself (one statement for every subscriber, held
//! until their time, text written when sent) and follows them on its own page.

pub mod api;
#[cfg(feature = "ssr")]
pub mod html;
pub mod page;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use store::{NewMessage, letter, queue};

use serde::{Deserialize, Serialize};

/// Where a message is: waiting to be sent, being sent, sent, waiting to be tried again after a
/// temporary failure, failed for good, or cancelled by the coordinator. Stored as its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum MessageStatus {
    Waiting,
    Sending,
    Sent,
    Retrying,
    Failed,
    Cancelled,
}

impl MessageStatus {
    pub const ALL: [MessageStatus; 6] = [
        Self::Waiting,
        Self::Sending,
        Self::Sent,
        Self::Retrying,
        Self::Failed,
        Self::Cancelled,
    ];

    /// The state as URLs, the database and the audit log have it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Retrying => "retrying",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// Whether the server sends mail (an SMTP server is configured); without, messages wait.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sending {
    pub configured: bool,
}

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLine {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: MessageStatus,
    pub attempts: i64,
    /// The mail server's last refusal.
    pub error: Option<String>,
    /// Tallinn time, to the minute.
    pub created: String,
    pub sent: Option<String>,
}

/// The outbox page: whether mail is sent, how many messages are in each state, and the latest
/// messages of the state asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub sending: Sending,
    pub counts: Vec<(MessageStatus, i64)>,
    pub messages: Vec<OutboxLine>,
}

/// The most messages the page lists at once.
pub const SHOWN: u32 = 200;
