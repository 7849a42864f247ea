//! An edition's first draft, from what the platform knows: the coming events of the next weeks
//! (trainings apart) with their places left, the funding calls opening or closing in those
//! weeks, and the directory entries published since the last edition, each a short item in
//! every language with its link.

/// A directory entry published since the last edition.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewEntry {
    pub name: String,
    pub slug: String,
    pub description_et: Option<String>,
    pub description_ru: Option<String>,
    pub description_en: Option<String>,
}

use crate::events::model::{CalendarEvent, occurrences_between};
use crate::funding::CallStatus;
use crate::funding::model::Call;
use crate::i18n::Lang;
use crate::newsletter::{EditionForm, Item, ThreeLangs, Topic};
use crate::shared::text::shorten;
use crate::shared::time::format_span_zoned;
use jiff::{SignedDuration, Timestamp};

/// How far ahead the draft looks for events.
pub const WEEKS_AHEAD: i64 = 6;
/// The most events, and the most new entries, a draft lists.
pub const MOST_EVENTS: usize = 20;
pub const MOST_ENTRIES: u32 = 20;
/// How far back new entries are looked for before the first edition.
const FIRST_EDITION_DAYS: i64 = 31;
/// The longest description quoted for a new entry.
const DESCRIPTION_CHARS: usize = 240;

/// A coming occurrence of an event, with its places (capacity, left) when it has a limit.
pub struct Coming<'a> {
    pub event: &'a CalendarEvent,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub places: Option<(i64, i64)>,
}

/// The draft at `now` of the `coming` events, the funding `calls` and the `entries` new since
/// the last edition.
pub fn form(
    coming: &[Coming<'_>],
    calls: &[Call],
    entries: &[NewEntry],
    now: Timestamp,
) -> EditionForm {
    let mut items: Vec<Item> = coming.iter().map(event_item).collect();
    items.extend(funding_items(calls, now));
    items.extend(entries.iter().map(entry_item));
    let mut form = EditionForm {
        items,
        ..EditionForm::default()
    };
    let date = now
        .to_zoned(crate::shared::time::tallinn())
        .strftime("%Y-%m-%d")
        .to_string();
    for lang in Lang::ALL {
        let texts = &lang.texts().newsletter;
        form.subject
            .set(lang, format!("{} {date}", texts.default_subject));
        form.intro.set(lang, texts.draft_intro.to_owned());
    }
    form
}

/// Since when new entries count before the first edition: a month before `now`.
pub fn first_since(now: Timestamp) -> String {
    (now - SignedDuration::from_hours(24 * FIRST_EDITION_DAYS))
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The published, not cancelled occurrences of the next weeks, soonest first.
pub fn coming(
    events: &[CalendarEvent],
    now: Timestamp,
) -> Vec<(&CalendarEvent, Timestamp, Timestamp)> {
    let until = now + SignedDuration::from_hours(24 * 7 * WEEKS_AHEAD);
    occurrences_between(events, now, until)
        .into_iter()
        .filter(|(event, occurrence)| {
            event.status == crate::events::EventStatus::Published && !occurrence.cancelled
        })
        .take(MOST_EVENTS)
        .map(|(event, occurrence)| (event, occurrence.starts_at, occurrence.ends_at))
        .collect()
}

fn event_item(coming: &Coming<'_>) -> Item {
    let Coming {
        event,
        starts_at,
        ends_at,
        places,
    } = *coming;
    let mut title = ThreeLangs::default();
    let mut text = ThreeLangs::default();
    for lang in Lang::ALL {
        if let Some(own) = event.title.get(lang) {
            title.set(lang, own.to_owned());
        }
        let events = &lang.texts().events;
        let mut facts = vec![format_span_zoned(starts_at, ends_at, event.all_day, lang)];
        let place = match (&event.venue, &event.municipality) {
            (Some(venue), Some(municipality)) => {
                Some(format!("{venue}, {}", municipality.get(lang)))
            }
            (Some(venue), None) => Some(venue.clone()),
            (None, Some(municipality)) => Some(municipality.get(lang).clone()),
            (None, None) => None,
        };
        facts.extend(place);
        if event.online_url.is_some() {
            facts.push(events.online.to_owned());
        }
        if let Some((capacity, left)) = places {
            facts.push(
                events
                    .places_left
                    .replace("{left}", &left.max(0).to_string())
                    .replace("{capacity}", &capacity.to_string()),
            );
        }
        text.set(lang, facts.join(" · "));
    }
    Item {
        topic: if event.type_code == "training" {
            Topic::Trainings
        } else {
            Topic::Events
        },
        link: format!("/events/{}", event.slug),
        title,
        text,
    }
}

/// The public calls whose next deadline falls in the next weeks (open ones), or which open in
/// them (announced ones), nearest first.
fn funding_items(calls: &[Call], now: Timestamp) -> Vec<Item> {
    let until = now + SignedDuration::from_hours(24 * 7 * WEEKS_AHEAD);
    let today = crate::shared::time::local(now).date();
    let last_day = crate::shared::time::local(until).date();
    let mut soon: Vec<(Timestamp, &Call)> = calls
        .iter()
        .filter_map(|call| {
            let deadline = call.coming(now).first().map(|(_, at)| *at);
            match call.status {
                CallStatus::Open => deadline.filter(|at| *at <= until).map(|at| (at, call)),
                CallStatus::Forecast => call
                    .opens_on
                    .filter(|opens| (today..=last_day).contains(opens))
                    .map(|opens| (crate::shared::time::start_of_day(opens), call)),
                _ => None,
            }
        })
        .collect();
    soon.sort_by_key(|(at, _)| *at);
    soon.into_iter()
        .take(MOST_EVENTS)
        .map(|(_, call)| funding_item(call, now))
        .collect()
}

fn funding_item(call: &Call, now: Timestamp) -> Item {
    let mut title = ThreeLangs::default();
    let mut text = ThreeLangs::default();
    for lang in Lang::ALL {
        if let Some(own) = call.title.get(lang) {
            title.set(lang, own.to_owned());
        }
        let texts = &lang.texts().funding;
        let mut facts = vec![call.funder.clone()];
        match (call.status, call.coming(now).first()) {
            (CallStatus::Forecast, _) => {
                if let Some(opens) = call.opens_on {
                    facts.push(format!("{} {}", texts.opens, opens.strftime("%d.%m.%Y")));
                }
            }
            (_, Some((wall, at))) => facts.push(format!(
                "{} {}",
                texts.deadline,
                crate::funding::view::until(*wall, *at, lang)
            )),
            _ => {}
        }
        facts.extend(crate::funding::view::amount(
            call.amount_min,
            call.amount_max,
            lang,
        ));
        text.set(lang, facts.join(" · "));
    }
    Item {
        topic: Topic::Funding,
        link: format!("/funding/{}", call.slug),
        title,
        text,
    }
}

fn entry_item(entry: &NewEntry) -> Item {
    let mut title = ThreeLangs::default();
    let mut text = ThreeLangs::default();
    for (lang, description) in [
        (Lang::Et, &entry.description_et),
        (Lang::Ru, &entry.description_ru),
        (Lang::En, &entry.description_en),
    ] {
        title.set(lang, entry.name.clone());
        if let Some(description) = description {
            text.set(lang, shorten(description.trim(), DESCRIPTION_CHARS));
        }
    }
    Item {
        topic: Topic::Members,
        link: format!("/directory/{}", entry.slug),
        title,
        text,
    }
}
