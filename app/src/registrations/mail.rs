//! The mail a registrant gets, in the language they registered in: where they stand, later news
//! of the event, and a reminder the day before. Each tells the event's time and place, links
//! its page and the registrant's private page (to cancel), and, when they hold a place, has the
//! event attached as iCalendar (METHOD:PUBLISH, the same UID and SEQUENCE as the feeds, so that
//! a calendar updates the copy it has).

use crate::events::ics::{Site, calendar};
use crate::events::model::{CalendarEvent, HORIZON};
use crate::i18n::Lang;
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::db::Result;
use crate::registrations::RegistrationStatus;
use crate::shared::time::{format_span, format_span_zoned};
use jiff::Timestamp;
use sqlx::{FromRow, SqliteConnection};

/// What a message tells the registrant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    /// Registered with a place.
    Confirmed,
    /// On the waiting list, at this position (from 1).
    Waiting(i64),
    /// Registered already (the same email again): where they stand.
    Again,
    MovedUp,
    /// The time or place changed.
    Changed,
    Cancelled,
    /// A cancelled event takes place after all.
    Restored,
    /// The day before.
    Reminder,
}

/// A registration as its mail needs it.
#[derive(Clone, Debug, FromRow)]
pub struct Registrant {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub cancel_token: String,
    pub status: RegistrationStatus,
    pub lang: Lang,
    pub check_in_code: String,
}

/// The columns of [`Registrant`], for queries on `registrations`.
pub const REGISTRANT: &str = "id, name, email, cancel_token, status, lang, check_in_code";

/// The event and the site a message is about.
pub struct About<'a> {
    pub event: &'a CalendarEvent,
    /// The site's origin (`https://loomeklaster.ee`), for links.
    pub origin: &'a str,
    /// The date told: the next one from now, or the one a reminder is for.
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
}

impl<'a> About<'a> {
    /// `event` at its next date after `now` that is not cancelled (its first date when it has
    /// none left).
    pub fn next(event: &'a CalendarEvent, origin: &'a str, now: Timestamp) -> Self {
        let (starts_at, ends_at) = event
            .occurrences(now, now + HORIZON)
            .into_iter()
            .find(|o| o.starts_at > now && !o.cancelled)
            .map_or((event.starts_at, event.ends_at), |o| {
                (o.starts_at, o.ends_at)
            });
        Self {
            event,
            origin,
            starts_at,
            ends_at,
        }
    }
}

/// Queues `news` for `registrant` in the caller's transaction.
pub async fn tell(
    connection: &mut SqliteConnection,
    registrant: &Registrant,
    about: &About<'_>,
    news: News,
) -> Result<()> {
    let lang = registrant.lang;
    let texts = &lang.texts().events;
    let event = about.event;
    let title = event
        .title
        .show(lang)
        .map(|shown| shown.text.to_owned())
        .unwrap_or_default();
    let when = format_span(about.starts_at, about.ends_at, event.all_day, lang);
    let status = match registrant.status {
        RegistrationStatus::Confirmed => texts.status_confirmed,
        RegistrationStatus::Waiting => texts.status_waiting,
        RegistrationStatus::Cancelled => texts.status_cancelled,
    };
    let (subject, line) = match news {
        News::Confirmed => (texts.mail_subject, texts.mail_confirmed),
        News::Waiting(_) => (texts.mail_subject, texts.mail_waiting),
        News::Again => (texts.mail_subject, texts.mail_again),
        News::MovedUp => (texts.subject_moved_up, texts.mail_moved_up),
        News::Changed => (texts.subject_changed, texts.mail_changed),
        News::Cancelled => (texts.subject_cancelled, texts.mail_cancelled),
        News::Restored => (texts.subject_restored, texts.mail_restored),
        News::Reminder => (texts.subject_reminder, texts.mail_reminder),
    };
    let position = match news {
        News::Waiting(position) => position.to_string(),
        _ => String::new(),
    };
    let fill = |template: &str| {
        template
            .replace("{title}", &title)
            .replace("{when}", &when)
            .replace("{position}", &position)
            .replace("{status}", status)
    };
    let mut text = format!(
        "{}\n\n{title}\n{}: {}\n",
        fill(line),
        texts.when,
        format_span_zoned(about.starts_at, about.ends_at, event.all_day, lang)
    );
    let place = place(event, lang);
    if !place.is_empty() {
        text.push_str(&format!("{}: {place}\n", texts.place));
    }
    if let Some(online) = &event.online_url {
        text.push_str(&format!("{}: {online}\n", texts.online_link));
    }
    // The code to show at the door, to everyone with a place in an event that takes place.
    let confirmed = registrant.status == RegistrationStatus::Confirmed;
    let check_in = (confirmed && news != News::Cancelled).then(|| {
        text.push_str(&format!("\n{}\n", lang.texts().attendance.mail_qr));
        crate::attendance::qr::address(about.origin, &registrant.check_in_code)
    });
    text.push_str(&format!(
        "{}: {}/{lang}/events/{}\n\n{}\n{}/{lang}/registration/{}",
        texts.event_page,
        about.origin,
        event.slug,
        texts.mail_link,
        about.origin,
        registrant.cancel_token
    ));
    // A calendar gets the event only from someone who holds a place in it.
    let attachment = confirmed.then(|| {
        calendar(
            [event],
            lang,
            &Site {
                origin: about.origin,
                name: lang.texts().site_name,
            },
        )
    });
    queue(
        connection,
        &NewMessage {
            recipient: &registrant.email,
            lang: Some(lang),
            subject: &fill(subject),
            body: &letter(lang, &registrant.name, &text),
            registration_id: Some(registrant.id),
            calendar: attachment.as_deref(),
            check_in: check_in.as_deref(),
            ..NewMessage::default()
        },
    )
    .await
}

/// Where the event is: venue, address and municipality, as far as known.
fn place(event: &CalendarEvent, lang: Lang) -> String {
    [
        event.venue.clone(),
        event.address.clone(),
        event.municipality.as_ref().map(|m| m.get(lang).clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}
