//! The newsletter's routes that are not pages: the one-click unsubscribe of RFC 8058 (the only
//! POST that needs neither a session nor a same-site origin: its signed token is the
//! credential), its GET (which only leads to the subscriber's page), the archive's Atom feed,
//! and the coordinator's preview and list of subscribers.

use app::i18n::Lang;
use app::newsletter::store;
use app::shared::text::guard_cell;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Where mail providers send the one-click unsubscribe.
pub const ONE_CLICK_PATH: &str = "/newsletter/unsubscribe";

#[derive(Clone)]
pub struct NewsletterState {
    pub pool: SqlitePool,
    pub origin: String,
}

/// `POST /newsletter/unsubscribe?token=…` with the form body `List-Unsubscribe=One-Click`, as a
/// mail provider sends it: unsubscribes, with no cookie, no origin and no CSRF token.
pub async fn one_click(
    State(state): State<NewsletterState>,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    let Some(token) = query.get("token") else {
        return (StatusCode::BAD_REQUEST, "The link has no token.").into_response();
    };
    let one_click = body
        .split('&')
        .any(|pair| pair.trim() == "List-Unsubscribe=One-Click");
    if !one_click {
        return (
            StatusCode::BAD_REQUEST,
            "A one-click unsubscribe carries List-Unsubscribe=One-Click.",
        )
            .into_response();
    }
    match store::unsubscribe(&state.pool, token).await {
        Ok(true) => (StatusCode::OK, "Unsubscribed.").into_response(),
        Ok(false) => (StatusCode::NOT_FOUND, "No such subscription.").into_response(),
        Err(error) => crate::failure(error),
    }
}

/// `GET /newsletter/unsubscribe?token=…`: never unsubscribes (link scanners follow links); it
/// leads to the subscriber's page, with its button.
pub async fn one_click_page(
    State(state): State<NewsletterState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let token = query.get("token").cloned().unwrap_or_default();
    let lang = match store::lang_of(&state.pool, &token).await {
        Ok(lang) => lang.unwrap_or(Lang::DEFAULT),
        Err(error) => return crate::failure(error),
    };
    let token = url::form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>();
    Redirect::to(&format!("/{lang}/newsletter/subscription?token={token}")).into_response()
}

/// `GET /{lang}/newsletter.atom`.
pub async fn atom_feed(State(state): State<NewsletterState>, Path(lang): Path<String>) -> Response {
    let Ok(lang) = lang.parse::<Lang>() else {
        return (StatusCode::NOT_FOUND, "No such feed.").into_response();
    };
    match store::feed(&state.pool, lang, &state.origin).await {
        Ok(feed) => (
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            feed,
        )
            .into_response(),
        Err(error) => crate::failure(error),
    }
}

/// `GET /api/coordinator/newsletter/{id}/preview?lang=ru&format=html|text`: the saved draft as
/// a subscriber of every topic would get it, in its own document with a policy that lets its
/// inline styles apply and nothing run.
pub async fn preview(
    State(state): State<NewsletterState>,
    Path(id): Path<i64>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match query.get("lang").map(|code| code.parse::<Lang>()) {
        None => Lang::DEFAULT,
        Some(Ok(lang)) => lang,
        Some(Err(_)) => {
            return (StatusCode::BAD_REQUEST, "lang must be et, ru or en").into_response();
        }
    };
    let writer = match app::newsletter::Writer::load(&state.pool, id, &state.origin).await {
        Ok(Some(writer)) => writer,
        Ok(None) => return (StatusCode::NOT_FOUND, "No such edition.").into_response(),
        Err(error) => return crate::failure(error),
    };
    let letter = match writer.letter(&state.pool, lang.code(), None).await {
        Ok(Some(letter)) => letter,
        Ok(None) => return (StatusCode::NOT_FOUND, "No such edition.").into_response(),
        Err(error) => return crate::failure(error),
    };
    let mut response = match query.get("format").map(String::as_str) {
        Some("text") => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{}\n\n{}", letter.subject, letter.text),
        )
            .into_response(),
        _ => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            letter.html,
        )
            .into_response(),
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /api/coordinator/newsletter/subscribers.csv?separator=comma`: every subscriber with
/// their consent (semicolons and a byte order mark by default, for Excel in Estonia).
pub async fn subscribers_csv(
    State(state): State<NewsletterState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let comma = query.get("separator").is_some_and(|s| s == "comma");
    let subscribers = match store::export(&state.pool, None).await {
        Ok(subscribers) => subscribers,
        Err(error) => return crate::failure(error),
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(if comma { b',' } else { b';' })
        .from_writer(Vec::new());
    let header_row = [
        "email",
        "language",
        "topics",
        "state",
        "subscribed",
        "confirmed",
        "consent",
        "consent_at",
        "consent_from",
    ];
    let mut failed = writer.write_record(header_row).is_err();
    for subscriber in &subscribers {
        let topics: Vec<&str> = subscriber
            .line
            .topics
            .list()
            .into_iter()
            .map(|topic| topic.code())
            .collect();
        let row = [
            subscriber.line.email.clone(),
            subscriber.line.lang.code().to_owned(),
            topics.join(" "),
            subscriber.line.status.code().to_owned(),
            subscriber.line.since.clone(),
            subscriber.confirmed_at.clone().unwrap_or_default(),
            subscriber.consent.clone(),
            subscriber.consent_at.clone(),
            subscriber.consent_address.clone(),
        ];
        // Addresses and notes are typed by people: nothing of theirs may run as a formula.
        failed |= writer
            .write_record(row.iter().map(|cell| guard_cell(cell)))
            .is_err();
    }
    let body = match writer.into_inner() {
        Ok(body) if !failed => body,
        _ => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let body = if comma {
        body
    } else {
        [b"\xEF\xBB\xBF".as_slice(), &body].concat()
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"newsletter-subscribers.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
