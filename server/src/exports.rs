//! Files the coordinator downloads. They sit under `/api/coordinator/`, so the session gate
//! refuses them to anyone without a coordinator's session before they run. And two kinds of
//! public file: a published entry's logo, and a certificate of attendance (behind its code).

use app::i18n::Lang;
use app::registrations::RegistrationStatus;
use app::shared::text::guard_cell;
use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// `GET /api/coordinator/events/{id}/registrations.csv?separator=comma`: an event's
/// registrations, confirmed first, then the waiting list in its order. Semicolons and a byte
/// order mark by default, which is what Excel in Estonia opens correctly; UTF-8 either way.
pub async fn registrations_csv(
    State(pool): State<SqlitePool>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(id) = file
        .strip_suffix("-registrations.csv")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return (StatusCode::NOT_FOUND, "No such file.").into_response();
    };
    let comma = query.get("separator").is_some_and(|s| s == "comma");
    let found = match app::event_admin::store::registrations(&pool, Lang::Et, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return (StatusCode::NOT_FOUND, "No such event.").into_response(),
        Err(error) => return crate::failure(error),
    };
    let mut rows = vec![
        [
            "status",
            "position",
            "name",
            "email",
            "organisation",
            "registered",
            "present",
        ]
        .map(str::to_owned),
    ];
    let mut waiting = 0;
    for registration in &found.registrations {
        let position = if registration.status == RegistrationStatus::Waiting {
            waiting += 1;
            waiting.to_string()
        } else {
            String::new()
        };
        rows.push([
            registration.status.code().to_owned(),
            position,
            registration.name.clone(),
            registration.email.clone(),
            registration.organisation.clone().unwrap_or_default(),
            registration.created.clone(),
            if registration.present { "yes" } else { "" }.to_owned(),
        ]);
    }
    csv_file(
        &rows,
        comma,
        &format!("{}-registrations.csv", found.event.slug),
    )
}

/// `rows` as a CSV download named `name`: semicolons and a byte order mark (what Excel in
/// Estonia opens correctly) unless `comma`; no cell that could run as a formula.
fn csv_file<R: AsRef<[String]>>(rows: &[R], comma: bool, name: &str) -> Response {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(if comma { b',' } else { b';' })
        .from_writer(Vec::new());
    for row in rows {
        // People type their own names: nothing of theirs may run as a formula.
        if writer
            .write_record(row.as_ref().iter().map(|cell| guard_cell(cell)))
            .is_err()
        {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let Ok(body) = writer.into_inner() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let body = if comma {
        body
    } else {
        [b"\xEF\xBB\xBF".as_slice(), &body].concat()
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// `GET /api/coordinator/report.csv?lang=…&from=…&to=…&type=…&separator=comma`: the report
/// for funders with the same figures as its page: the totals, then every bar of every
/// breakdown (`measure;group;value`).
pub async fn report_csv(
    State(feeds): State<crate::feeds::FeedState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = query
        .get("lang")
        .and_then(|lang| lang.parse().ok())
        .unwrap_or(Lang::DEFAULT);
    let comma = query.get("separator").is_some_and(|s| s == "comma");
    let asked = app::reports::ReportQuery {
        from: query.get("from").cloned(),
        to: query.get("to").cloned(),
        event_type: query.get("type").cloned(),
        programme: query.get("programme").cloned(),
    };
    let vocabulary = match app::platform::vocabulary::Vocabulary::load(&feeds.pool).await {
        Ok(vocabulary) => vocabulary,
        Err(error) => return crate::failure(error),
    };
    let report =
        match app::reports::store::report(&feeds.pool, &feeds.calendar, &vocabulary, lang, &asked)
            .await
        {
            Ok(report) => report,
            Err(error) => return crate::failure(error),
        };
    let line =
        |measure: &str, group: &str, value: String| [measure.to_owned(), group.to_owned(), value];
    let mut rows = vec![
        line("measure", "group", "value".to_owned()),
        line("from", "", report.from.clone()),
        line("to", "", report.to.clone()),
        line("type", "", report.event_type.clone().unwrap_or_default()),
        line(
            "programme",
            "",
            report.programme.clone().unwrap_or_default(),
        ),
        line("events_held", "", report.events_held.to_string()),
        line("hours", "", report.hours.clone()),
        line("registrations", "", report.registrations.to_string()),
        line("people", "", report.people.to_string()),
        line("enterprises", "", report.enterprises.to_string()),
    ];
    for breakdown in &report.breakdowns {
        for bar in &breakdown.bars {
            rows.push(line(&breakdown.code, &bar.label, bar.value.to_string()));
        }
    }
    // The funder's questions: a total under five is "<5", as on the page.
    let total = |count: Option<i64>| count.map_or_else(|| "<5".to_owned(), |c| c.to_string());
    if let Some(participants) = &report.participants {
        rows.push(line("respondents", "", total(participants.respondents)));
        for question in &participants.questions {
            for (answer, count) in &question.counts {
                rows.push(line(&question.code, answer, total(*count)));
            }
        }
    }
    csv_file(
        &rows,
        comma,
        &format!("report-{}-{}.csv", report.from, report.to),
    )
}

/// `GET /api/coordinator/directory.csv?separator=comma`: every directory entry with every field
/// (`app::entries::export`), semicolons by default.
pub async fn directory_csv(
    State(pool): State<SqlitePool>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    use app::entries::{Separator, export};
    let separator = if query.get("separator").is_some_and(|s| s == "comma") {
        Separator::Comma
    } else {
        Separator::Semicolon
    };
    match export(&pool, separator).await {
        Ok(file) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"directory.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            file,
        )
            .into_response(),
        Err(error) => crate::failure(error),
    }
}

/// A logo as a response: PNG, cached for a few minutes (its address changes with it).
fn png(bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /logos/{id}.png`: the logo of a published entry.
pub async fn public_logo(State(pool): State<SqlitePool>, Path(file): Path<String>) -> Response {
    let Some(id) = file
        .strip_suffix(".png")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return (StatusCode::NOT_FOUND, "No such file.").into_response();
    };
    logo(app::entries::logo(&pool, id, true).await)
}

/// A stored logo as a response.
fn logo(found: app::platform::db::Result<Option<Vec<u8>>>) -> Response {
    match found {
        Ok(Some(bytes)) => png(bytes),
        Ok(None) => (StatusCode::NOT_FOUND, "No such logo.").into_response(),
        Err(error) => crate::failure(error),
    }
}

/// `GET /api/coordinator/directory/{id}-logo.png` (any entry's logo, hidden ones too) and
/// `…/{id}-personal-data.json`: everything stored about an entry
/// (`app::entries::personal_data`), for the person or organisation it describes.
pub async fn entry_file(
    State(pool): State<SqlitePool>,
    Path(file): Path<String>,
    axum::Extension(account): axum::Extension<app::accounts::Account>,
    axum::Extension(address): axum::Extension<app::platform::request::ClientAddress>,
) -> Response {
    if let Some(id) = file
        .strip_suffix("-logo.png")
        .and_then(|id| id.parse::<i64>().ok())
    {
        return logo(app::entries::logo(&pool, id, false).await);
    }
    let Some(id) = file
        .strip_suffix("-personal-data.json")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return (StatusCode::NOT_FOUND, "No such file.").into_response();
    };
    let data = {
        let address = address.0.to_string();
        app::entries::personal_data(
            &pool,
            id,
            app::platform::audit::Actor::account(account.id, &address),
        )
        .await
    };
    match data {
        Ok(data) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/json; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"entry-{id}-personal-data.json\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(app::error::AppError::NotFound) => {
            (StatusCode::NOT_FOUND, "No such entry.").into_response()
        }
        Err(error) => crate::failure(error),
    }
}

/// `GET /certificates/{code}-{lang}.pdf`: a certificate of attendance as a PDF, written when
/// asked (its code is the secret: it is the attendee's to share, and its link shows the same).
pub async fn certificate_pdf(
    State(feeds): State<crate::feeds::FeedState>,
    Path(file): Path<String>,
) -> Response {
    let Some((code, lang)) = file
        .strip_suffix(".pdf")
        .and_then(|name| name.rsplit_once('-'))
        .and_then(|(code, lang)| Some((code, lang.parse::<Lang>().ok()?)))
        .filter(|(code, _)| app::shared::identifiers::is_code(code))
    else {
        return (StatusCode::NOT_FOUND, "No such certificate.").into_response();
    };
    let issued = match app::certificates::store::by_code(&feeds.pool, code).await {
        Ok(Some(issued)) => issued,
        Ok(None) => return (StatusCode::NOT_FOUND, "No such certificate.").into_response(),
        Err(error) => return crate::failure(error),
    };
    // Writing a PDF takes a few milliseconds of CPU: off the threads that answer requests,
    // a few at a time.
    match app::certificates::pdf::write(issued.in_lang(lang), lang, feeds.origin.clone()).await {
        Ok(pdf) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"certificate-{lang}.pdf\""),
                ),
            ],
            pdf,
        )
            .into_response(),
        Err(error) => crate::failure(error),
    }
}
