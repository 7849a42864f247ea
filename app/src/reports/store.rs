//! A report read from the calendar in memory and the database: the events held in the period,
//! the registrations of those events, and the directory entries their organisations name.

use crate::error::{AppError, Problem};
use crate::events::CalendarCache;
use crate::i18n::Lang;
use crate::platform::audit::{Actor, record};
use crate::platform::db::Result;
use crate::platform::vocabulary::{Vocabulary, kind_label, label, labelled, size_label};
use crate::registrations::RegistrationStatus;
use crate::registrations::facts::{Facts, questions};
use crate::reports::tally::{
    Entry, Held, Present, SMALLEST_TOTAL, facts_totals, name_key, suppressed, tally,
};
use crate::reports::{
    Bar, Breakdown, PROGRAMME_CHARS, Participants, ProgrammeTag, Report, ReportQuery, Totals,
};
use crate::shared::text::clean_line;
use crate::shared::time::{LocalTimeProblem, parse_date, start_of_day, tallinn};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet};

/// The longest period a report covers.
const MAX_YEARS: i16 = 10;

/// The period and type `query` asks for, checked: this year when no dates are given.
fn period(query: &ReportQuery, today: Date) -> Result<(Date, Date), AppError> {
    let date = |field: &str, text: &Option<String>, default: Date| match text
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
    {
        None => Ok(default),
        Some(text) => parse_date(text).map_err(|problem| {
            AppError::invalid(
                field,
                match problem {
                    LocalTimeProblem::OutOfRange => Problem::DateOutOfRange,
                    _ => Problem::NotADate,
                },
            )
        }),
    };
    let year = today.year();
    let from = date("from", &query.from, Date::new(year, 1, 1).unwrap_or(today))?;
    let to = date("to", &query.to, Date::new(year, 12, 31).unwrap_or(today))?;
    if to < from {
        return Err(AppError::invalid("to", Problem::EndBeforeStart));
    }
    if to.year() - from.year() > MAX_YEARS {
        return Err(AppError::invalid("to", Problem::PeriodTooLong));
    }
    Ok((from, to))
}

pub async fn report(
    pool: &SqlitePool,
    calendar: &CalendarCache,
    vocabulary: &Vocabulary,
    lang: Lang,
    query: &ReportQuery,
) -> Result<Report, AppError> {
    let texts = &lang.texts().reports;
    let (from, to) = period(query, Timestamp::now().to_zoned(tallinn()).date())?;
    let event_type = query.event_type.clone().filter(|code| !code.is_empty());
    if event_type
        .as_deref()
        .is_some_and(|code| label(&vocabulary.event_types, code, lang).is_none())
    {
        return Err(AppError::invalid("type", Problem::UnknownChoice));
    }
    let (start, end) = (
        start_of_day(from),
        start_of_day(to.tomorrow().unwrap_or(to)),
    );
    let programmes = programmes(pool).await?;
    let programme = query
        .programme
        .clone()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    if programme.as_ref().is_some_and(|p| !programmes.contains(p)) {
        return Err(AppError::invalid("programme", Problem::UnknownChoice));
    }
    // The events tagged with the programme asked for.
    let tagged: Option<HashSet<i64>> = match &programme {
        None => None,
        Some(programme) => Some(
            sqlx::query_scalar("SELECT id FROM events WHERE programme = ?")
                .bind(programme)
                .fetch_all(pool)
                .await?
                .into_iter()
                .collect(),
        ),
    };

    // The events held: every occurrence that starts in the period and was not cancelled.
    let calendar = calendar.current(pool).await?;
    let mut held = Vec::new();
    let mut occurrences = 0i64;
    let mut duration = SignedDuration::ZERO;
    for event in &calendar.events {
        if event.is_cancelled()
            || event_type.as_ref().is_some_and(|t| *t != event.type_code)
            || tagged.as_ref().is_some_and(|ids| !ids.contains(&event.id))
        {
            continue;
        }
        let dates: Vec<_> = event
            .occurrences(start, end)
            .into_iter()
            .filter(|o| !o.cancelled && o.starts_at >= start)
            .collect();
        let Some(first) = dates.first() else {
            continue;
        };
        occurrences += dates.len() as i64;
        if !event.all_day {
            for date in &dates {
                duration += date.ends_at.duration_since(date.starts_at);
            }
        }
        held.push(Held {
            id: event.id,
            type_label: event.type_label.get(lang).clone(),
            month: first
                .starts_at
                .to_zoned(tallinn())
                .strftime("%Y-%m")
                .to_string(),
        });
    }

    // Their registrations, and who was there.
    let ids = serde_json::to_string(&held.iter().map(|e| e.id).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into());
    let rows: Vec<(i64, String, Option<String>, bool)> = sqlx::query_as(
        "SELECT event_id, email, organisation, attended_at IS NOT NULL FROM registrations
         WHERE event_id IN (SELECT value FROM json_each(?)) AND status <> ?",
    )
    .bind(&ids)
    .bind(RegistrationStatus::Cancelled)
    .fetch_all(pool)
    .await?;
    let registrations = rows.len() as i64;
    let present: Vec<Present> = rows
        .into_iter()
        .filter(|(.., attended)| *attended)
        .map(|(event_id, email, organisation, _)| Present {
            event_id,
            email,
            organisation,
        })
        .collect();
    let directory = entries_named(pool, vocabulary, lang, &present).await?;
    let participants = participants(pool, &ids, lang).await?;
    let counted = tally(&held, &present, &directory, texts.unlisted);

    let breakdown = |code: &str, title: &str, bars: Vec<Bar>| Breakdown {
        code: code.to_owned(),
        title: title.to_owned(),
        bars,
    };
    let on_map = |code: &str| {
        let label = label(&vocabulary.municipalities, code, lang).unwrap_or_default();
        counted
            .by_municipality
            .iter()
            .find(|bar| bar.label == label)
            .map_or(0, |bar| bar.value)
    };
    let map = Some(crate::reports::map::map(
        &vocabulary.municipalities,
        lang,
        on_map,
    ))
    .filter(|map| map.areas.iter().any(|area| area.value > 0));
    let hours = duration.as_secs_f64() / 3600.0;
    Ok(Report {
        from: from.to_string(),
        to: to.to_string(),
        event_type,
        types: labelled(&vocabulary.event_types, lang),
        programme,
        programmes,
        events_held: occurrences,
        hours: match lang {
            Lang::En => format!("{hours:.1}"),
            Lang::Et | Lang::Ru => format!("{hours:.1}").replace('.', ","),
        },
        registrations,
        people: counted.people,
        enterprises: counted.enterprises,
        breakdowns: vec![
            breakdown("month", texts.by_month, counted.by_month),
            breakdown("type", texts.by_type, counted.by_type),
            breakdown(
                "municipality",
                texts.by_municipality,
                counted.by_municipality,
            ),
            breakdown("sector", texts.by_sector, counted.by_sector),
            breakdown("kind", texts.by_kind, counted.by_kind),
            breakdown("size", texts.by_size, counted.by_size),
        ],
        map,
        participants,
    })
}

/// The answers to the funder's questions of those present at the events `ids` (a JSON array),
/// as totals that may be reported; `None` when no one present answered.
async fn participants(pool: &SqlitePool, ids: &str, lang: Lang) -> Result<Option<Participants>> {
    #[derive(sqlx::FromRow)]
    struct Answer {
        email: String,
        #[sqlx(flatten)]
        facts: Facts,
    }
    let rows: Vec<Answer> = sqlx::query_as(
        "SELECT r.email, f.gender, f.age_band, f.employment
         FROM registrations r JOIN participant_facts f ON f.registration_id = r.id
         WHERE r.event_id IN (SELECT value FROM json_each(?)) AND r.status <> ?
           AND r.attended_at IS NOT NULL
         ORDER BY r.id",
    )
    .bind(ids)
    .bind(RegistrationStatus::Cancelled)
    .fetch_all(pool)
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let answers: Vec<(String, Facts)> = rows.into_iter().map(|a| (a.email, a.facts)).collect();
    let (respondents, counts) = facts_totals(&answers);
    let not_answered = lang.texts().facts.not_answered;
    let questions = questions(lang)
        .into_iter()
        .zip(counts)
        .map(|((code, title, _, labels), counts)| Totals {
            code: code.to_owned(),
            title: title.to_owned(),
            counts: labels
                .iter()
                .chain([&not_answered])
                .map(|label| (*label).to_owned())
                .zip(suppressed(&counts))
                .collect(),
        })
        .collect();
    Ok(Some(Participants {
        respondents: (respondents >= SMALLEST_TOTAL).then_some(respondents),
        questions,
    }))
}

/// The programme tags events have, in order.
pub async fn programmes(pool: &SqlitePool) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT programme FROM events WHERE programme IS NOT NULL ORDER BY programme",
    )
    .fetch_all(pool)
    .await?)
}

/// Event `event_id`'s programme tag and the tags in use; `None` when there is no such event.
pub async fn programme_tag(pool: &SqlitePool, event_id: i64) -> Result<Option<ProgrammeTag>> {
    let tag: Option<(Option<String>, bool)> =
        sqlx::query_as("SELECT programme, asks_participant_facts FROM events WHERE id = ?")
            .bind(event_id)
            .fetch_optional(pool)
            .await?;
    let Some((programme, asks_facts)) = tag else {
        return Ok(None);
    };
    Ok(Some(ProgrammeTag {
        programme,
        known: programmes(pool).await?,
        asks_facts,
    }))
}

/// Tags event `event_id` with `programme` (one line, at most [`PROGRAMME_CHARS`]; empty
/// removes the tag), and has its registrants asked the funder's questions or not.
pub async fn set_programme(
    pool: &SqlitePool,
    event_id: i64,
    programme: &str,
    asks_facts: bool,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let programme = clean_line(programme);
    if programme.chars().count() > PROGRAMME_CHARS {
        return Err(AppError::invalid("programme", Problem::TooLong));
    }
    let programme = Some(programme).filter(|p| !p.is_empty());
    let mut tx = crate::platform::db::write(pool).await?;
    let before: Option<(Option<String>, bool)> =
        sqlx::query_as("SELECT programme, asks_participant_facts FROM events WHERE id = ?")
            .bind(event_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(before) = before else {
        return Err(AppError::NotFound);
    };
    if before != (programme.clone(), asks_facts) {
        sqlx::query("UPDATE events SET programme = ?, asks_participant_facts = ? WHERE id = ?")
            .bind(&programme)
            .bind(asks_facts)
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            "event.programme",
            "event",
            Some(event_id),
            json!({
                "programme": [before.0, programme],
                "asks_participant_facts": [before.1, asks_facts],
            }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Registrations made, and people marked present, in each of the last twelve months (UTC),
/// the oldest first.
pub async fn last_twelve_months(pool: &SqlitePool) -> Result<(Vec<Bar>, Vec<Bar>)> {
    let this_month = Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .first_of_month();
    let months: Vec<String> = (0..12)
        .rev()
        .filter_map(|back| this_month.checked_sub(jiff::Span::new().months(back)).ok())
        .map(|month| month.strftime("%Y-%m").to_string())
        .collect();
    Ok((
        monthly(pool, "created_at", &months).await?,
        monthly(pool, "attended_at", &months).await?,
    ))
}

/// Live registrations by the month (`YYYY-MM`) of `column`, one bar for each of `months`.
async fn monthly(pool: &SqlitePool, column: &'static str, months: &[String]) -> Result<Vec<Bar>> {
    let counted: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT substr({column}, 1, 7), count(*) FROM registrations
         WHERE {column} >= ? AND status <> ? GROUP BY 1"
    )))
    .bind(format!("{}-01", months.first().map_or("", String::as_str)))
    .bind(RegistrationStatus::Cancelled)
    .fetch_all(pool)
    .await?;
    let counted: HashMap<String, i64> = counted.into_iter().collect();
    Ok(months
        .iter()
        .map(|month| Bar {
            label: month.clone(),
            value: counted.get(month).copied().unwrap_or(0),
        })
        .collect())
}

/// The directory entries the organisations of `present` name, by [`name_key`], with their
/// municipality, kind and sectors in `lang`.
async fn entries_named(
    pool: &SqlitePool,
    vocabulary: &Vocabulary,
    lang: Lang,
    present: &[Present],
) -> Result<HashMap<String, Entry>> {
    let wanted: HashSet<String> = present
        .iter()
        .filter_map(|person| person.organisation.as_deref().map(name_key))
        .collect();
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    // Names compared as the tally compares them (SQLite's lower() knows only ASCII).
    let names: Vec<(i64, String, String, String, Option<String>)> =
        sqlx::query_as("SELECT id, name, municipality_code, kind, size FROM organisations")
            .fetch_all(pool)
            .await?;
    let size_unknown = lang.texts().reports.size_unknown;
    let mut found: HashMap<String, Entry> = HashMap::new();
    for (id, name, municipality, kind, size) in names {
        let key = name_key(&name);
        if wanted.contains(&key) && !found.contains_key(&key) {
            found.insert(
                key,
                Entry {
                    id,
                    municipality: label(&vocabulary.municipalities, &municipality, lang)
                        .unwrap_or(&municipality)
                        .to_owned(),
                    kind: kind_label(lang, &kind).to_owned(),
                    size: size
                        .map(|size| size_label(lang, &size))
                        .filter(|label| !label.is_empty())
                        .unwrap_or(size_unknown)
                        .to_owned(),
                    sectors: Vec::new(),
                },
            );
        }
    }
    let ids = serde_json::to_string(&found.values().map(|e| e.id).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into());
    let sectors: Vec<(i64, String)> = sqlx::query_as(
        "SELECT organisation_id, sector_code FROM organisation_sectors
         WHERE organisation_id IN (SELECT value FROM json_each(?))",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    let by_id: HashMap<i64, String> = found.iter().map(|(key, e)| (e.id, key.clone())).collect();
    for (id, code) in sectors {
        if let Some(entry) = by_id.get(&id).and_then(|key| found.get_mut(key)) {
            entry.sectors.push(
                label(&vocabulary.sectors, &code, lang)
                    .unwrap_or(&code)
                    .to_owned(),
            );
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(from: &str, to: &str) -> ReportQuery {
        ReportQuery {
            from: Some(from.into()),
            to: Some(to.into()),
            event_type: None,
            programme: None,
        }
    }

    #[test]
    fn the_period_is_checked_and_defaults_to_this_year() {
        let today = Date::new(2026, 12, 3).unwrap();
        let dates =
            |from, to| period(&query(from, to), today).map(|(f, t)| (f.to_string(), t.to_string()));
        assert_eq!(
            dates("", ""),
            Ok(("2026-01-01".into(), "2026-12-31".into()))
        );
        assert_eq!(
            dates("2025-03-01", "2025-05-31"),
            Ok(("2025-03-01".into(), "2025-05-31".into()))
        );
        let problem = |from, to| dates(from, to).unwrap_err();
        assert_eq!(
            problem("2025-13-01", ""),
            AppError::invalid("from", Problem::NotADate)
        );
        assert_eq!(
            problem("", "9999-01-01"),
            AppError::invalid("to", Problem::DateOutOfRange)
        );
        assert_eq!(
            problem("2026-05-01", "2026-04-30"),
            AppError::invalid("to", Problem::EndBeforeStart)
        );
        assert_eq!(
            problem("1990-01-01", "2026-01-01"),
            AppError::invalid("to", Problem::PeriodTooLong)
        );
    }
}
