//! Funding deadline reminders to the newsletter's funding subscribers: 14 and 3 days before the
//! next deadline of each open call, to those whose chosen sectors it is for (none chosen:
//! every sector). A row in `funding_reminders` per subscriber, call, deadline and distance is
//! written in the same statement that picks them, so no reminder goes twice, and none goes
//! for a paused or closed call (only open calls are looked at).

use crate::funding::CallStatus;
use crate::funding::model::Call;
use crate::i18n::Lang;
use crate::newsletter::signing::Purpose;
use crate::newsletter::store::subscribers::key;
use crate::newsletter::{Topic, Topics};
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::db::{Result, write};
use jiff::{SignedDuration, Timestamp};
use sqlx::SqlitePool;

/// Days before a deadline, and until when before it, each reminder goes: the 14-day one from
/// 14 days until 3 days before (a call published late still gets it), the 3-day one after.
const WINDOWS: [(i64, i64); 2] = [(14, 3), (3, 0)];

/// Queues the reminders due at `now` for `calls`; how many.
pub async fn remind_funding(
    pool: &SqlitePool,
    calls: &[Call],
    origin: &str,
    now: Timestamp,
) -> Result<usize> {
    let day = |days: i64| SignedDuration::from_hours(24 * days);
    let mut queued = 0;
    let key = key(pool).await?;
    for call in calls.iter().filter(|call| call.status == CallStatus::Open) {
        let Some((wall, at)) = call.coming(now).first() else {
            continue;
        };
        let Some((days, _)) = WINDOWS
            .into_iter()
            .find(|(from, until)| *at - day(*from) <= now && now < *at - day(*until))
        else {
            continue;
        };
        let deadline = wall.strftime("%Y-%m-%dT%H:%M").to_string();
        let sectors = serde_json::to_string(&call.sectors).unwrap_or_default();
        let mut tx = write(pool).await?;
        let readers: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "INSERT INTO funding_reminders (subscriber_id, call_id, deadline, days)
             SELECT s.id, ?1, ?2, ?3 FROM subscribers s
             WHERE s.status = 'confirmed' AND (s.topics & ?4) <> 0
               AND NOT EXISTS (SELECT 1 FROM mail_bounces WHERE address = s.email)
               AND (s.sectors = '' OR ?5 = '[]' OR EXISTS (
                   SELECT 1 FROM json_each(?5) j
                   WHERE ' ' || s.sectors || ' ' LIKE '% ' || j.value || ' %'))
             ON CONFLICT DO NOTHING
             RETURNING subscriber_id,
                 (SELECT email FROM subscribers WHERE id = subscriber_id),
                 (SELECT lang FROM subscribers WHERE id = subscriber_id),
                 (SELECT generation FROM subscribers WHERE id = subscriber_id)",
        )
        .bind(call.id)
        .bind(&deadline)
        .bind(days)
        .bind(Topics::of([Topic::Funding]).0)
        .bind(&sectors)
        .fetch_all(&mut *tx)
        .await?;
        for (id, email, lang, generation) in &readers {
            let lang: Lang = lang.parse().unwrap_or(Lang::DEFAULT);
            let texts = &lang.texts().funding;
            let title = call
                .title
                .show(lang)
                .map(|shown| shown.text.to_owned())
                .unwrap_or_default();
            let token = key.sign(Purpose::Manage, *id, *generation);
            let text = format!(
                "{}\n\n{title}\n{}\n{} {}\n{origin}/{lang}/funding/{}\n\n{}\n{origin}/{lang}/newsletter/subscription?token={token}",
                texts.reminder_text,
                call.funder,
                texts.deadline,
                crate::funding::view::until(*wall, *at, lang),
                call.slug,
                texts.reminder_foot,
            );
            let subject = texts
                .reminder_subject
                .replace("{days}", &days.to_string())
                .replace("{title}", &title);
            queue(
                &mut tx,
                &NewMessage {
                    recipient: email,
                    lang: Some(lang),
                    subject: &subject,
                    body: &letter(lang, "", &text),
                    bulk: true,
                    ..NewMessage::default()
                },
            )
            .await?;
        }
        tx.commit().await?;
        queued += readers.len();
    }
    Ok(queued)
}
