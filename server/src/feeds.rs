//! The calendar as files: `/calendar.ics` (filtered like the events page, one language per
//! feed) and `/{lang}/events/{slug}.ics` for a single event ("add to my calendar").

use app::events::ics::{self, Site};
use app::events::model::EventFilter;
use app::events::store::{CalendarCache, public_event};
use app::i18n::Lang;
use app::shared::identifiers::is_slug;
use axum::{
    extract::{Query, Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// The calendar's name in subscribing apps.
const CALENDAR_NAME: &str = "Ida-Viru Loomeklaster";

#[derive(Clone)]
pub struct FeedState {
    pub pool: SqlitePool,
    pub calendar: CalendarCache,
    pub funding: app::funding::FundingCache,
    pub origin: String,
}

/// `GET /calendar.ics?lang=et|ru|en&type=…&municipality=…&language=…`
pub async fn calendar_feed(
    State(state): State<FeedState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match query.get("lang").map(|code| code.parse::<Lang>()) {
        None => Lang::DEFAULT,
        Some(Ok(lang)) => lang,
        Some(Err(_)) => return bad_request("lang must be et, ru or en"),
    };
    let mut filter = EventFilter::default();
    for (key, slot) in [
        ("type", &mut filter.event_type),
        ("municipality", &mut filter.municipality),
        ("language", &mut filter.language),
    ] {
        match query.get(key).map(String::as_str) {
            None | Some("") => {}
            Some(value) if is_slug(value) => *slot = Some(value.to_owned()),
            Some(_) => return bad_request(&format!("{key} is not a code")),
        }
    }
    match state.calendar.current(&state.pool).await {
        Ok(calendar) => {
            let chosen = calendar.events.iter().filter(|event| filter.matches(event));
            ics_response(ics::calendar(chosen, lang, &site(&state)), None)
        }
        Err(error) => crate::failure(error),
    }
}

/// `GET /funding.ics?lang=et|ru|en&sector=…`: the funding calls' deadlines, with alarms.
pub async fn funding_feed(
    State(state): State<FeedState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match query.get("lang").map(|code| code.parse::<Lang>()) {
        None => Lang::DEFAULT,
        Some(Ok(lang)) => lang,
        Some(Err(_)) => return bad_request("lang must be et, ru or en"),
    };
    let sector = match query.get("sector").map(String::as_str) {
        None | Some("") => None,
        Some(value) if is_slug(value) => Some(value),
        Some(_) => return bad_request("sector is not a code"),
    };
    match state.funding.calls(&state.pool).await {
        Ok(calls) => {
            let chosen = calls.iter().filter(|call| {
                sector.is_none_or(|sector| {
                    call.sectors.is_empty() || call.sectors.iter().any(|s| s == sector)
                })
            });
            let now = jiff::Timestamp::now();
            ics_response(
                app::funding::ics::calendar(chosen, lang, &state.origin, now),
                None,
            )
        }
        Err(error) => crate::failure(error),
    }
}

/// `GET /{lang}/funding.atom`: the calls, newest change first.
pub async fn funding_atom(
    State(state): State<FeedState>,
    axum::extract::Path(lang): axum::extract::Path<String>,
) -> Response {
    let Ok(lang) = lang.parse::<Lang>() else {
        return (StatusCode::NOT_FOUND, "No such language.").into_response();
    };
    match state.funding.calls(&state.pool).await {
        Ok(calls) => (
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            app::funding::atom::feed(calls.iter(), lang, &state.origin, jiff::Timestamp::now()),
        )
            .into_response(),
        Err(error) => crate::failure(error),
    }
}

/// `GET /{lang}/events.atom`: the coming events for feed readers.
pub async fn atom_feed(
    State(state): State<FeedState>,
    axum::extract::Path(lang): axum::extract::Path<String>,
) -> Response {
    let Ok(lang) = lang.parse::<Lang>() else {
        return (StatusCode::NOT_FOUND, "No such language.").into_response();
    };
    match state.calendar.current(&state.pool).await {
        Ok(calendar) => (
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            app::events::atom::feed(&calendar, lang, &site(&state), jiff::Timestamp::now()),
        )
            .into_response(),
        Err(error) => crate::failure(error),
    }
}

/// Answers `/{lang}/events/{slug}.ics` before the page routes see it; everything else passes.
pub async fn event_file(State(state): State<FeedState>, request: Request, next: Next) -> Response {
    let Some((lang, slug)) = event_file_path(request.uri().path()) else {
        return next.run(request).await;
    };
    match public_event(&state.pool, &state.calendar, slug).await {
        Ok(Some(event)) => ics_response(ics::calendar([&event], lang, &site(&state)), Some(slug)),
        Ok(None) => (StatusCode::NOT_FOUND, "No such event.").into_response(),
        Err(error) => crate::failure(error),
    }
}

/// `("et", "slug")` from `/et/events/slug.ics`.
fn event_file_path(path: &str) -> Option<(Lang, &str)> {
    let rest = path.strip_prefix('/')?;
    let (lang, rest) = rest.split_once('/')?;
    let slug = rest.strip_prefix("events/")?.strip_suffix(".ics")?;
    let lang = lang.parse().ok()?;
    is_slug(slug).then_some((lang, slug))
}

fn site(state: &FeedState) -> Site<'_> {
    Site {
        origin: &state.origin,
        name: CALENDAR_NAME,
    }
}

fn ics_response(body: String, download_as: Option<&str>) -> Response {
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            // Subscribed calendars poll; an hour of caching is what they expect anyway.
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        body,
    )
        .into_response();
    if let Some(slug) = download_as
        && let Ok(value) = format!("attachment; filename=\"{slug}.ics\"").parse()
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, message.to_owned()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_event_files_under_a_language_are_taken() {
        assert_eq!(
            event_file_path("/ru/events/vorgustiku-kohtumine.ics"),
            Some((Lang::Ru, "vorgustiku-kohtumine"))
        );
        for other in [
            "/ru/events/vorgustiku-kohtumine",
            "/de/events/x.ics",
            "/ru/events/../x.ics",
            "/ru/events/.ics",
            "/calendar.ics",
            "/ru/directory/x.ics",
        ] {
            assert_eq!(event_file_path(other), None, "{other}");
        }
    }
}
