use crate::error::AppError;
use crate::i18n::Lang;
use crate::shared::Localized;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub organisations: i64,
    pub members: i64,
    pub places: i64,
    pub upcoming_events: i64,
    pub next_events: Vec<EventCard>,
}

/// An event as a short card, with its time already written out in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCard {
    pub slug: String,
    pub title: Localized,
    pub type_label: String,
    /// RFC 3339 UTC, for `<time datetime>`.
    pub starts_at: String,
    pub when: String,
    pub place: Option<String>,
    pub is_online: bool,
    pub is_cancelled: bool,
}

#[server(prefix = "/api", endpoint = "home-overview", input = GetUrl)]
pub async fn get_home_overview(lang: Lang) -> Result<HomeOverview, AppError> {
    use crate::{platform, shared::time::format_start};
    const NEXT_EVENTS_SHOWN: usize = 3;

    let pool = platform::pool()?;
    let now = jiff::Timestamp::now();
    let calendar = crate::events::calendar()?.current(&pool).await?;
    let vocabulary = platform::vocabulary()?;
    let directory = platform::context::<crate::directory::DirectoryCache>("the directory cache")?
        .current(&pool, &vocabulary)
        .await?;
    // From what the server keeps in memory: nothing here counts rows per request.
    let (organisations, members, places) = directory.figures();
    let next = calendar.next(now, NEXT_EVENTS_SHOWN);
    let next_events = next
        .into_iter()
        .map(|event| EventCard {
            starts_at: platform::db::db_time(event.starts_at),
            when: format_start(event.starts_at, event.all_day, lang),
            place: match (event.venue, event.municipality) {
                (Some(venue), Some(municipality)) => {
                    Some(format!("{venue}, {}", municipality.get(lang)))
                }
                (venue, municipality) => venue.or(municipality.map(|m| m.get(lang).clone())),
            },
            type_label: event.type_label.get(lang).clone(),
            slug: event.slug,
            title: event.title,
            is_online: event.is_online,
            is_cancelled: event.is_cancelled,
        })
        .collect();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    Ok(HomeOverview {
        organisations: count(organisations),
        members: count(members),
        places: count(places),
        upcoming_events: calendar.count_upcoming(now),
        next_events,
    })
}
