//! The public calendar: upcoming and past events as a list grouped by month, a month grid, and
//! one event's page. Series are expanded into their occurrences on the server.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::shared::Labelled;
use crate::shared::Localized;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The calendar as the URL carries it, unvalidated: the server keeps what it understands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventsQuery {
    /// `month` for the grid; anything else is the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// `YYYY-MM` of the grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// `past` for the events already over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Page of the list, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl EventsQuery {
    pub fn is_month(&self) -> bool {
        self.view.as_deref() == Some("month")
    }

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

    /// This calendar's URL with `change` applied.
    pub fn href(&self, lang: Lang, change: impl FnOnce(&mut EventsQuery)) -> String {
        let mut query = self.clone();
        change(&mut query);
        match serde_urlencoded::to_string(&query).unwrap_or_default() {
            query if query.is_empty() => format!("/{lang}/events"),
            query => format!("/{lang}/events?{query}"),
        }
    }

    /// The same filters as an iCalendar subscription.
    pub fn feed_href(&self, lang: Lang) -> String {
        let mut pairs = vec![("lang", lang.code().to_owned())];
        for (key, value) in [
            ("type", &self.event_type),
            ("municipality", &self.municipality),
            ("language", &self.language),
        ] {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        format!(
            "/calendar.ics?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

/// One occurrence as a line of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceCard {
    pub event_id: i64,
    pub slug: String,
    pub title: Localized,
    pub type_label: String,
    /// RFC 3339 UTC, for `<time datetime>`.
    pub starts_at: String,
    /// "3.12.2026 17:00–19:00", in Tallinn time.
    pub when: String,
    /// "17:00" (empty for all-day events), for the month grid.
    pub time: String,
    pub place: Option<String>,
    pub is_online: bool,
    pub is_cancelled: bool,
    /// Moved from its usual date in its series.
    pub is_moved: bool,
    /// Not public yet (only the coordinator's month view shows drafts).
    pub is_draft: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthGroup {
    /// "detsember 2026".
    pub label: String,
    pub occurrences: Vec<OccurrenceCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCell {
    /// `2026-12-03`.
    pub date: String,
    pub day: i8,
    /// "Thu 3 Dec 2026", for the agenda a narrow screen shows.
    pub label: String,
    pub in_month: bool,
    pub is_today: bool,
    pub occurrences: Vec<OccurrenceCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthGrid {
    /// `2026-12`.
    pub month: String,
    pub label: String,
    /// The months before and after, unless they are outside the calendar's years.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Monday to Sunday.
    pub weeks: Vec<Vec<DayCell>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsView {
    pub query: EventsQuery,
    pub types: Vec<Labelled>,
    pub municipalities: Vec<Labelled>,
    /// The list, by month (empty for the grid): one page of it.
    pub groups: Vec<MonthGroup>,
    /// Whether the list goes on after this page.
    pub has_more: bool,
    pub grid: Option<MonthGrid>,
}

#[server(prefix = "/api", endpoint = "events", input = GetUrl)]
pub async fn get_events(lang: Lang, query: EventsQuery) -> Result<EventsView, AppError> {
    let pool = crate::platform::pool()?;
    let calendar = crate::events::calendar()?;
    ssr::events_view(&pool, &calendar, lang, query, jiff::Timestamp::now()).await
}

/// One event's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    pub slug: String,
    pub title: Localized,
    pub description: Localized,
    pub type_code: String,
    pub type_label: String,
    /// The next occurrence (or the last, when all are over), in Tallinn time with the zone.
    pub when: String,
    pub starts_at: String,
    pub ends_at: String,
    pub is_past: bool,
    /// A series: its coming dates, with moved and cancelled ones marked.
    pub upcoming_dates: Vec<OccurrenceCard>,
    pub is_series: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub municipality: Option<Labelled>,
    /// An OpenStreetMap search for the address.
    pub map_url: Option<String>,
    pub online_url: Option<String>,
    pub organiser: Option<String>,
    pub organiser_slug: Option<String>,
    pub languages: Vec<String>,
    pub capacity: Option<i64>,
    pub places_left: Option<i64>,
    pub registration: String,
    pub registration_deadline: Option<String>,
    /// The form is shown: registration open, before its deadline and the start.
    pub takes_registrations: bool,
    pub is_cancelled: bool,
    /// schema.org Event as JSON, safe inside `<script>`.
    pub json_ld: String,
}

#[server(prefix = "/api", endpoint = "event", input = GetUrl)]
pub async fn get_event(lang: Lang, slug: String) -> Result<EventPage, AppError> {
    if !crate::shared::identifiers::is_slug(&slug) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let origin = use_context::<crate::components::frame::SiteOrigin>()
        .map(|o| o.0)
        .unwrap_or_default();
    let calendar = crate::events::calendar()?;
    ssr::event_page(
        &pool,
        &calendar,
        lang,
        &slug,
        &origin,
        jiff::Timestamp::now(),
    )
    .await
    .map_err(|e| AppError::internal("loading an event", e))?
    .ok_or(AppError::NotFound)
}

/// A registration received. Whether the registrant got a place, a place on the waiting list,
/// or was registered already, is told to them by mail with their private link, never in the
/// answer, so that no one can learn from it who is registered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    /// Where the confirmation went, for the registrant to see a typo.
    pub email: String,
}

/// Registers for a published event that takes registrations. Past its capacity the registrant
/// goes on the waiting list; the same email twice changes nothing. A plain form post (no
/// JavaScript yet) is sent back to the event, told that the registration was received or why
/// not.
#[server(prefix = "/api", endpoint = "register")]
pub async fn register(
    lang: Lang,
    slug: String,
    name: String,
    email: String,
    organisation: Option<String>,
    consent: Option<String>,
    website: Option<String>,
) -> Result<Registered, AppError> {
    // The form's hidden trap field: people leave it empty, form-filling robots do not.
    if website.is_some_and(|typed| !typed.is_empty()) {
        return Err(AppError::BadRequest("refused".to_owned()));
    }
    let outcome = ssr::register(lang, &slug, &name, &email, organisation, consent).await;
    if crate::platform::request::is_plain_form_post() && crate::shared::identifiers::is_slug(&slug)
    {
        let back = format!("/{lang}/events/{slug}");
        match &outcome {
            Ok(_) => leptos_axum::redirect(&format!("{back}?{REGISTERED}=1#register-heading")),
            Err(AppError::Invalid { problem, .. }) => leptos_axum::redirect(&format!(
                "{back}?{REGISTER_PROBLEM}={}#register-heading",
                problem.code()
            )),
            _ => {}
        }
    }
    outcome
}

/// The query parameters that bring a plain form's answer back to the event page.
pub const REGISTER_PROBLEM: &str = "register_problem";
pub const REGISTERED: &str = "registered";

/// What a registrant's private link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub event_slug: String,
    pub event_title: Localized,
    pub when: String,
    pub name: String,
    /// `confirmed`, `waiting` or `cancelled`.
    pub status: String,
}

#[server(prefix = "/api", endpoint = "registration", input = GetUrl)]
pub async fn get_registration(lang: Lang, token: String) -> Result<RegistrationView, AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let failed = |e| AppError::internal("loading a registration", e);
    let registration = crate::registrations::store::by_token(&pool, &token)
        .await
        .map_err(failed)?
        .ok_or(AppError::NotFound)?;
    let event = crate::events::store::public_event(
        &pool,
        &crate::events::calendar()?,
        &registration.event_slug,
    )
    .await
    .map_err(failed)?
    .ok_or(AppError::NotFound)?;
    Ok(RegistrationView {
        event_slug: event.slug.clone(),
        event_title: event.title.clone(),
        when: crate::shared::tallinn::format_span(
            event.starts_at,
            event.ends_at,
            event.all_day,
            lang,
        ),
        name: registration.name,
        status: registration.status,
    })
}

/// Cancels the registration behind the private link; the first person waiting moves up.
#[server(prefix = "/api", endpoint = "registration/cancel")]
pub async fn cancel_registration(token: String) -> Result<(), AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::invalid(
            "token",
            crate::error::Problem::UnknownRegistration,
        ));
    }
    let pool = crate::platform::pool()?;
    crate::registrations::store::cancel(&pool, &token).await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::events::series::Occurrence;
    use crate::events::store::{
        CalendarCache, CalendarEvent, EventFilter, HORIZON, occurrences_between, public_event,
    };
    use crate::platform::db::db_time;
    use crate::shared::identifiers::is_slug;
    use crate::shared::tallinn::{format_span, format_start, tallinn};
    use crate::shared::time::{Month, start_of_day};
    use jiff::{SignedDuration, Timestamp, ToSpan, civil::Date};
    use sqlx::SqlitePool;

    pub async fn register(
        lang: Lang,
        slug: &str,
        name: &str,
        email: &str,
        organisation: Option<String>,
        consent: Option<String>,
    ) -> Result<Registered, AppError> {
        use crate::error::Problem;
        use crate::registrations::store::{
            PublicRegistration, RegistrationForCreate, register_public,
        };
        use crate::shared::text::clean_line;
        const MAX_CHARS: usize = 200;

        if !crate::shared::identifiers::is_slug(slug) {
            return Err(AppError::NotFound);
        }
        let pool = crate::platform::pool()?;
        let event = crate::events::store::public_event(&pool, &crate::events::calendar()?, slug)
            .await
            .map_err(|e| AppError::internal("loading an event", e))?
            .ok_or(AppError::NotFound)?;
        let now = jiff::Timestamp::now();
        if event.is_cancelled() {
            return Err(AppError::invalid("event", Problem::EventCancelled));
        }
        let Some(next) = event
            .occurrences(now, now + crate::events::store::HORIZON)
            .into_iter()
            .find(|o| o.starts_at > now && !o.cancelled)
        else {
            return Err(AppError::invalid("event", Problem::EventOver));
        };
        if event.registration != "open" || event.registration_deadline.is_some_and(|d| d <= now) {
            return Err(AppError::invalid("event", Problem::RegistrationClosed));
        }
        let name = clean_line(name);
        let email = email.trim();
        let organisation = organisation
            .as_deref()
            .map(clean_line)
            .filter(|o| !o.is_empty());
        if name.is_empty() {
            return Err(AppError::invalid("name", Problem::Required));
        }
        if name.chars().count() > MAX_CHARS {
            return Err(AppError::invalid("name", Problem::TooLong));
        }
        if !crate::shared::identifiers::is_email(email) {
            return Err(AppError::invalid("email", Problem::NotAnEmail));
        }
        if organisation
            .as_ref()
            .is_some_and(|o| o.chars().count() > MAX_CHARS)
        {
            return Err(AppError::invalid("organisation", Problem::TooLong));
        }
        if consent.is_none_or(|c| c.is_empty()) {
            return Err(AppError::invalid("consent", Problem::Required));
        }
        let address = crate::platform::request::client_address()
            .await?
            .to_string();
        let origin = use_context::<crate::components::frame::SiteOrigin>()
            .map(|o| o.0)
            .unwrap_or_default();
        let title = event
            .title
            .show(lang)
            .map(|shown| shown.text.to_owned())
            .unwrap_or_default();
        let when = format_span(next.starts_at, next.ends_at, event.all_day, lang);
        let token = crate::platform::request::random_token();
        register_public(
            &pool,
            &PublicRegistration {
                event_id: event.id,
                person: RegistrationForCreate {
                    name: &name,
                    email,
                    organisation: organisation.as_deref(),
                    consent: lang.texts().events.consent,
                    token: &token,
                    address: Some(&address),
                },
                lang,
                event_title: &title,
                event_when: &when,
                private_pages: &format!("{origin}/{lang}/registration/"),
            },
        )
        .await?;
        Ok(Registered {
            email: email.to_owned(),
        })
    }

    /// Occurrences per page of the list.
    const LIST_PAGE: usize = 50;
    /// How far back the past events page reaches.
    const PAST: SignedDuration = SignedDuration::from_hours(2 * 366 * 24);

    pub async fn events_view(
        pool: &SqlitePool,
        calendar: &CalendarCache,
        lang: Lang,
        query: EventsQuery,
        now: Timestamp,
    ) -> Result<EventsView, AppError> {
        let today = now.to_zoned(tallinn()).date();
        // Checked first: a month outside the calendar is refused before any work is done.
        let month = query
            .is_month()
            .then(|| month_or_this(query.month.as_deref(), today))
            .transpose()?;
        let failed = |e| AppError::internal("loading the calendar", e);
        let code = |value: &Option<String>| value.clone().filter(|v| is_slug(v));
        let filter = EventFilter {
            event_type: code(&query.event_type),
            municipality: code(&query.municipality),
            language: code(&query.language),
        };
        let all = calendar.events(pool).await.map_err(failed)?;
        let events = || all.iter().filter(|event| filter.matches(event));
        let types = labels(
            pool,
            lang,
            "SELECT code, label_et, label_ru, label_en FROM event_types ORDER BY position",
        )
        .await
        .map_err(failed)?;
        let municipalities = labels(
            pool,
            lang,
            "SELECT code, name_et, name_ru, name_en FROM municipalities
             WHERE code IN (SELECT municipality_code FROM events WHERE status <> 'draft')
             ORDER BY name_et",
        )
        .await
        .map_err(failed)?;
        let skip = (query.page_number() - 1) * LIST_PAGE;
        let (groups, has_more, grid) = if let Some(month) = month {
            (Vec::new(), false, Some(grid(events(), lang, month, today)))
        } else {
            let list = if query.is_past() {
                let mut past = occurrences_between(events(), now - PAST, now);
                past.retain(|(_, o)| o.ends_at <= now);
                past.reverse();
                past
            } else {
                occurrences_between(events(), now, now + HORIZON)
            };
            let has_more = list.len() > skip + LIST_PAGE;
            let shown: Vec<_> = list.into_iter().skip(skip).take(LIST_PAGE).collect();
            (group_by_month(&shown, lang), has_more, None)
        };
        Ok(EventsView {
            query,
            types,
            municipalities,
            groups,
            has_more,
            grid,
        })
    }

    async fn labels(
        pool: &SqlitePool,
        lang: Lang,
        sql: &'static str,
    ) -> Result<Vec<Labelled>, sqlx::Error> {
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as(sql).fetch_all(pool).await?;
        Ok(rows
            .into_iter()
            .map(|(code, et, ru, en)| Labelled {
                code,
                label: match lang {
                    Lang::Et => et,
                    Lang::Ru => ru,
                    Lang::En => en,
                },
            })
            .collect())
    }

    pub fn card(event: &CalendarEvent, occurrence: &Occurrence, lang: Lang) -> OccurrenceCard {
        let local = occurrence.starts_at.to_zoned(tallinn());
        OccurrenceCard {
            event_id: event.id,
            slug: event.slug.clone(),
            title: event.title.only_shown(lang),
            type_label: event.type_label.get(lang).clone(),
            starts_at: db_time(occurrence.starts_at),
            when: format_span(
                occurrence.starts_at,
                occurrence.ends_at,
                event.all_day,
                lang,
            ),
            time: if event.all_day {
                String::new()
            } else {
                local.strftime("%H:%M").to_string()
            },
            place: place(event, lang),
            is_online: event.online_url.is_some(),
            is_cancelled: event.is_cancelled() || occurrence.cancelled,
            is_moved: occurrence.moved,
            is_draft: event.status == "draft",
        }
    }

    fn place(event: &CalendarEvent, lang: Lang) -> Option<String> {
        match (&event.venue, &event.municipality) {
            (Some(venue), Some(municipality)) => {
                Some(format!("{venue}, {}", municipality.get(lang)))
            }
            (venue, municipality) => venue
                .clone()
                .or_else(|| municipality.as_ref().map(|m| m.get(lang).clone())),
        }
    }

    fn month_label(date: Date, lang: Lang) -> String {
        let month = lang.texts().events.months[usize::from(date.month().unsigned_abs()) - 1];
        format!("{month} {}", date.year())
    }

    fn group_by_month(list: &[(&CalendarEvent, Occurrence)], lang: Lang) -> Vec<MonthGroup> {
        let mut groups: Vec<MonthGroup> = Vec::new();
        let mut current: Option<Date> = None;
        for (event, occurrence) in list {
            let month = occurrence
                .starts_at
                .to_zoned(tallinn())
                .date()
                .first_of_month();
            if current != Some(month) {
                current = Some(month);
                groups.push(MonthGroup {
                    label: month_label(month, lang),
                    occurrences: Vec::new(),
                });
            }
            if let Some(group) = groups.last_mut() {
                group.occurrences.push(card(event, occurrence, lang));
            }
        }
        groups
    }

    /// The month a `YYYY-MM` names (range-checked), else this month.
    pub fn month_or_this(month: Option<&str>, today: Date) -> Result<Month, AppError> {
        match month {
            None => Ok(Month::of(today)),
            Some(text) => Month::parse(text)
                .map_err(|problem| AppError::invalid("month", problem.problem().0)),
        }
    }

    /// The weeks a month grid shows: from the Monday on or before the 1st to the Sunday on or
    /// after the last day, never more than six.
    const MAX_WEEKS: usize = 6;

    pub fn grid<'a>(
        events: impl IntoIterator<Item = &'a CalendarEvent>,
        lang: Lang,
        month: Month,
        today: Date,
    ) -> MonthGrid {
        let (first, last) = (month.first_day(), month.last_day());
        let start = first
            .checked_sub(i64::from(first.weekday().to_monday_zero_offset()).days())
            .unwrap_or(first);
        let end = last
            .checked_add(i64::from(6 - last.weekday().to_monday_zero_offset()).days())
            .unwrap_or(last);
        let days: Vec<Date> = start
            .series(1.day())
            .take_while(|day| *day <= end)
            .take(MAX_WEEKS * 7)
            .collect();
        let from = start_of_day(start);
        let until = start_of_day(end.tomorrow().unwrap_or(end));
        let occurrences = occurrences_between(events, from, until);
        let weeks = days
            .chunks(7)
            .map(|week| {
                week.iter()
                    .map(|&day| {
                        let weekday = lang.texts().events.weekdays
                            [usize::from(day.weekday().to_monday_zero_offset().unsigned_abs())];
                        let date = format_start(start_of_day(day), true, lang);
                        DayCell {
                            date: day.to_string(),
                            day: day.day(),
                            label: format!("{weekday} {date}"),
                            in_month: day.month() == first.month(),
                            is_today: day == today,
                            occurrences: occurrences
                                .iter()
                                .filter(|(_, o)| o.starts_at.to_zoned(tallinn()).date() == day)
                                .map(|(event, o)| card(event, o, lang))
                                .collect(),
                        }
                    })
                    .collect()
            })
            .collect();
        MonthGrid {
            month: month.to_string(),
            label: month_label(first, lang),
            previous: month.previous().map(|m| m.to_string()),
            next: month.next().map(|m| m.to_string()),
            weeks,
        }
    }

    pub async fn event_page(
        pool: &SqlitePool,
        calendar: &CalendarCache,
        lang: Lang,
        slug: &str,
        origin: &str,
        now: Timestamp,
    ) -> Result<Option<EventPage>, sqlx::Error> {
        let Some(event) = public_event(pool, calendar, slug).await? else {
            return Ok(None);
        };
        let confirmed: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM registrations WHERE event_id = ? AND status = 'confirmed'",
        )
        .bind(event.id)
        .fetch_one(pool)
        .await?;
        Ok(Some(page_of(&event, confirmed, lang, origin, now)))
    }

    /// The page of `event` with `confirmed` registrations (also the coordinator's preview).
    pub fn page_of(
        event: &CalendarEvent,
        confirmed: i64,
        lang: Lang,
        origin: &str,
        now: Timestamp,
    ) -> EventPage {
        let coming = event.occurrences(now, now + HORIZON);
        // The next occurrence; when all are over, the last one.
        let shown = match coming.first() {
            Some(next) => next.clone(),
            None => event
                .occurrences(Timestamp::MIN, now)
                .pop()
                .unwrap_or(Occurrence {
                    original_start: event.starts_at,
                    starts_at: event.starts_at,
                    ends_at: event.ends_at,
                    cancelled: false,
                    moved: false,
                }),
        };
        let address = [event.venue.clone(), event.address.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        let map_url = (!address.is_empty() && event.address.is_some()).then(|| {
            format!(
                "https://www.openstreetmap.org/search?{}",
                serde_urlencoded::to_string([("query", event.address.clone().unwrap_or_default())])
                    .unwrap_or_default()
            )
        });
        let zone = shown
            .starts_at
            .to_zoned(tallinn())
            .strftime("%Z")
            .to_string();
        let when = format!(
            "{} ({} {zone})",
            format_span(shown.starts_at, shown.ends_at, event.all_day, lang),
            lang.texts().events.tallinn_time
        );
        let page = format!("{origin}/{lang}/events/{}", event.slug);
        let json_ld = json_ld(event, &shown, lang, &page);
        EventPage {
            slug: event.slug.clone(),
            title: event.title.clone(),
            description: event.description.clone(),
            type_code: event.type_code.clone(),
            type_label: event.type_label.get(lang).clone(),
            when,
            starts_at: db_time(shown.starts_at),
            ends_at: db_time(shown.ends_at),
            is_past: shown.ends_at <= now,
            upcoming_dates: if event.recurrence.is_some() {
                coming
                    .iter()
                    .take(12)
                    .map(|o| card(event, o, lang))
                    .collect()
            } else {
                Vec::new()
            },
            is_series: event.recurrence.is_some(),
            venue: event.venue.clone(),
            address: event.address.clone(),
            municipality: event
                .municipality_code
                .clone()
                .zip(event.municipality.as_ref())
                .map(|(code, names)| Labelled {
                    code,
                    label: names.get(lang).clone(),
                }),
            map_url,
            online_url: event
                .online_url
                .clone()
                .filter(|url| url.starts_with("https://") || url.starts_with("http://")),
            organiser: event.organiser.clone(),
            organiser_slug: event.organiser_slug.clone(),
            languages: event.languages.clone(),
            capacity: event.capacity,
            places_left: event.capacity.map(|capacity| (capacity - confirmed).max(0)),
            registration: event.registration.clone(),
            registration_deadline: event
                .registration_deadline
                .map(|deadline| crate::shared::tallinn::format_start(deadline, false, lang)),
            takes_registrations: event.registration == "open"
                && !event.is_cancelled()
                && coming.iter().any(|o| o.starts_at > now && !o.cancelled)
                && event
                    .registration_deadline
                    .is_none_or(|deadline| deadline > now),
            is_cancelled: event.is_cancelled(),
            json_ld,
        }
    }

    /// schema.org Event, escaped so that no text in it can end the `<script>` it sits in.
    fn json_ld(event: &CalendarEvent, shown: &Occurrence, lang: Lang, page: &str) -> String {
        let status = if event.is_cancelled() || shown.cancelled {
            "https://schema.org/EventCancelled"
        } else if shown.moved {
            "https://schema.org/EventRescheduled"
        } else {
            "https://schema.org/EventScheduled"
        };
        let physical = event.venue.is_some() || event.address.is_some();
        let mode = match (physical, event.online_url.is_some()) {
            (true, true) => "https://schema.org/MixedEventAttendanceMode",
            (false, true) => "https://schema.org/OnlineEventAttendanceMode",
            _ => "https://schema.org/OfflineEventAttendanceMode",
        };
        let mut location = Vec::new();
        if physical {
            location.push(serde_json::json!({
                "@type": "Place",
                "name": event.venue,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.address,
                    "addressRegion": event.municipality.as_ref().map(|m| m.get(lang)),
                    "addressCountry": "EE",
                },
            }));
        }
        if let Some(url) = &event.online_url {
            location.push(serde_json::json!({ "@type": "VirtualLocation", "url": url }));
        }
        let text = |localized: &Localized| localized.show(lang).map(|shown| shown.text.to_owned());
        let value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": text(&event.title),
            "description": text(&event.description),
            "startDate": shown.starts_at.to_zoned(tallinn()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            "endDate": shown.ends_at.to_zoned(tallinn()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            "eventStatus": status,
            "eventAttendanceMode": mode,
            "location": location,
            "organizer": event.organiser.as_ref().map(|name| serde_json::json!({ "@type": "Organization", "name": name })),
            "inLanguage": event.languages,
            "url": page,
        });
        value
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}
