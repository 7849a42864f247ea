//! The cluster's newsletter. People subscribe at `/{lang}/newsletter` with their language and
//! topics and confirm by a mailed link (double opt-in); every mail carries their own signed
//! link to change or end the subscription, and the one-click unsubscribe of RFC 8058. The
//! coordinator drafts an edition from the calendar and the directory, edits it per language,
//! previews and tests it, and sends it now or at a time: each confirmed subscriber gets it in
//! their language with only their topics, through the outbox (paused, resumed, and sent once
//! per subscriber across restarts). Sent editions are archived per language with an Atom feed.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod atom;
#[cfg(feature = "ssr")]
pub mod draft;
#[cfg(feature = "ssr")]
pub mod letter;
#[cfg(feature = "ssr")]
pub mod signing;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use letter::Letter;
#[cfg(feature = "ssr")]
pub use store::{Writer, remind_funding};

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// What a subscriber may choose to hear about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    Events,
    Trainings,
    Funding,
    Members,
}

impl Topic {
    pub const ALL: [Topic; 4] = [Self::Events, Self::Trainings, Self::Funding, Self::Members];

    /// The topic as forms, URLs and the database have it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Events => "events",
            Self::Trainings => "trainings",
            Self::Funding => "funding",
            Self::Members => "members",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|topic| topic.code() == code)
    }

    /// Its bit in a set of topics.
    pub fn bit(self) -> i64 {
        1 << (self as u32)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().newsletter;
        match self {
            Self::Events => texts.topic_events,
            Self::Trainings => texts.topic_trainings,
            Self::Funding => texts.topic_funding,
            Self::Members => texts.topic_members,
        }
    }
}

/// A set of topics, as the database keeps it (one bit each).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topics(pub i64);

impl Topics {
    pub const EVERY: Topics = Topics(15);

    pub fn of(topics: impl IntoIterator<Item = Topic>) -> Self {
        Topics(topics.into_iter().fold(0, |set, topic| set | topic.bit()))
    }

    pub fn has(self, topic: Topic) -> bool {
        self.0 & topic.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 & Self::EVERY.0 == 0
    }

    pub fn list(self) -> Vec<Topic> {
        Topic::ALL
            .into_iter()
            .filter(|topic| self.has(*topic))
            .collect()
    }
}

/// Where a subscriber is. `Bouncing` is a confirmed subscriber whose address the mail server
/// refused for good: editions skip it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubscriberStatus {
    Pending,
    Confirmed,
    Unsubscribed,
    Bouncing,
}

impl SubscriberStatus {
    pub const ALL: [SubscriberStatus; 4] = [
        Self::Pending,
        Self::Confirmed,
        Self::Unsubscribed,
        Self::Bouncing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Unsubscribed => "unsubscribed",
            Self::Bouncing => "bouncing",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().newsletter;
        match self {
            Self::Pending => texts.status_pending,
            Self::Confirmed => texts.status_confirmed,
            Self::Unsubscribed => texts.status_unsubscribed,
            Self::Bouncing => texts.status_bouncing,
        }
    }
}

/// A subscription as its subscriber sees it behind their link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub email: String,
    pub lang: Lang,
    pub topics: Topics,
    pub status: SubscriberStatus,
    /// The sectors whose funding deadlines they are reminded of (none: every sector).
    pub sectors: Vec<String>,
    /// Every sector, labelled in the page's language, to choose from.
    pub sector_choices: Vec<crate::shared::Labelled>,
}

/// A subscriber in the coordinator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriberLine {
    pub id: i64,
    pub email: String,
    pub lang: Lang,
    pub topics: Topics,
    pub status: SubscriberStatus,
    /// Tallinn time, to the minute.
    pub since: String,
}

/// The coordinator's view of the subscribers: counts of the confirmed by language and by
/// topic, counts by state, and the latest subscribers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscribers {
    pub by_status: Vec<(SubscriberStatus, i64)>,
    pub by_lang: Vec<(Lang, i64)>,
    pub by_topic: Vec<(Topic, i64)>,
    pub latest: Vec<SubscriberLine>,
}

/// The most subscribers the coordinator's page lists.
pub const LISTED: u32 = 100;

/// Where an edition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum EditionStatus {
    Draft,
    Scheduled,
    Sending,
    Paused,
    Sent,
}

impl EditionStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().newsletter;
        match self {
            Self::Draft => texts.edition_draft,
            Self::Scheduled => texts.edition_scheduled,
            Self::Sending => texts.edition_sending,
            Self::Paused => texts.edition_paused,
            Self::Sent => texts.edition_sent,
        }
    }
}

/// A text in each language, as the coordinator edits it (empty when not written).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreeLangs {
    #[serde(default)]
    pub et: String,
    #[serde(default)]
    pub ru: String,
    #[serde(default)]
    pub en: String,
}

impl ThreeLangs {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Et => &self.et,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    pub fn set(&mut self, lang: Lang, text: String) {
        match lang {
            Lang::Et => self.et = text,
            Lang::Ru => self.ru = text,
            Lang::En => self.en = text,
        }
    }

    /// The text in `wanted`, else as content falls back (Estonian, English, Russian), with
    /// the language it is really in.
    pub fn show(&self, wanted: Lang) -> Option<(&str, Lang)> {
        std::iter::once(wanted)
            .chain(Lang::CONTENT_FALLBACK)
            .find_map(|lang| {
                let text = self.get(lang).trim();
                (!text.is_empty()).then_some((text, lang))
            })
    }
}

/// One item of an edition: under a topic, with a link, a title and a text (Markdown).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub topic: Topic,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub title: ThreeLangs,
    #[serde(default)]
    pub text: ThreeLangs,
}

/// An edition's content as the coordinator edits it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionForm {
    #[serde(default)]
    pub subject: ThreeLangs,
    #[serde(default)]
    pub intro: ThreeLangs,
    #[serde(default)]
    pub items: Vec<Item>,
}

/// The most items an edition has.
pub const MOST_ITEMS: usize = 60;

/// An edition's messages by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub total: i64,
    pub sent: i64,
    pub failed: i64,
    /// Not sent because the subscriber left meanwhile.
    pub cancelled: i64,
}

/// An edition as the coordinator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionPanel {
    pub id: i64,
    pub number: Option<i64>,
    pub status: EditionStatus,
    pub form: EditionForm,
    /// When it is to be sent, Tallinn time (`YYYY-MM-DD HH:MM`).
    pub send_at: Option<String>,
    pub progress: Progress,
    /// Confirmed subscribers it would go to now, by language.
    pub audience: Vec<(Lang, i64)>,
}

/// An edition in the coordinator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionLine {
    pub id: i64,
    pub number: Option<i64>,
    pub status: EditionStatus,
    pub subject: String,
    /// Tallinn time, to the minute: sent, or last changed.
    pub when: String,
}

/// A sent edition in the public archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveLine {
    pub number: i64,
    pub subject: String,
    /// Tallinn date.
    pub date: String,
}

/// A sent edition as the archive shows it: its HTML (written by the server from Markdown,
/// raw HTML escaped) and whether parts of it are in another language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivedEdition {
    pub number: i64,
    pub subject: String,
    pub date: String,
    pub html: String,
    pub fallback: bool,
}
