//! The coordinator's event form on the server: the form read into an event (every refused field
//! named, so the page can show them all while the coordinator types), saving a new or edited
//! event with its audit line, the form of a stored event, and one date of a series moved or
//! cancelled. Each save raises the event's SEQUENCE, so subscribed calendars follow.

use crate::error::{AppError, Problem};
use crate::event_admin::form::EventForm;
use crate::events::model::{CalendarEvent, EventForCreate, HORIZON};
use crate::events::series::{self as recurrence, Repeat, Until};
use crate::events::store::{insert, set_languages};
use crate::i18n::{Lang, PerLang};
use crate::platform::audit::{Actor, created, diff, record};
use crate::platform::db::db_time;
use crate::shared::FieldProblem;
use crate::shared::Localized;
use crate::shared::identifiers::is_web_address;
use crate::shared::text::{clean_line, clean_text};
use crate::shared::time::{self, local, start_of_day};
use jiff::{SignedDuration, Timestamp, ToSpan};
use serde_json::{Map, Value};
use sqlx::{SqliteConnection, SqlitePool};

/// A code the form offers, with its label in each language.
#[derive(Clone, Debug)]
pub struct Choice {
    pub code: String,
    pub label: PerLang<String>,
}

/// The event types and municipalities the form offers.
#[derive(Clone, Debug)]
pub struct Choices {
    pub types: Vec<Choice>,
    pub municipalities: Vec<Choice>,
}

pub async fn choices(pool: &SqlitePool) -> Result<Choices, sqlx::Error> {
    let load = |sql: &'static str| async move {
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as(sql).fetch_all(pool).await?;
        Ok::<_, sqlx::Error>(
            rows.into_iter()
                .map(|(code, et, ru, en)| Choice {
                    code,
                    label: PerLang { et, ru, en },
                })
                .collect(),
        )
    };
    Ok(Choices {
        types: load("SELECT code, label_et, label_ru, label_en FROM event_types ORDER BY position")
            .await?,
        municipalities: load(
            "SELECT code, name_et, name_ru, name_en FROM municipalities ORDER BY position",
        )
        .await?,
    })
}

const MAX_TITLE: usize = 200;
const MAX_LINE: usize = 300;
const MAX_DESCRIPTION: usize = 10_000;
const MAX_URL: usize = 500;
const MAX_CAPACITY: u32 = 100_000;
const MAX_SERIES: u16 = 200;

/// The problems found so far, in the order of the form.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: &str, problem: Problem) {
        if !self.0.iter().any(|p| p.field == field) {
            self.0.push(FieldProblem {
                field: field.to_owned(),
                problem,
            });
        }
    }

    /// A text field cleaned (several lines only in a description), `None` when blank; too
    /// long is a problem.
    fn text(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        let value = if field.starts_with("description") {
            clean_text(value)
        } else {
            clean_line(value)
        };
        if value.chars().count() > max {
            self.add(field, Problem::TooLong);
        }
        (!value.is_empty()).then_some(value)
    }

    /// The instant a date and time field name in Tallinn, each problem on its own field.
    fn instant(
        &mut self,
        (date_field, date): (&str, &str),
        (time_field, time): (&str, &str),
    ) -> Option<Timestamp> {
        if date.trim().is_empty() {
            self.add(date_field, Problem::Required);
            return None;
        }
        if time.trim().is_empty() {
            self.add(time_field, Problem::Required);
            return None;
        }
        time::tallinn_instant(date, time)
            .map_err(|problem| {
                let (problem, of_date) = problem.problem();
                self.add(if of_date { date_field } else { time_field }, problem);
            })
            .ok()
    }

    fn date(&mut self, field: &str, value: &str) -> Option<jiff::civil::Date> {
        if value.trim().is_empty() {
            self.add(field, Problem::Required);
            return None;
        }
        time::parse_date(value)
            .map_err(|problem| self.add(field, problem.problem().0))
            .ok()
    }
}

/// The start and end the form names: Tallinn wall-clock times, or whole days for an all-day
/// event (from the first day's midnight to the last day's 23:59).
fn span(form: &EventForm, problems: &mut Problems) -> Option<(Timestamp, Timestamp)> {
    if form.all_day {
        let first = problems.date("start_date", &form.start_date)?;
        let last = match form.end_date.trim() {
            "" => first,
            _ => problems.date("end_date", &form.end_date)?,
        };
        if last < first {
            problems.add("end_date", Problem::EndBeforeStart);
            return None;
        }
        let after = start_of_day(last.tomorrow().unwrap_or(last));
        return Some((start_of_day(first), after - SignedDuration::from_mins(1)));
    }
    let starts = problems.instant(
        ("start_date", &form.start_date),
        ("start_time", &form.start_time),
    );
    let end_date = match form.end_date.trim() {
        "" => form.start_date.as_str(),
        typed => typed,
    };
    let ends = problems.instant(("end_date", end_date), ("end_time", &form.end_time));
    let (starts, ends) = (starts?, ends?);
    if ends <= starts {
        let field = if local(ends).date() < local(starts).date() {
            "end_date"
        } else {
            "end_time"
        };
        problems.add(field, Problem::EndBeforeStart);
        return None;
    }
    Some((starts, ends))
}

/// The series' RRULE value, if the form asks for one.
fn series(form: &EventForm, starts: Timestamp, problems: &mut Problems) -> Option<String> {
    if form.repeat.is_empty() {
        return None;
    }
    let Some(repeat) = Repeat::from_code(&form.repeat) else {
        problems.add("repeat", Problem::UnknownChoice);
        return None;
    };
    let until = match form.until.as_str() {
        "date" => {
            let last = problems.date("until_date", &form.until_date)?;
            let first = local(starts).date();
            if last < first {
                problems.add("until_date", Problem::UntilBeforeStart);
                return None;
            }
            if first.checked_add(2.years()).is_ok_and(|limit| last > limit) {
                problems.add("until_date", Problem::SeriesTooLong);
                return None;
            }
            Until::Date(last)
        }
        _ => match form.count.trim().parse::<u16>() {
            Ok(count) if (2..=MAX_SERIES).contains(&count) => Until::Count(count),
            Ok(_) => {
                problems.add("count", Problem::SeriesTooLong);
                return None;
            }
            Err(_) => {
                problems.add("count", Problem::NotAWholeNumber);
                return None;
            }
        },
    };
    Some(recurrence::rule(repeat, until, starts))
}

/// The form read into an event (its slug and status are the caller's to set), or every field
/// that is refused, in the order of the form.
pub fn validate(form: &EventForm, choices: &Choices) -> Result<EventForCreate, Vec<FieldProblem>> {
    let mut problems = Problems::default();
    let type_code = form.type_code.trim();
    if type_code.is_empty() {
        problems.add("type_code", Problem::Required);
    } else if !choices.types.iter().any(|c| c.code == type_code) {
        problems.add("type_code", Problem::UnknownChoice);
    }
    let title = Localized::new(
        problems.text("title_et", &form.title_et, MAX_TITLE),
        problems.text("title_ru", &form.title_ru, MAX_TITLE),
        problems.text("title_en", &form.title_en, MAX_TITLE),
    );
    if title.is_empty() {
        problems.add("title_et", Problem::TitleInOneLanguage);
    }
    let description = Localized::new(
        problems.text("description_et", &form.description_et, MAX_DESCRIPTION),
        problems.text("description_ru", &form.description_ru, MAX_DESCRIPTION),
        problems.text("description_en", &form.description_en, MAX_DESCRIPTION),
    );
    let span = span(form, &mut problems);
    let venue = problems.text("venue", &form.venue, MAX_LINE);
    let address = problems.text("address", &form.address, MAX_LINE);
    let municipality = form.municipality.trim();
    if !municipality.is_empty()
        && !choices
            .municipalities
            .iter()
            .any(|c| c.code == municipality)
    {
        problems.add("municipality", Problem::UnknownChoice);
    }
    let online_url = problems.text("online_url", &form.online_url, MAX_URL);
    if online_url
        .as_deref()
        .is_some_and(|url| !is_web_address(url))
    {
        problems.add("online_url", Problem::NotAWebAddress);
    }
    if venue.is_none() && address.is_none() && online_url.is_none() {
        problems.add("venue", Problem::PlaceOrLink);
    }
    let organiser = problems.text("organiser", &form.organiser, MAX_TITLE);
    let capacity = match form.capacity.trim() {
        "" => None,
        typed => match typed.parse::<u32>() {
            Ok(capacity) if capacity <= MAX_CAPACITY => Some(i64::from(capacity)),
            _ => {
                problems.add("capacity", Problem::NotAWholeNumber);
                None
            }
        },
    };
    let registration = match form.registration.as_str() {
        "" => "none",
        known @ ("none" | "open" | "closed") => known,
        _ => {
            problems.add("registration", Problem::UnknownChoice);
            "none"
        }
    };
    let deadline = match (form.deadline_date.trim(), form.deadline_time.trim()) {
        ("", "") => None,
        (date, "") => problems.instant(("deadline_date", date), ("deadline_time", "23:59")),
        (date, time) => problems.instant(("deadline_date", date), ("deadline_time", time)),
    };
    if let (Some(deadline), Some((starts, _))) = (deadline, span)
        && deadline > starts
    {
        problems.add("deadline_date", Problem::DeadlineAfterStart);
    }
    let recurrence = span.and_then(|(starts, _)| series(form, starts, &mut problems));
    let languages = [
        (form.speaks_et, "et"),
        (form.speaks_ru, "ru"),
        (form.speaks_en, "en"),
    ]
    .into_iter()
    .filter(|(spoken, _)| *spoken)
    .map(|(_, code)| code.to_owned())
    .collect();
    let Some((starts_at, ends_at)) = span.filter(|_| problems.0.is_empty()) else {
        return Err(problems.0);
    };
    Ok(EventForCreate {
        type_code: type_code.to_owned(),
        title,
        description,
        starts_at,
        ends_at,
        all_day: form.all_day,
        venue,
        address,
        municipality_code: (!municipality.is_empty()).then(|| municipality.to_owned()),
        online_url,
        organiser,
        capacity,
        registration: registration.to_owned(),
        registration_deadline: deadline,
        languages,
        recurrence,
        ..EventForCreate::default()
    })
}

/// A stored event as the form shows it.
pub fn form_of(event: &CalendarEvent) -> EventForm {
    let (starts, ends) = (local(event.starts_at), local(event.ends_at));
    let time = |wall: jiff::civil::DateTime| {
        if event.all_day {
            String::new()
        } else {
            wall.strftime("%H:%M").to_string()
        }
    };
    let (repeat, until, count, until_date) =
        match event.recurrence.as_deref().and_then(recurrence::parse_rule) {
            Some((repeat, Until::Count(count))) => {
                (repeat.code(), "count", count.to_string(), String::new())
            }
            Some((repeat, Until::Date(date))) => {
                (repeat.code(), "date", String::new(), date.to_string())
            }
            None => ("", "count", String::new(), String::new()),
        };
    let text = |lang: Lang, of: &Localized| of.get(lang).unwrap_or_default().to_owned();
    let deadline = event.registration_deadline.map(local);
    EventForm {
        type_code: event.type_code.clone(),
        title_et: text(Lang::Et, &event.title),
        title_ru: text(Lang::Ru, &event.title),
        title_en: text(Lang::En, &event.title),
        description_et: text(Lang::Et, &event.description),
        description_ru: text(Lang::Ru, &event.description),
        description_en: text(Lang::En, &event.description),
        all_day: event.all_day,
        start_date: starts.date().to_string(),
        start_time: time(starts),
        end_date: ends.date().to_string(),
        end_time: time(ends),
        venue: event.venue.clone().unwrap_or_default(),
        address: event.address.clone().unwrap_or_default(),
        municipality: event.municipality_code.clone().unwrap_or_default(),
        online_url: event.online_url.clone().unwrap_or_default(),
        organiser: event.organiser.clone().unwrap_or_default(),
        speaks_et: event.languages.iter().any(|l| l == "et"),
        speaks_ru: event.languages.iter().any(|l| l == "ru"),
        speaks_en: event.languages.iter().any(|l| l == "en"),
        capacity: event.capacity.map(|c| c.to_string()).unwrap_or_default(),
        registration: event.registration.clone(),
        deadline_date: deadline.map(|d| d.date().to_string()).unwrap_or_default(),
        deadline_time: deadline
            .map(|d| d.strftime("%H:%M").to_string())
            .unwrap_or_default(),
        repeat: repeat.to_owned(),
        until: until.to_owned(),
        count,
        until_date,
    }
}

/// The event a valid form describes, as the public page would show it, for the preview.
pub fn preview(event: EventForCreate, choices: &Choices, slug: &str) -> CalendarEvent {
    let label = |list: &[Choice], code: &str| {
        list.iter()
            .find(|choice| choice.code == code)
            .map(|choice| choice.label.clone())
    };
    let now = Timestamp::now();
    let mut shown = CalendarEvent {
        id: 0,
        slug: slug.to_owned(),
        type_label: label(&choices.types, &event.type_code).unwrap_or(PerLang {
            et: String::new(),
            ru: String::new(),
            en: String::new(),
        }),
        type_code: event.type_code,
        title: event.title,
        description: event.description,
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        all_day: event.all_day,
        venue: event.venue,
        address: event.address,
        municipality: event
            .municipality_code
            .as_deref()
            .and_then(|code| label(&choices.municipalities, code)),
        municipality_code: event.municipality_code,
        online_url: event.online_url,
        status: "published".to_owned(),
        organiser: event.organiser,
        organiser_slug: None,
        capacity: event.capacity,
        registration: event.registration,
        registration_deadline: event.registration_deadline,
        sequence: 0,
        recurrence: event.recurrence,
        exceptions: Vec::new(),
        languages: event.languages,
        expanded: Vec::new(),
        created_at: now,
        updated_at: now,
    };
    if shown.recurrence.is_some() {
        shown.expanded = shown.occurrences(Timestamp::MIN, Timestamp::MAX);
    }
    shown
}

/// What was saved: the event's id and slug, its status and the SEQUENCE it now has.
pub struct Saved {
    pub id: i64,
    pub slug: String,
    pub status: String,
    pub sequence: i64,
}

/// The fields a change is told by in the audit log, as stored.
async fn snapshot(
    connection: &mut SqliteConnection,
    id: i64,
) -> Result<Map<String, Value>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT json_object(
             'type_code', type_code, 'title_et', title_et, 'title_ru', title_ru,
             'title_en', title_en, 'description_et', description_et,
             'description_ru', description_ru, 'description_en', description_en,
             'starts_at', starts_at, 'ends_at', ends_at, 'all_day', all_day, 'venue', venue,
             'address', address, 'municipality_code', municipality_code,
             'online_url', online_url, 'organiser', organiser, 'capacity', capacity,
             'registration', registration, 'registration_deadline', registration_deadline,
             'recurrence', recurrence, 'status', status,
             'languages', (SELECT group_concat(language, ',') FROM
                 (SELECT language FROM event_languages WHERE event_id = events.id
                  ORDER BY language)))
         FROM events WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(json
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// `base`, or `base-2`, `base-3`, … : the first slug no event has.
async fn free_slug(
    connection: &mut SqliteConnection,
    title: &Localized,
) -> Result<String, sqlx::Error> {
    let words = Lang::CONTENT_FALLBACK
        .into_iter()
        .find_map(|lang| title.get(lang))
        .map(crate::platform::search::words)
        .unwrap_or_default();
    let mut base = String::new();
    for word in words {
        if base.len() + word.len() > 60 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&word);
    }
    if base.is_empty() {
        base.push_str("event");
    }
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM events WHERE slug = ?1 OR slug GLOB ?1 || '-[0-9]*'")
            .bind(&base)
            .fetch_all(&mut *connection)
            .await?;
    Ok(std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|slug| !taken.contains(slug))
        .unwrap_or(base))
}

/// Saves a new event (a draft, or published when `publish`) or changes event `id`. An edit
/// made after someone else's save (`seen_sequence` behind the stored one) is refused; an edit
/// that changes nothing writes nothing.
pub async fn save(
    pool: &SqlitePool,
    id: Option<i64>,
    seen_sequence: Option<i64>,
    publish: bool,
    mut event: EventForCreate,
    actor: Actor<'_>,
) -> Result<Saved, AppError> {
    let failed = |e| AppError::internal("saving an event", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let Some(id) = id else {
        event.slug = free_slug(&mut tx, &event.title).await.map_err(failed)?;
        event.status = if publish { "published" } else { "draft" }.to_owned();
        let id = insert(&mut tx, &event).await.map_err(failed)?;
        let after = snapshot(&mut tx, id).await.map_err(failed)?;
        record(
            &mut tx,
            actor,
            "event.created",
            "event",
            Some(id),
            created(&after),
        )
        .await
        .map_err(failed)?;
        tx.commit().await.map_err(failed)?;
        return Ok(Saved {
            id,
            slug: event.slug,
            status: event.status,
            sequence: 0,
        });
    };
    let stored: Option<(String, String, i64)> =
        sqlx::query_as("SELECT slug, status, sequence FROM events WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(failed)?;
    let Some((slug, status, sequence)) = stored else {
        return Err(AppError::NotFound);
    };
    if seen_sequence.is_some_and(|seen| seen != sequence) {
        return Err(AppError::invalid("form", Problem::EditedMeanwhile));
    }
    let status = if publish && status == "draft" {
        "published".to_owned()
    } else {
        status
    };
    let before = snapshot(&mut tx, id).await.map_err(failed)?;
    sqlx::query(
        "UPDATE events SET type_code = ?, title_et = ?, title_ru = ?, title_en = ?,
             description_et = ?, description_ru = ?, description_en = ?, starts_at = ?,
             ends_at = ?, all_day = ?, venue = ?, address = ?, municipality_code = ?,
             online_url = ?, organiser = ?, capacity = ?, registration = ?,
             registration_deadline = ?, recurrence = ?, status = ?
         WHERE id = ?",
    )
    .bind(&event.type_code)
    .bind(event.title.get(Lang::Et))
    .bind(event.title.get(Lang::Ru))
    .bind(event.title.get(Lang::En))
    .bind(event.description.get(Lang::Et))
    .bind(event.description.get(Lang::Ru))
    .bind(event.description.get(Lang::En))
    .bind(db_time(event.starts_at))
    .bind(db_time(event.ends_at))
    .bind(event.all_day)
    .bind(&event.venue)
    .bind(&event.address)
    .bind(&event.municipality_code)
    .bind(&event.online_url)
    .bind(&event.organiser)
    .bind(event.capacity)
    .bind(&event.registration)
    .bind(event.registration_deadline.map(db_time))
    .bind(&event.recurrence)
    .bind(&status)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(failed)?;
    set_languages(&mut tx, id, &event.languages)
        .await
        .map_err(failed)?;
    let after = snapshot(&mut tx, id).await.map_err(failed)?;
    let Some(changes) = diff(&before, &after) else {
        // Nothing to tell subscribers or the log.
        tx.rollback().await.map_err(failed)?;
        return Ok(Saved {
            id,
            slug,
            status,
            sequence,
        });
    };
    drop_stray_exceptions(&mut tx, id, &event)
        .await
        .map_err(failed)?;
    sqlx::query(
        "UPDATE events SET sequence = sequence + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(failed)?;
    record(&mut tx, actor, "event.edited", "event", Some(id), changes)
        .await
        .map_err(failed)?;
    tx.commit().await.map_err(failed)?;
    Ok(Saved {
        id,
        slug,
        status,
        sequence: sequence + 1,
    })
}

/// Moved and cancelled dates the edited rule no longer has (or all, when it is no longer a
/// series) are dropped; the ones it still has keep their changes.
async fn drop_stray_exceptions(
    connection: &mut SqliteConnection,
    id: i64,
    event: &EventForCreate,
) -> Result<(), sqlx::Error> {
    let kept: Vec<String> = match &event.recurrence {
        Some(rule) => recurrence::occurrences(
            event.starts_at,
            event.ends_at,
            rule,
            &[],
            Timestamp::MIN,
            Timestamp::MAX,
        )
        .unwrap_or_default()
        .into_iter()
        .map(|o| db_time(o.original_start))
        .collect(),
        None => Vec::new(),
    };
    sqlx::query(
        "DELETE FROM event_exceptions WHERE event_id = ?
             AND original_start NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(id)
    .bind(serde_json::to_string(&kept).unwrap_or_default())
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// What happens to one date of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateChange {
    Cancel,
    /// Back to the rule's date and time, not cancelled.
    Restore,
    Move(Timestamp, Timestamp),
}

/// Changes the date of series `id` that the rule starts at `original`; returns the event's
/// new SEQUENCE.
pub async fn change_date(
    pool: &SqlitePool,
    id: i64,
    original: Timestamp,
    change: DateChange,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let failed = |e| AppError::internal("changing a date of a series", e);
    let event = crate::events::store::event_by_id(pool, id)
        .await
        .map_err(failed)?
        .ok_or(AppError::NotFound)?;
    let in_series = event.recurrence.as_deref().is_some_and(|rule| {
        recurrence::occurrences(
            event.starts_at,
            event.ends_at,
            rule,
            &[],
            Timestamp::MIN,
            Timestamp::MAX,
        )
        .is_ok_and(|all| all.iter().any(|o| o.original_start == original))
    });
    if !in_series {
        return Err(AppError::invalid("original", Problem::NotInSeries));
    }
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let original_text = db_time(original);
    let (action, changes) = match change {
        DateChange::Cancel => {
            sqlx::query(
                "INSERT INTO event_exceptions (event_id, original_start, cancelled)
                 VALUES (?, ?, 1)
                 ON CONFLICT (event_id, original_start) DO UPDATE SET cancelled = 1",
            )
            .bind(id)
            .bind(&original_text)
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
            (
                "event.date_cancelled",
                serde_json::json!({ "date": [original_text, null] }),
            )
        }
        DateChange::Restore => {
            sqlx::query("DELETE FROM event_exceptions WHERE event_id = ? AND original_start = ?")
                .bind(id)
                .bind(&original_text)
                .execute(&mut *tx)
                .await
                .map_err(failed)?;
            (
                "event.date_restored",
                serde_json::json!({ "date": [null, original_text] }),
            )
        }
        DateChange::Move(starts, ends) => {
            sqlx::query(
                "INSERT INTO event_exceptions (event_id, original_start, starts_at, ends_at)
                 VALUES (?, ?, ?, ?)
                 ON CONFLICT (event_id, original_start)
                 DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                     cancelled = 0",
            )
            .bind(id)
            .bind(&original_text)
            .bind(db_time(starts))
            .bind(db_time(ends))
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
            (
                "event.date_moved",
                serde_json::json!({ "date": [original_text, db_time(starts)] }),
            )
        }
    };
    let sequence: i64 = sqlx::query_scalar(
        "UPDATE events SET sequence = sequence + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?
         RETURNING sequence",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .map_err(failed)?;
    record(&mut tx, actor, action, "event", Some(id), changes)
        .await
        .map_err(failed)?;
    tx.commit().await.map_err(failed)?;
    Ok(sequence)
}

/// The dates of a series the coordinator can change: from a month ago to the calendar's
/// horizon, with their moves and cancellations.
pub fn editable_dates(event: &CalendarEvent, now: Timestamp) -> Vec<recurrence::Occurrence> {
    if event.recurrence.is_none() {
        return Vec::new();
    }
    event.occurrences(now - SignedDuration::from_hours(31 * 24), now + HORIZON)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::store::event_by_id;

    fn offered() -> Choices {
        let choice = |code: &str| Choice {
            code: code.to_owned(),
            label: PerLang {
                et: code.to_owned(),
                ru: code.to_owned(),
                en: code.to_owned(),
            },
        };
        Choices {
            types: vec![choice("training"), choice("fair")],
            municipalities: vec![choice("narva"), choice("johvi")],
        }
    }

    fn form() -> EventForm {
        EventForm {
            type_code: "training".into(),
            title_et: "Glasuurimise töötuba".into(),
            start_date: "2030-06-04".into(),
            start_time: "10:00".into(),
            end_time: "12:00".into(),
            venue: "Narva Kolledž".into(),
            municipality: "narva".into(),
            registration: "open".into(),
            until: "count".into(),
            ..EventForm::default()
        }
    }

    fn problems(form: &EventForm) -> Vec<(String, Problem)> {
        validate(form, &offered())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect()
    }

    fn only(field: &str, problem: Problem) -> Vec<(String, Problem)> {
        vec![(field.to_owned(), problem)]
    }

    #[test]
    fn a_complete_form_becomes_an_event_in_utc() {
        let event = validate(&form(), &offered()).unwrap();
        assert_eq!(db_time(event.starts_at), "2030-06-04T07:00:00Z");
        assert_eq!(db_time(event.ends_at), "2030-06-04T09:00:00Z");
        assert_eq!(event.title.get(Lang::Et), Some("Glasuurimise töötuba"));
        assert_eq!(event.municipality_code.as_deref(), Some("narva"));
        assert_eq!(event.recurrence, None);
        assert_eq!(event.capacity, None);
    }

    #[test]
    fn an_all_day_event_runs_from_the_first_midnight_to_the_last_evening() {
        let fair = EventForm {
            all_day: true,
            start_date: "2030-12-05".into(),
            end_date: "2030-12-06".into(),
            start_time: "nonsense, ignored".into(),
            ..form()
        };
        let event = validate(&fair, &offered()).unwrap();
        assert_eq!(db_time(event.starts_at), "2030-12-04T22:00:00Z");
        assert_eq!(db_time(event.ends_at), "2030-12-06T21:59:00Z");
        let backwards = EventForm {
            end_date: "2030-12-04".into(),
            ..fair
        };
        assert_eq!(
            problems(&backwards),
            only("end_date", Problem::EndBeforeStart)
        );
    }

    #[test]
    fn times_that_tallinn_skips_or_repeats_and_dates_that_do_not_exist_are_named() {
        let at = |date: &str, time: &str| EventForm {
            start_date: date.into(),
            start_time: time.into(),
            end_time: "23:00".into(),
            ..form()
        };
        assert_eq!(
            problems(&at("2027-03-28", "03:30")),
            only("start_time", Problem::InTimeGap)
        );
        assert_eq!(
            problems(&at("2026-10-25", "03:30")),
            only("start_time", Problem::AmbiguousTime)
        );
        assert_eq!(
            problems(&at("2027-02-30", "10:00")),
            vec![
                ("start_date".to_owned(), Problem::NotADate),
                ("end_date".to_owned(), Problem::NotADate)
            ]
        );
        assert_eq!(
            problems(&at("2027-02-01", "25:00")),
            only("start_time", Problem::NotATime)
        );
        assert_eq!(
            problems(&at("", "10:00")),
            vec![
                ("start_date".to_owned(), Problem::Required),
                ("end_date".to_owned(), Problem::Required)
            ]
        );
    }

    #[test]
    fn the_end_comes_after_the_start() {
        let same_time = EventForm {
            end_time: "10:00".into(),
            ..form()
        };
        assert_eq!(
            problems(&same_time),
            only("end_time", Problem::EndBeforeStart)
        );
        let day_before = EventForm {
            end_date: "2030-06-03".into(),
            end_time: "18:00".into(),
            ..form()
        };
        assert_eq!(
            problems(&day_before),
            only("end_date", Problem::EndBeforeStart)
        );
        let overnight = EventForm {
            end_date: "2030-06-05".into(),
            end_time: "02:00".into(),
            ..form()
        };
        assert!(validate(&overnight, &offered()).is_ok());
    }

    #[test]
    fn a_title_in_one_language_places_as_whole_numbers_and_links_as_web_addresses() {
        let untitled = EventForm {
            title_et: "   ".into(),
            ..form()
        };
        assert_eq!(
            problems(&untitled),
            only("title_et", Problem::TitleInOneLanguage)
        );
        let russian_only = EventForm {
            title_et: String::new(),
            title_ru: "Мастер-класс".into(),
            ..form()
        };
        assert!(validate(&russian_only, &offered()).is_ok());
        for capacity in ["-1", "1.5", "ten", "100001"] {
            let form = EventForm {
                capacity: capacity.into(),
                ..form()
            };
            assert_eq!(
                problems(&form),
                only("capacity", Problem::NotAWholeNumber),
                "{capacity}"
            );
        }
        for capacity in ["0", " 25 "] {
            let form = EventForm {
                capacity: capacity.into(),
                ..form()
            };
            assert!(validate(&form, &offered()).is_ok(), "{capacity}");
        }
        for link in [
            "javascript:alert(1)",
            "meet.example/room",
            "https://localhost",
            "ftp://files.example/x",
            "https:// spaces.example",
        ] {
            let form = EventForm {
                online_url: link.into(),
                ..form()
            };
            assert_eq!(
                problems(&form),
                only("online_url", Problem::NotAWebAddress),
                "{link}"
            );
        }
        let online_only = EventForm {
            venue: String::new(),
            online_url: "https://meet.example/room?id=4".into(),
            ..form()
        };
        assert!(validate(&online_only, &offered()).is_ok());
        let nowhere = EventForm {
            venue: String::new(),
            ..form()
        };
        assert_eq!(problems(&nowhere), only("venue", Problem::PlaceOrLink));
        let long = EventForm {
            title_et: "x".repeat(201),
            ..form()
        };
        assert_eq!(problems(&long), only("title_et", Problem::TooLong));
    }

    #[test]
    fn choices_must_be_offered_ones() {
        let forged = EventForm {
            type_code: "rave".into(),
            municipality: "atlantis".into(),
            registration: "maybe".into(),
            ..form()
        };
        assert_eq!(
            problems(&forged),
            vec![
                ("type_code".to_owned(), Problem::UnknownChoice),
                ("municipality".to_owned(), Problem::UnknownChoice),
                ("registration".to_owned(), Problem::UnknownChoice),
            ]
        );
        let untyped = EventForm {
            type_code: String::new(),
            ..form()
        };
        assert_eq!(problems(&untyped), only("type_code", Problem::Required));
    }

    #[test]
    fn the_registration_deadline_comes_before_the_start() {
        let late = EventForm {
            deadline_date: "2030-06-04".into(),
            deadline_time: "10:30".into(),
            ..form()
        };
        assert_eq!(
            problems(&late),
            only("deadline_date", Problem::DeadlineAfterStart)
        );
        // A date alone closes at the end of that day.
        let day_before = EventForm {
            deadline_date: "2030-06-03".into(),
            ..form()
        };
        let event = validate(&day_before, &offered()).unwrap();
        assert_eq!(
            event.registration_deadline.map(db_time).as_deref(),
            Some("2030-06-03T20:59:00Z")
        );
    }

    #[test]
    fn a_series_has_two_to_two_hundred_dates_within_two_years() {
        let monthly = EventForm {
            repeat: "monthly-by-weekday".into(),
            count: "12".into(),
            ..form()
        };
        assert_eq!(
            validate(&monthly, &offered())
                .unwrap()
                .recurrence
                .as_deref(),
            Some("FREQ=MONTHLY;BYDAY=1TU;COUNT=12")
        );
        for (count, problem) in [
            ("1", Problem::SeriesTooLong),
            ("201", Problem::SeriesTooLong),
            ("", Problem::NotAWholeNumber),
        ] {
            let form = EventForm {
                count: count.into(),
                ..monthly.clone()
            };
            assert_eq!(problems(&form), only("count", problem), "{count}");
        }
        let until = |date: &str| EventForm {
            until: "date".into(),
            until_date: date.into(),
            ..monthly.clone()
        };
        assert!(validate(&until("2031-06-04"), &offered()).is_ok());
        assert_eq!(
            problems(&until("2030-06-01")),
            only("until_date", Problem::UntilBeforeStart)
        );
        assert_eq!(
            problems(&until("2033-01-01")),
            only("until_date", Problem::SeriesTooLong)
        );
        let unknown = EventForm {
            repeat: "daily".into(),
            ..monthly
        };
        assert_eq!(problems(&unknown), only("repeat", Problem::UnknownChoice));
    }

    #[tokio::test]
    async fn a_saved_form_reads_back_as_the_same_form() {
        let pool = crate::platform::db::test_pool().await;
        let typed = EventForm {
            title_ru: "Мастер-класс".into(),
            description_en: "Bring an apron.".into(),
            online_url: "https://meet.example/glaze".into(),
            speaks_et: true,
            speaks_en: true,
            capacity: "12".into(),
            deadline_date: "2030-06-01".into(),
            deadline_time: "18:00".into(),
            repeat: "every-two-weeks".into(),
            until: "date".into(),
            until_date: "2030-09-01".into(),
            end_date: "2030-06-04".into(),
            ..form()
        };
        let event = validate(&typed, &choices(&pool).await.unwrap()).unwrap();
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role) VALUES ('t@ivek.example', 'x', 'admin')
             RETURNING id",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let saved = save(
            &pool,
            None,
            None,
            false,
            event,
            Actor::account(user_id, "127.0.0.1"),
        )
        .await
        .unwrap();
        let stored = event_by_id(&pool, saved.id).await.unwrap().unwrap();
        assert_eq!(form_of(&stored), typed);
    }
}
