//! Counselling: consultation times the coordinator publishes (a date, a length, a place or an
//! online link, optionally about a funding call), each booked by one person with a
//! confirmation mail (the time attached as iCalendar) and a private link to cancel; a reminder
//! the day before; the coordinator's page of times and bookings, every change audited.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod store;

/// The reminders the server task queues the day before.
#[cfg(feature = "ssr")]
pub use store::remind;

use serde::{Deserialize, Serialize};

/// Where a booking stands. Stored as its lowercase name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum BookingStatus {
    #[default]
    Booked,
    Cancelled,
}

/// A free consultation time, as the public page offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSlot {
    pub id: i64,
    /// RFC 3339 UTC.
    pub starts_at: String,
    /// "10:00–10:45".
    pub time: String,
    pub place: Option<String>,
    pub online: bool,
    /// The funding call it is about: its slug and title in the page's language.
    pub call: Option<(String, String)>,
}

/// The free times of one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotDay {
    /// "neljapäev, 10.12.2026".
    pub label: String,
    pub slots: Vec<FreeSlot>,
}

/// A booking as its private page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub name: String,
    /// "10.12.2026 10:00–10:45 (Tallinn time, EET)".
    pub when: String,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub question: Option<String>,
    pub status: BookingStatus,
    /// Over, or about to start: no longer cancelled here.
    pub is_past: bool,
}

/// A consultation time on the coordinator's page, with its booking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSlot {
    pub id: i64,
    pub starts_at: String,
    pub when: String,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub call: Option<String>,
    pub cancelled: bool,
    pub booking: Option<AdminBooking>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminBooking {
    pub id: i64,
    pub name: String,
    pub organisation: Option<String>,
    pub email: String,
    pub question: Option<String>,
}

/// The coordinator's new consultation times: from `time` on `date`, `count` times of
/// `minutes` one after another (with `gap` minutes between), at a place or online.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SlotForm {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, Tallinn time.
    pub time: String,
    pub minutes: String,
    pub count: String,
    pub gap: String,
    pub place: String,
    pub online_url: String,
    /// A funding call's slug (empty: none).
    pub call: String,
}
