//! The coordinator's event form, read: every refused field named (so the page can show them all
//! while the coordinator types), the event a valid form describes and its preview, the form of
//! a stored event, and the dates of a series the coordinator may change one by one.

use crate::error::Problem;
use crate::event_admin::SeriesDate;
use crate::event_admin::form::EventForm;
use crate::events::EventStatus;
use crate::events::model::{CalendarEvent, EventForCreate, HORIZON};
use crate::events::series::{self as recurrence, Repeat, Until};
use crate::i18n::{Lang, PerLang};
use crate::platform::vocabulary::{Lists, find};
use crate::shared::identifiers::is_web_address;
use crate::shared::text::{clean_line, clean_text};
use crate::shared::time::{self, local, start_of_day};
use crate::shared::{FieldProblem, Localized};
use jiff::{SignedDuration, Timestamp, ToSpan};

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
pub fn validate(form: &EventForm, vocabulary: &Lists) -> Result<EventForCreate, Vec<FieldProblem>> {
    let mut problems = Problems::default();
    let type_code = form.type_code.trim();
    if type_code.is_empty() {
        problems.add("type_code", Problem::Required);
    } else if find(&vocabulary.event_types, type_code).is_none() {
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
    if !municipality.is_empty() && find(&vocabulary.municipalities, municipality).is_none() {
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
pub fn preview(event: EventForCreate, vocabulary: &Lists, slug: &str) -> CalendarEvent {
    let label = |list: &[crate::platform::vocabulary::Term], code: &str| {
        find(list, code).map(|term| term.label.clone())
    };
    let now = Timestamp::now();
    let mut shown = CalendarEvent {
        id: 0,
        slug: slug.to_owned(),
        type_label: label(&vocabulary.event_types, &event.type_code).unwrap_or(PerLang {
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
            .and_then(|code| label(&vocabulary.municipalities, code)),
        municipality_code: event.municipality_code,
        online_url: event.online_url,
        status: EventStatus::Published,
        organiser: event.organiser,
        organiser_slug: None,
        capacity: event.capacity,
        registration: event.registration,
        registration_deadline: event.registration_deadline,
        asks_participant_facts: false,
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

/// What happens to one date of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateChange {
    Cancel,
    /// Back to the rule's date and time, not cancelled.
    Restore,
    Move(Timestamp, Timestamp),
}

/// The dates of a series the coordinator can change: from a month ago to the calendar's
/// horizon, with their moves and cancellations.
pub fn editable_dates(event: &CalendarEvent, now: Timestamp) -> Vec<recurrence::Occurrence> {
    if event.recurrence.is_none() {
        return Vec::new();
    }
    event.occurrences(now - SignedDuration::from_hours(31 * 24), now + HORIZON)
}

pub fn series_date(
    occurrence: &crate::events::series::Occurrence,
    all_day: bool,
    lang: Lang,
) -> SeriesDate {
    use crate::shared::time::local;
    let (starts, ends) = (local(occurrence.starts_at), local(occurrence.ends_at));
    SeriesDate {
        original: crate::platform::db::db_time(occurrence.original_start),
        when: crate::shared::time::format_span(
            occurrence.starts_at,
            occurrence.ends_at,
            all_day,
            lang,
        ),
        date: starts.date().to_string(),
        start_time: starts.strftime("%H:%M").to_string(),
        end_time: ends.strftime("%H:%M").to_string(),
        cancelled: occurrence.cancelled,
        moved: occurrence.moved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::db_time;

    fn offered() -> Lists {
        let term = |code: &str| crate::platform::vocabulary::Term {
            code: code.to_owned(),
            label: PerLang {
                et: code.to_owned(),
                ru: code.to_owned(),
                en: code.to_owned(),
            },
        };
        Lists {
            event_types: vec![term("training"), term("fair")],
            municipalities: vec![term("narva"), term("johvi")],
            sectors: Vec::new(),
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

    /// A form field: mostly what the form's control sends, sometimes anything at all.
    fn field(plausible: &'static str) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![4 => plausible, 1 => "\\PC{0,30}", 1 => any::<String>()]
    }

    const DATE: &str = "(19|20|21|22|99)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    const TIME: &str = "([01][0-9]|2[0-3]):[0-5][0-9]";

    fn forms() -> impl proptest::strategy::Strategy<Value = EventForm> {
        use proptest::prelude::*;
        let texts = proptest::collection::vec(field("\\PC{0,40}"), 8);
        let when = (
            field(DATE),
            field(TIME),
            field(DATE),
            field(TIME),
            field(DATE),
            field(TIME),
            field(DATE),
        );
        let choices = (
            field("training|fair|x"),
            field("narva|johvi|tartu"),
            field("none|open|closed"),
            field("|weekly|every-two-weeks|monthly-by-date|monthly-by-weekday"),
            field("count|date"),
            field("[0-9]{1,4}"),
            field("[0-9]{1,7}|-1"),
            field("https://[a-z]{1,8}\\.ee/[a-z]*|javascript:x"),
            field("[a-z-]{0,12}"),
        );
        (texts, when, choices, any::<[bool; 4]>()).prop_map(|(t, w, c, b)| EventForm {
            title_et: t[0].clone(),
            title_ru: t[1].clone(),
            title_en: t[2].clone(),
            description_et: t[3].clone(),
            description_ru: t[4].clone(),
            description_en: t[5].clone(),
            venue: t[6].clone(),
            address: t[7].clone(),
            start_date: w.0,
            start_time: w.1,
            end_date: w.2,
            end_time: w.3,
            deadline_date: w.4,
            deadline_time: w.5,
            until_date: w.6,
            type_code: c.0,
            municipality: c.1,
            registration: c.2,
            repeat: c.3,
            until: c.4,
            count: c.5,
            capacity: c.6,
            online_url: c.7,
            organiser: c.8,
            all_day: b[0],
            speaks_et: b[1],
            speaks_ru: b[2],
            speaks_en: b[3],
        })
    }

    proptest::proptest! {
        /// Any form, however filled: an event that ends after it starts and previews (its
        /// series expanded), or the problems, never a panic or an endless loop.
        #[test]
        fn any_form_is_an_event_or_its_problems(form in forms()) {
            match validate(&form, &offered()) {
                Ok(event) => {
                    proptest::prop_assert!(event.ends_at >= event.starts_at);
                    let shown = preview(event, &offered(), "preview");
                    proptest::prop_assert!(!shown.title.is_empty());
                }
                Err(problems) => proptest::prop_assert!(!problems.is_empty()),
            }
        }
    }
}
