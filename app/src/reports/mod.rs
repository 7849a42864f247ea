//! Reports for funders: for a period (and, if chosen, one type of event), the events held and
//! their hours, and who took part, counted once: people by email, enterprises by their
//! directory entry (else by the name they gave). Broken down by event type, month, and the
//! municipality, sector, kind and size of the participants' organisations, as SVG bar charts that
//! print and need no JavaScript, and as CSV with the same figures.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod map;
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
    /// Registrants are asked the funder's questions (`registrations::facts`).
    pub asks_facts: bool,
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
    /// `type`, `month`, `municipality`, `sector`, `kind`, `size`: in the CSV.
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// People by the municipality of their organisation, on a map (when any is counted).
    pub map: Option<AreaMap>,
    /// The answers to the funder's questions, when anyone present gave some.
    pub participants: Option<Participants>,
}

/// The funder's questions (`registrations::facts`) answered by the people present, as totals
/// that may be reported: any under five hidden (`None`), and no hidden one to be worked out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participants {
    /// People who answered anything, when five or more.
    pub respondents: Option<i64>,
    pub questions: Vec<Totals>,
}

/// One question's totals: each answer, then "not answered".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// `gender`, `age_band`, `employment`: in the CSV.
    pub code: String,
    pub title: String,
    pub counts: Vec<(String, Option<i64>)>,
}

/// A map of Estonia's counties and Ida-Viru's municipalities, each shaded by a count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaMap {
    pub width: u32,
    pub height: u32,
    /// The box (x, y, width, height) around Ida-Viru county, drawn enlarged beside the map.
    pub inset: [u32; 4],
    pub areas: Vec<MapArea>,
    pub legend: Vec<Shade>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapArea {
    pub label: String,
    pub value: i64,
    /// 0 for none, 1 to 5 by its share of the largest.
    pub shade: u8,
    /// Its outline, as SVG path data.
    pub path: String,
    /// Where its number is written.
    pub at: (f32, f32),
    /// Within the enlarged box: its number is written there, not on the whole map.
    pub in_inset: bool,
}

/// A shade of the map and the counts it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shade {
    pub shade: u8,
    pub least: i64,
    pub most: i64,
}
