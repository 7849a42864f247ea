//! Feedback as stored: each attendee's private link and whether they answered on
//! `registrations`, the answers in `feedback_answers` with nothing that says whose.

use crate::error::{AppError, Problem};
use crate::feedback::{
    ANSWER_CHARS, FeedbackForm, FeedbackSummary, MAX_QUESTIONS, QUESTION_CHARS, default_questions,
};
use crate::i18n::Lang;
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::audit::{Actor, record};
use crate::platform::db::Result;
use crate::registrations::RegistrationStatus;
use crate::shared::Localized;
use crate::shared::text::{clean_line, clean_text, shorten};
use serde_json::json;
use sqlx::{SqliteConnection, SqlitePool};

/// Event `event_id`'s questions: the coordinator's, else the default ones.
async fn questions(connection: &mut SqliteConnection, event_id: i64) -> Result<Vec<Localized>> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT questions FROM feedback_questions WHERE event_id = ?")
            .bind(event_id)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(stored
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_else(default_questions))
}

/// Checks and keeps the coordinator's questions for event `event_id`: blank ones are dropped,
/// each needs its text in at least one language, and none may be longer than
/// [`QUESTION_CHARS`]. No questions at all is allowed (the form asks for the rating alone).
pub async fn save_questions(
    pool: &SqlitePool,
    event_id: i64,
    questions: Vec<Localized>,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let questions: Vec<Localized> = questions
        .into_iter()
        .map(|question| {
            let line = |lang| {
                question
                    .get(lang)
                    .map(clean_line)
                    .filter(|text| !text.is_empty())
            };
            Localized::new(line(Lang::Et), line(Lang::Ru), line(Lang::En))
        })
        .filter(|question| Lang::ALL.iter().any(|&lang| question.get(lang).is_some()))
        .collect();
    if questions.len() > MAX_QUESTIONS {
        return Err(AppError::invalid("questions", Problem::TooLong));
    }
    for (index, question) in questions.iter().enumerate() {
        for lang in Lang::ALL {
            if question
                .get(lang)
                .is_some_and(|text| text.chars().count() > QUESTION_CHARS)
            {
                return Err(AppError::invalid(
                    &format!("questions.{index}.{lang}"),
                    Problem::TooLong,
                ));
            }
        }
    }
    let mut tx = crate::platform::db::write(pool).await?;
    if crate::events::event_by_id(&mut tx, event_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let before = questions_json(&self::questions(&mut tx, event_id).await?);
    let after = questions_json(&questions);
    sqlx::query(
        "INSERT INTO feedback_questions (event_id, questions) VALUES (?, ?)
         ON CONFLICT (event_id) DO UPDATE SET questions = excluded.questions",
    )
    .bind(event_id)
    .bind(&after)
    .execute(&mut *tx)
    .await?;
    if before != after {
        record(
            &mut tx,
            actor,
            "feedback.questions",
            "event",
            Some(event_id),
            json!({ "questions": [before, after] }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn questions_json(questions: &[Localized]) -> String {
    serde_json::to_string(questions).unwrap_or_default()
}

/// Sends the feedback form to everyone marked present at event `event_id` who was not sent it
/// before, each in their language with their own link. Answers how many were sent it.
pub async fn ask(
    pool: &SqlitePool,
    event_id: i64,
    origin: &str,
    actor: Actor<'_>,
) -> Result<u64, AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let Some(event) = crate::events::event_by_id(&mut tx, event_id).await? else {
        return Err(AppError::NotFound);
    };
    let attendees: Vec<(i64, String, String, Lang)> = sqlx::query_as(
        "SELECT id, name, email, lang FROM registrations
         WHERE event_id = ? AND status <> ? AND attended_at IS NOT NULL
           AND feedback_asked_at IS NULL
         ORDER BY id",
    )
    .bind(event_id)
    .bind(RegistrationStatus::Cancelled)
    .fetch_all(&mut *tx)
    .await?;
    for (id, name, email, lang) in &attendees {
        let token = crate::platform::request::random_token();
        sqlx::query(
            "UPDATE registrations SET feedback_token = ?,
                 feedback_asked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?",
        )
        .bind(&token)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let texts = &lang.texts().feedback;
        let title = event
            .title
            .show(*lang)
            .map(|shown| shown.text.to_owned())
            .unwrap_or_default();
        let when =
            crate::shared::time::format_span(event.starts_at, event.ends_at, event.all_day, *lang);
        let text = texts
            .mail_text
            .replace("{title}", &title)
            .replace("{when}", &when);
        let body = format!("{text}\n\n{origin}/{lang}/feedback/{token}");
        queue(
            &mut tx,
            &NewMessage {
                recipient: email,
                lang: Some(*lang),
                subject: &texts.mail_subject.replace("{title}", &title),
                body: &letter(*lang, name, &body),
                registration_id: Some(*id),
                ..NewMessage::default()
            },
        )
        .await?;
    }
    let asked = attendees.len() as u64;
    if asked > 0 {
        record(
            &mut tx,
            actor,
            "feedback.asked",
            "event",
            Some(event_id),
            json!({ "asked": [null, asked] }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(asked)
}

/// The form behind private link `token`, in `lang`.
pub async fn form(pool: &SqlitePool, lang: Lang, token: &str) -> Result<Option<FeedbackForm>> {
    let mut connection = pool.acquire().await?;
    let found: Option<(i64, bool)> = sqlx::query_as(
        "SELECT event_id, feedback_given_at IS NOT NULL FROM registrations WHERE feedback_token = ?",
    )
    .bind(token)
    .fetch_optional(&mut *connection)
    .await?;
    let Some((event_id, answered)) = found else {
        return Ok(None);
    };
    let Some(event) = crate::events::event_by_id(&mut connection, event_id).await? else {
        return Ok(None);
    };
    Ok(Some(FeedbackForm {
        event_title: event.title.clone(),
        when: crate::shared::time::format_span(event.starts_at, event.ends_at, event.all_day, lang),
        questions: questions(&mut connection, event_id).await?,
        answered,
    }))
}

/// Keeps the answers given through private link `token`, once: a second answer is
/// `AlreadyAnswered`. Answers beyond the event's questions are dropped, long ones shortened.
pub async fn give(
    pool: &SqlitePool,
    lang: Lang,
    token: &str,
    rating: Option<u8>,
    answers: &[String],
) -> Result<(), AppError> {
    if rating.is_some_and(|rating| !(1..=5).contains(&rating)) {
        return Err(AppError::invalid("rating", Problem::UnknownChoice));
    }
    let answers: Vec<String> = answers
        .iter()
        .take(MAX_QUESTIONS)
        .map(|answer| shorten(clean_text(answer).trim(), ANSWER_CHARS))
        .collect();
    if rating.is_none() && answers.iter().all(String::is_empty) {
        return Err(AppError::invalid("rating", Problem::Required));
    }
    let mut tx = crate::platform::db::write(pool).await?;
    let found: Option<(i64, i64)> =
        sqlx::query_as("SELECT id, event_id FROM registrations WHERE feedback_token = ?")
            .bind(token)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((id, event_id)) = found else {
        return Err(AppError::NotFound);
    };
    let first = sqlx::query(
        "UPDATE registrations SET feedback_given_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND feedback_given_at IS NULL",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if first.rows_affected() == 0 {
        return Err(AppError::invalid("rating", Problem::AlreadyAnswered));
    }
    let asked = questions(&mut tx, event_id).await?.len();
    let answers: Vec<&String> = answers.iter().take(asked).collect();
    sqlx::query(
        "INSERT INTO feedback_answers (event_id, rating, answers, lang) VALUES (?, ?, ?, ?)",
    )
    .bind(event_id)
    .bind(rating)
    .bind(serde_json::to_string(&answers).unwrap_or_else(|_| "[]".into()))
    .bind(lang)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The most written answers the summary lists for a question.
const WRITTEN_SHOWN: usize = 200;

/// Event `event_id`'s answers summed up, or `None` when there is no such event.
pub async fn summary(pool: &SqlitePool, event_id: i64) -> Result<Option<FeedbackSummary>> {
    let mut connection = pool.acquire().await?;
    if crate::events::event_by_id(&mut connection, event_id)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let questions = questions(&mut connection, event_id).await?;
    let (attendees, asked): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(feedback_asked_at) FROM registrations
         WHERE event_id = ? AND status <> ? AND attended_at IS NOT NULL",
    )
    .bind(event_id)
    .bind(RegistrationStatus::Cancelled)
    .fetch_one(&mut *connection)
    .await?;
    let given: Vec<(Option<i64>, String)> = sqlx::query_as(
        "SELECT rating, answers FROM feedback_answers WHERE event_id = ? ORDER BY id DESC",
    )
    .bind(event_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut ratings = [0i64; 5];
    let mut written = vec![Vec::new(); questions.len()];
    for (rating, answers) in &given {
        if let Some(rating) = rating.and_then(|r| usize::try_from(r - 1).ok())
            && rating < 5
        {
            ratings[rating] += 1;
        }
        let answers: Vec<String> = serde_json::from_str(answers).unwrap_or_default();
        for (list, answer) in written.iter_mut().zip(answers) {
            if !answer.is_empty() && list.len() < WRITTEN_SHOWN {
                list.push(answer);
            }
        }
    }
    let rated: i64 = ratings.iter().sum();
    let average = (rated > 0).then(|| {
        let total: i64 = ratings
            .iter()
            .zip(1..)
            .map(|(count, rating)| count * rating)
            .sum();
        format!("{:.1}", total as f64 / rated as f64)
    });
    Ok(Some(FeedbackSummary {
        event_id,
        questions,
        attendees,
        asked,
        answers: given.len() as i64,
        ratings,
        average,
        written,
    }))
}
