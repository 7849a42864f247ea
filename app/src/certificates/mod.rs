//! Certificates of attendance. The coordinator issues them at once to everyone marked present
//! at an event; each attendee downloads theirs as a PDF in any of the three languages from
//! their private page; the PDF prints a link (and its QR code) to a public page that shows the
//! certificate is genuine.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod store;

use crate::i18n::Lang;
use crate::shared::Localized;
use serde::{Deserialize, Serialize};

/// A certificate as its page and PDF show it, in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub code: String,
    pub name: String,
    pub event_title: Localized,
    /// The event's dates and times, in Tallinn time.
    pub when: String,
    /// "3" or "1,5": hours of the event (none for an all-day event).
    pub hours: Option<String>,
    pub organiser: String,
    pub issued_on: String,
}

/// Where a certificate's PDF in `lang` is downloaded.
pub fn pdf_path(code: &str, lang: Lang) -> String {
    format!("/certificates/{code}-{lang}.pdf")
}

/// Where a certificate is shown to be genuine.
pub fn verify_path(code: &str, lang: Lang) -> String {
    format!("/{lang}/certificates/{code}")
}
