//! The mail a person who booked a consultation gets, in the language they booked in: the
//! confirmation with the time attached as iCalendar (so a calendar keeps it, and drops it when
//! the cancellation's copy arrives with the same UID), a cancellation, and a reminder the day
//! before. Each links the private page where the booking can be cancelled.

use crate::counselling::BookingStatus;
use crate::i18n::Lang;
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::db::Result;
use crate::platform::feeds::utc;
use crate::shared::text::clean_line;
use crate::shared::time::format_span_zoned;
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};
use jiff::{SignedDuration, Timestamp};
use sqlx::{FromRow, SqliteConnection};

/// A booking and its time, as its mail needs them.
#[derive(Clone, Debug, FromRow)]
pub struct Booked {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub lang: Lang,
    pub cancel_token: String,
    pub status: BookingStatus,
    pub starts_at: String,
    pub minutes: i64,
    pub place: Option<String>,
    pub online_url: Option<String>,
}

/// The columns of [`Booked`], for queries joining `consultation_bookings b` and
/// `consultation_slots s`.
pub const BOOKED: &str = "b.id, b.name, b.email, b.lang, b.cancel_token, b.status, s.starts_at, \
                          s.minutes, s.place, s.online_url";

impl Booked {
    pub fn span(&self) -> (Timestamp, Timestamp) {
        let starts: Timestamp = self.starts_at.parse().unwrap_or(Timestamp::UNIX_EPOCH);
        (
            starts,
            starts
                .saturating_add(SignedDuration::from_mins(self.minutes))
                .unwrap_or(starts),
        )
    }
}

/// What a message tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    Booked,
    /// Cancelled by the person, from their link.
    Cancelled,
    /// Cancelled by the coordinator (the time or the booking).
    CancelledByUs,
    /// The day before.
    Reminder,
}

/// Queues `news` for `booked` in the caller's transaction.
pub async fn tell(
    connection: &mut SqliteConnection,
    booked: &Booked,
    origin: &str,
    news: News,
) -> Result<()> {
    let lang = booked.lang;
    let texts = &lang.texts().counselling;
    let (starts, ends) = booked.span();
    let when = format_span_zoned(starts, ends, false, lang);
    let (subject, line) = match news {
        News::Booked => (texts.mail_subject, texts.mail_booked),
        News::Cancelled => (texts.subject_cancelled, texts.mail_cancelled),
        News::CancelledByUs => (texts.subject_cancelled, texts.mail_cancelled_by_us),
        News::Reminder => (texts.subject_reminder, texts.mail_reminder),
    };
    let mut text = format!("{line}\n\n{}: {when}\n", texts.when);
    if let Some(place) = &booked.place {
        text.push_str(&format!("{}: {place}\n", texts.place));
    }
    if let Some(online) = &booked.online_url {
        text.push_str(&format!("{}: {online}\n", texts.online_url));
    }
    if matches!(news, News::Booked | News::Reminder) {
        text.push_str(&format!(
            "\n{}\n{origin}/{lang}/counselling/{}",
            texts.mail_link, booked.cancel_token
        ));
    }
    let attachment = (news != News::Reminder).then(|| calendar(booked, origin, news));
    queue(
        connection,
        &NewMessage {
            recipient: &booked.email,
            lang: Some(lang),
            subject: &subject.replace("{when}", &format_span_zoned(starts, ends, false, lang)),
            body: &letter(lang, &booked.name, &text),
            booking_id: Some(booked.id),
            calendar: attachment.as_deref(),
            ..NewMessage::default()
        },
    )
    .await
}

/// The consultation as iCalendar: booked (SEQUENCE 0) or cancelled (SEQUENCE 1, the same UID).
fn calendar(booked: &Booked, origin: &str, news: News) -> String {
    let lang = booked.lang;
    let texts = &lang.texts().counselling;
    let host = crate::platform::feeds::host(origin);
    let (starts, ends) = booked.span();
    let cancelled = news != News::Booked;
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new(
        "PRODID",
        "-//Ida-Viru Loomeklaster//Counselling 1.0//EN",
    ));
    calendar.append_property(Property::new("METHOD", "PUBLISH"));
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("consultation-{}@{host}", booked.id))
        .timestamp(utc(Timestamp::now()))
        .sequence(u32::from(cancelled))
        .summary(&clean_line(texts.ics_summary))
        .starts(utc(starts))
        .ends(utc(ends))
        .url(&format!(
            "{origin}/{lang}/counselling/{}",
            booked.cancel_token
        ))
        .status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    let location = [booked.place.clone(), booked.online_url.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if !location.is_empty() {
        event.location(&clean_line(&location));
    }
    calendar.push(event.done());
    calendar.to_string()
}
