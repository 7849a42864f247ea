//! Funding opportunities: a board of calls for applications with real deadlines (Tallinn
//! wall-clock minutes, single, several, or made by a rule that moves them past weekends and
//! public holidays), matched to the directory's entries, with its own calendar feed; and the
//! coordinator's pages that keep it.

pub mod api;
pub mod form;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod atom;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod deadlines;
#[cfg(feature = "ssr")]
pub mod holidays;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod model;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod view;

/// What other features use of the board on the server.
#[cfg(feature = "ssr")]
pub use store::FundingCache;
#[cfg(feature = "ssr")]
pub use view::{calls_for, deadlines_between};

use crate::i18n::Lang;
use crate::shared::{FieldProblem, Labelled, Localized};
use form::CallForm;
use serde::{Deserialize, Serialize};

/// Where a call stands: a draft only the coordinator sees; announced but not open yet
/// (forecast); open; paused (oversubscribed, may reopen); closed. Stored as its lowercase name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum CallStatus {
    #[default]
    Draft,
    Forecast,
    Open,
    Paused,
    Closed,
}

impl CallStatus {
    pub const ALL: [CallStatus; 5] = [
        Self::Draft,
        Self::Forecast,
        Self::Open,
        Self::Paused,
        Self::Closed,
    ];
    /// What the public board shows and filters by.
    pub const PUBLIC: [CallStatus; 4] = [Self::Forecast, Self::Open, Self::Paused, Self::Closed];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Forecast => "forecast",
            Self::Open => "open",
            Self::Paused => "paused",
            Self::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().funding;
        match self {
            Self::Draft => texts.draft,
            Self::Forecast => texts.forecast,
            Self::Open => texts.open,
            Self::Paused => texts.paused,
            Self::Closed => texts.closed,
        }
    }
}

/// The board as the URL carries it, unvalidated: the server keeps what it understands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FundingQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// EUR an applicant needs at least: calls whose most is lower are left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// A directory entry's slug: only the calls it may apply to.
    #[serde(default, rename = "for", skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// An organisation's name as typed, looked up with the directory's own search to choose
    /// the entry for `for`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// `past` for the calls over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl FundingQuery {
    pub fn is_past(&self) -> bool {
        self.when.as_deref() == Some("past")
    }

    /// The list's page, from 1; anything unreadable is the first.
    pub fn page_number(&self) -> usize {
        self.page
            .as_deref()
            .and_then(|page| page.parse().ok())
            .filter(|page| (1..=10_000).contains(page))
            .unwrap_or(1)
    }

    /// This board's URL with `change` applied.
    pub fn href(&self, lang: Lang, change: impl FnOnce(&mut FundingQuery)) -> String {
        let mut query = self.clone();
        change(&mut query);
        match serde_urlencoded::to_string(&query).unwrap_or_default() {
            query if query.is_empty() => format!("/{lang}/funding"),
            query => format!("/{lang}/funding?{query}"),
        }
    }

    /// The deadlines of this board's sector as an iCalendar subscription.
    pub fn feed_href(&self, lang: Lang) -> String {
        let mut pairs = vec![("lang", lang.code().to_owned())];
        if let Some(sector) = &self.sector {
            pairs.push(("sector", sector.clone()));
        }
        format!(
            "/funding.ics?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

/// A deadline as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// RFC 3339 UTC, for `<time datetime>`.
    pub at: String,
    /// "22.02.2027 kuni 23:59 (EET)".
    pub until: String,
    /// Whole days left in Tallinn: 0 on the day itself.
    pub days_left: i64,
}

/// One call as a line of the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallCard {
    pub slug: String,
    pub title: Localized,
    pub funder: String,
    pub programme: Option<String>,
    pub status: CallStatus,
    pub next_deadline: Option<Deadline>,
    /// Open with a deadline within 14 days.
    pub closing_soon: bool,
    /// "5 000 – 20 000 €".
    pub amount: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingView {
    /// The query as understood: unknown filter values removed.
    pub query: FundingQuery,
    pub cards: Vec<CallCard>,
    pub total: usize,
    pub has_more: bool,
    pub sectors: Vec<Labelled>,
    pub kinds: Vec<Labelled>,
    pub municipalities: Vec<Labelled>,
    /// The entry "calls for this organisation" names, by its name.
    pub entry: Option<Labelled>,
    /// The entries the directory's search finds for `org`, to choose from.
    pub entry_choices: Vec<Labelled>,
}

/// One call's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallPage {
    pub slug: String,
    pub title: Localized,
    pub summary: Localized,
    pub funder: String,
    /// The funder's public profile in the directory.
    pub funder_slug: Option<String>,
    pub programme: Option<String>,
    pub status: CallStatus,
    /// The next deadlines (at most 4); empty when none is left.
    pub deadlines: Vec<Deadline>,
    /// The rule in words, when the deadlines come from one.
    pub rule: Option<String>,
    /// The opening date, when it is still to come.
    pub opens: Option<String>,
    /// Empty: any kind; any sector; all of Estonia.
    pub kinds: Vec<String>,
    pub sectors: Vec<String>,
    pub municipalities: Vec<String>,
    pub amount: Option<String>,
    pub self_financing: Option<i64>,
    pub url: Option<String>,
    pub contact: Option<String>,
    /// The Tallinn date of the last change.
    pub updated: String,
    /// schema.org MonetaryGrant as JSON, safe inside `<script>`.
    pub json_ld: String,
}

/// A deadline beside the events of the calendar page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineMark {
    /// `2027-02-22`, the Tallinn date.
    pub date: String,
    pub slug: String,
    pub title: Localized,
    /// "22.02.2027 kuni kell 23:59 (EET)".
    pub until: String,
}

/// A call an entry may apply to, for its profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallLink {
    pub slug: String,
    pub title: Localized,
    pub next_deadline: Option<Deadline>,
}

/// One call in the coordinator's table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCallRow {
    pub id: i64,
    pub slug: String,
    pub title: Localized,
    pub funder: String,
    pub status: CallStatus,
    pub next_deadline: Option<Deadline>,
}

/// The form of a new call (blank, or a copy of call `from` for its next round) or of call
/// `id`, with the choices it offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallEditor {
    pub id: Option<i64>,
    pub slug: Option<String>,
    pub status: CallStatus,
    /// The SEQUENCE the form was read at; a save checks nobody saved in between.
    pub sequence: Option<i64>,
    pub form: CallForm,
    pub kinds: Vec<Labelled>,
    pub sectors: Vec<Labelled>,
    pub municipalities: Vec<Labelled>,
}

/// The form checked as the coordinator types: every refused field, or the page it would make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallCheck {
    pub problems: Vec<FieldProblem>,
    pub preview: Option<CallPage>,
}

/// What importing a file of calls does (or did, when `imported`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallsImport {
    /// The calls the file adds.
    pub count: usize,
    /// The titles of the first of them, to recognise the file by.
    pub titles: Vec<String>,
    pub problems: Vec<crate::shared::ImportProblem>,
    pub imported: bool,
    /// A confirmation came for another count than the file gives now: nothing was written.
    pub changed: bool,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedCall {
    pub id: i64,
    pub slug: String,
    pub status: CallStatus,
    pub sequence: i64,
}
