//! The coordinator's calendar: every event (drafts too) with its registrations, and the status
//! changes that publish, cancel or restore one. Every change raises the event's SEQUENCE (so
//! subscribed calendars follow) and is written to the audit log in the same transaction.

use crate::error::AppError;
use crate::event_admin::form::EventForm;
use crate::events::{EventPage, MonthGrid};
use crate::i18n::Lang;
use crate::shared::FieldProblem;
use crate::shared::Labelled;
use crate::shared::Localized;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEventRow {
    pub id: i64,
    pub slug: String,
    pub title: Localized,
    pub type_label: String,
    /// RFC 3339 UTC, for sorting and `<time>`.
    pub starts_at: String,
    pub when: String,
    /// `draft`, `published` or `cancelled`.
    pub status: String,
    pub is_series: bool,
    pub capacity: Option<i64>,
    pub confirmed: i64,
    pub waiting: i64,
}

/// The table as the URL carries it: a search, filters and a sort, all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AdminEventsQuery {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, rename = "type")]
    pub event_type: Option<String>,
    /// `YYYY-MM`: events starting in that Tallinn month.
    #[serde(default)]
    pub month: Option<String>,
    /// `start` (default: the latest first), `title` or `status`.
    #[serde(default)]
    pub sort: Option<String>,
    /// `month` for the month grid (of `month`, else this month).
    #[serde(default)]
    pub view: Option<String>,
}

#[server(prefix = "/api/coordinator", endpoint = "events")]
pub async fn admin_events(
    lang: Lang,
    query: AdminEventsQuery,
) -> Result<Vec<AdminEventRow>, AppError> {
    crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let rows = crate::event_admin::store::all_events(&pool, lang)
        .await
        .map_err(|e| AppError::internal("listing the events", e))?;
    Ok(crate::event_admin::store::select(rows, &query, lang))
}

/// The month grid of every event, drafts too, for `month` (`YYYY-MM`; else this month).
#[server(prefix = "/api/coordinator", endpoint = "events/month")]
pub async fn admin_month(lang: Lang, month: Option<String>) -> Result<MonthGrid, AppError> {
    use crate::events::view::{grid, month_or_this};
    crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let today = jiff::Timestamp::now()
        .to_zoned(crate::shared::tallinn::tallinn())
        .date();
    let month = month_or_this(month.as_deref(), today)?;
    let pool = crate::platform::pool()?;
    let events = crate::events::store::all_events(&pool)
        .await
        .map_err(|e| AppError::internal("loading the month", e))?;
    Ok(grid(&events, lang, month, today))
}

/// Publishes a draft, cancels a published event (it stays visible and in the feeds as
/// cancelled), or publishes a cancelled one again.
#[server(prefix = "/api/coordinator", endpoint = "events/status")]
pub async fn set_event_status(id: i64, status: String) -> Result<(), AppError> {
    let account = crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::event_admin::store::set_status(
        &pool,
        id,
        &status,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Deletes a draft (a published event is cancelled instead, so no subscriber is left with a
/// ghost).
#[server(prefix = "/api/coordinator", endpoint = "events/delete")]
pub async fn delete_event(id: i64) -> Result<(), AppError> {
    let account = crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::event_admin::store::delete_draft(
        &pool,
        id,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub status: String,
    /// Tallinn time, to the minute.
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRegistrations {
    pub event: AdminEventRow,
    /// Confirmed first, then the waiting list in its order.
    pub registrations: Vec<RegistrationRow>,
}

#[server(prefix = "/api/coordinator", endpoint = "events/registrations")]
pub async fn get_event_registrations(lang: Lang, id: i64) -> Result<EventRegistrations, AppError> {
    crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    crate::event_admin::store::registrations(&pool, lang, id)
        .await
        .map_err(|e| AppError::internal("listing registrations", e))?
        .ok_or(AppError::NotFound)
}

/// The coordinator signs someone up (by phone, at the door): the same places and waiting list
/// as the public form.
#[server(prefix = "/api/coordinator", endpoint = "events/registrations/add")]
pub async fn add_registration(
    id: i64,
    name: String,
    email: String,
    organisation: Option<String>,
) -> Result<(), AppError> {
    use crate::shared::text::clean_line;
    let account = crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let organisation = organisation
        .as_deref()
        .map(clean_line)
        .filter(|o| !o.is_empty());
    crate::event_admin::store::add_registration(
        &pool,
        id,
        &clean_line(&name),
        email.trim(),
        organisation.as_deref(),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Removes a registration; the first person waiting moves up.
#[server(prefix = "/api/coordinator", endpoint = "events/registrations/remove")]
pub async fn remove_registration(registration: i64) -> Result<(), AppError> {
    let account = crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::event_admin::store::remove_registration(
        &pool,
        registration,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// The form of a new event (blank, on `date`, or a copy of event `from`) or of event `id`,
/// with the choices it offers and, for a series, its dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEditor {
    /// `None` for a new event.
    pub id: Option<i64>,
    pub slug: Option<String>,
    /// `draft` for a new event.
    pub status: String,
    /// The SEQUENCE the form was read at; a save checks nobody saved in between.
    pub sequence: Option<i64>,
    pub form: EventForm,
    pub types: Vec<Labelled>,
    pub municipalities: Vec<Labelled>,
    /// A stored series: its dates from a month ago on.
    pub dates: Vec<SeriesDate>,
}

/// One date of a stored series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesDate {
    /// RFC 3339 UTC: the start the rule gives it, which names it.
    pub original: String,
    /// Where it is now, in Tallinn time.
    pub when: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub cancelled: bool,
    pub moved: bool,
}

#[server(prefix = "/api/coordinator", endpoint = "events/form")]
pub async fn get_event_editor(
    lang: Lang,
    id: Option<i64>,
    from: Option<i64>,
    date: Option<String>,
) -> Result<EventEditor, AppError> {
    use crate::event_admin::editing::{choices, editable_dates, form_of};
    use crate::events::store::event_by_id;
    crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let failed = |e| AppError::internal("loading the event form", e);
    let choices = choices(&pool).await.map_err(failed)?;
    let labelled = |list: &[crate::event_admin::editing::Choice]| {
        list.iter()
            .map(|choice| Labelled {
                code: choice.code.clone(),
                label: choice.label.get(lang).clone(),
            })
            .collect::<Vec<_>>()
    };
    let (types, municipalities) = (labelled(&choices.types), labelled(&choices.municipalities));
    let stored = match id.or(from) {
        Some(wanted) => Some(
            event_by_id(&pool, wanted)
                .await
                .map_err(failed)?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let editor = match (id, stored) {
        (Some(_), Some(event)) => EventEditor {
            id: Some(event.id),
            slug: Some(event.slug.clone()),
            status: event.status.clone(),
            sequence: Some(event.sequence),
            form: form_of(&event),
            types,
            municipalities,
            dates: editable_dates(&event, jiff::Timestamp::now())
                .into_iter()
                .map(|o| series_date(&o, event.all_day, lang))
                .collect(),
        },
        (_, copied) => EventEditor {
            id: None,
            slug: None,
            status: "draft".to_owned(),
            sequence: None,
            form: match copied {
                Some(event) => form_of(&event),
                None => {
                    EventForm::blank(date.filter(|d| crate::shared::time::parse_date(d).is_ok()))
                }
            },
            types,
            municipalities,
            dates: Vec::new(),
        },
    };
    Ok(editor)
}

#[cfg(feature = "ssr")]
fn series_date(
    occurrence: &crate::events::series::Occurrence,
    all_day: bool,
    lang: Lang,
) -> SeriesDate {
    use crate::shared::time::local;
    let (starts, ends) = (local(occurrence.starts_at), local(occurrence.ends_at));
    SeriesDate {
        original: crate::platform::db::db_time(occurrence.original_start),
        when: crate::shared::tallinn::format_span(
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

/// The form checked as the coordinator types: every refused field, or the public page it
/// would make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCheck {
    pub problems: Vec<FieldProblem>,
    pub preview: Option<EventPage>,
}

#[server(prefix = "/api/coordinator", endpoint = "events/check")]
pub async fn check_event(
    lang: Lang,
    form: EventForm,
    id: Option<i64>,
) -> Result<EventCheck, AppError> {
    use crate::event_admin::editing::{choices, preview, validate};
    crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let choices = choices(&pool)
        .await
        .map_err(|e| AppError::internal("checking an event", e))?;
    Ok(match validate(&form, &choices) {
        Err(problems) => EventCheck {
            problems,
            preview: None,
        },
        Ok(event) => {
            let slug: Option<String> = match id {
                Some(id) => sqlx::query_scalar("SELECT slug FROM events WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&pool)
                    .await
                    .map_err(|e| AppError::internal("checking an event", e))?,
                None => None,
            };
            let shown = preview(event, &choices, slug.as_deref().unwrap_or("preview"));
            let now = jiff::Timestamp::now();
            EventCheck {
                problems: Vec::new(),
                preview: Some(crate::events::view::page_of(&shown, 0, lang, "", now)),
            }
        }
    })
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedEvent {
    pub id: i64,
    pub slug: String,
    pub status: String,
    pub sequence: i64,
}

/// Saves the form: a new event (a draft, or published with `intent=publish`) when `id` is
/// absent, else the changes to event `id` made from the form read at `sequence`. A refused
/// form changes nothing and names its first problem.
#[server(prefix = "/api/coordinator", endpoint = "events/save")]
pub async fn save_event(
    form: EventForm,
    id: Option<i64>,
    sequence: Option<i64>,
    intent: Option<String>,
) -> Result<SavedEvent, AppError> {
    use crate::event_admin::editing::{choices, save, validate};
    use crate::platform::audit::Actor;
    let account = crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let choices = choices(&pool)
        .await
        .map_err(|e| AppError::internal("saving an event", e))?;
    let event = validate(&form, &choices).map_err(|problems| {
        problems
            .into_iter()
            .next()
            .map(|first| AppError::invalid(&first.field, first.problem))
            .unwrap_or(AppError::Internal)
    })?;
    let actor = Actor::account(account.id, &address);
    let publish = intent.as_deref() == Some("publish");
    let saved = save(&pool, id, sequence, publish, event, actor).await?;
    Ok(SavedEvent {
        id: saved.id,
        slug: saved.slug,
        status: saved.status,
        sequence: saved.sequence,
    })
}

/// Cancels one date of a series (`change=cancel`), restores it (`restore`), or moves it
/// (`move`, to `date` from `start_time` to `end_time`, Tallinn time). Answers the event's new
/// SEQUENCE.
#[server(prefix = "/api/coordinator", endpoint = "events/date")]
pub async fn change_series_date(
    id: i64,
    original: String,
    change: String,
    date: Option<String>,
    start_time: Option<String>,
    end_time: Option<String>,
) -> Result<i64, AppError> {
    use crate::error::Problem;
    use crate::event_admin::editing::{DateChange, change_date};
    use crate::platform::audit::Actor;
    use crate::shared::time::tallinn_instant;
    let account = crate::accounts::auth::require(crate::accounts::Role::Coordinator).await?;
    let original: jiff::Timestamp = original
        .parse()
        .map_err(|_| AppError::invalid("original", Problem::NotInSeries))?;
    let at = |time_field: &str, time: &Option<String>| {
        tallinn_instant(
            date.as_deref().unwrap_or_default(),
            time.as_deref().unwrap_or_default(),
        )
        .map_err(|problem| {
            let (problem, of_date) = problem.problem();
            AppError::invalid(if of_date { "date" } else { time_field }, problem)
        })
    };
    let change = match change.as_str() {
        "cancel" => DateChange::Cancel,
        "restore" => DateChange::Restore,
        "move" => {
            let (starts, ends) = (at("start_time", &start_time)?, at("end_time", &end_time)?);
            if ends <= starts {
                return Err(AppError::invalid("end_time", Problem::EndBeforeStart));
            }
            DateChange::Move(starts, ends)
        }
        _ => return Err(AppError::invalid("change", Problem::UnknownChoice)),
    };
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let actor = Actor::account(account.id, &address);
    change_date(&pool, id, original, change, actor).await
}
