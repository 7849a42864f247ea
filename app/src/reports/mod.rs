//! Reports for funders: for a period (and, if chosen, one type of event), the events held and
//! their hours, and who took part, counted once: people by email, enterprises by their
//! directory entry (else by the name they gave). Broken down by event type, month, and the
//! municipality, sector and kind of the participants' organisations, as SVG bar charts that
//! print and need no JavaScript, and as CSV with the same figures.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tally;

use crate::shared::Labelled;
use serde::{Deserialize, Serialize};

/// The report as the URL carries it: `from` and `to` (`YYYY-MM-DD`, inclusive; this year by
/// default) and an event type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default, rename = "type")]
    pub event_type: Option<String>,
    /// Only the events tagged with this programme or funder.
    #[serde(default)]
    pub programme: Option<String>,
}

/// The longest programme or funder tag, in characters.
pub const PROGRAMME_CHARS: usize = 100;

/// An event's programme tag and the tags already in use, for the event's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeTag {
    pub programme: Option<String>,
    pub known: Vec<String>,
}

impl ReportQuery {
    /// The query string of this report (for its CSV link).
    pub fn query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

/// One bar: what it counts and how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: i64,
}

/// One breakdown, its bars largest first (months in order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// `type`, `month`, `municipality`, `sector`, `kind`: in the CSV.
    pub code: String,
    pub title: String,
    pub bars: Vec<Bar>,
}

/// The dashboard's pictures: the last 12 months of registrations and attendance, and the
/// published directory by sector and municipality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardCharts {
    pub registered: Vec<Bar>,
    pub attended: Vec<Bar>,
    pub sectors: Vec<Bar>,
    pub municipalities: Vec<Bar>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The period as understood (`YYYY-MM-DD`).
    pub from: String,
    pub to: String,
    pub event_type: Option<String>,
    pub types: Vec<Labelled>,
    pub programme: Option<String>,
    /// The programme tags in use, to choose from.
    pub programmes: Vec<String>,
    pub events_held: i64,
    /// Hours of the events held (all-day events not counted), to one decimal.
    pub hours: String,
    pub registrations: i64,
    /// People marked present, each once.
    pub people: i64,
    /// Their organisations, each once.
    pub enterprises: i64,
    pub breakdowns: Vec<Breakdown>,
}
