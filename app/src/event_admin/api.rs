//! The coordinator's calendar: every event (drafts too) with its registrations, and the status
//! changes that publish, cancel or restore one. Every change raises the event's SEQUENCE (so
//! subscribed calendars follow) and is written to the audit log in the same transaction.

use crate::error::AppError;
use crate::event_admin::form::EventForm;
use crate::event_admin::{
    AdminEventRow, AdminEventsQuery, EventCheck, EventEditor, EventRegistrations, SavedEvent,
};
use crate::events::{EventStatus, MonthGrid};
use crate::i18n::Lang;
use leptos::prelude::*;

#[server(prefix = "/api/coordinator", endpoint = "events")]
pub async fn admin_events(
    lang: Lang,
    query: AdminEventsQuery,
) -> Result<Vec<AdminEventRow>, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let rows = crate::event_admin::store::all_events(&pool, lang).await?;
    Ok(crate::event_admin::store::select(rows, &query, lang))
}

/// The month grid of every event, drafts too, for `month` (`YYYY-MM`; else this month).
#[server(prefix = "/api/coordinator", endpoint = "events/month")]
pub async fn admin_month(lang: Lang, month: Option<String>) -> Result<MonthGrid, AppError> {
    use crate::events::view::{grid, month_or_this};
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let today = jiff::Timestamp::now()
        .to_zoned(crate::shared::time::tallinn())
        .date();
    let month = month_or_this(month.as_deref(), today)?;
    let pool = crate::platform::pool()?;
    let events = crate::events::all_events(&pool).await?;
    let find = |from, until| crate::events::model::occurrences_between(&events, from, until);
    Ok(grid(find, lang, month, today))
}

/// Publishes a draft, cancels a published event (it stays visible and in the feeds as
/// cancelled), or publishes a cancelled one again.
#[server(prefix = "/api/coordinator", endpoint = "events/status")]
pub async fn set_event_status(id: i64, status: EventStatus) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::event_admin::store::set_status(
        &pool,
        id,
        status,
        &crate::platform::request::origin(),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Deletes a draft (a published event is cancelled instead, so no subscriber is left with a
/// ghost).
#[server(prefix = "/api/coordinator", endpoint = "events/delete")]
pub async fn delete_event(id: i64) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
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

#[server(prefix = "/api/coordinator", endpoint = "events/registrations")]
pub async fn get_event_registrations(lang: Lang, id: i64) -> Result<EventRegistrations, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    crate::event_admin::store::registrations(&pool, lang, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api/coordinator", endpoint = "events/form")]
pub async fn get_event_editor(
    lang: Lang,
    id: Option<i64>,
    from: Option<i64>,
    date: Option<String>,
) -> Result<EventEditor, AppError> {
    use crate::event_admin::rules::{editable_dates, form_of, series_date};
    use crate::events::event_by_id;
    use crate::platform::vocabulary::labelled;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let vocabulary = crate::platform::vocabulary()?;
    let (types, municipalities) = (
        labelled(&vocabulary.event_types, lang),
        labelled(&vocabulary.municipalities, lang),
    );
    let stored = match id.or(from) {
        Some(wanted) => Some(
            event_by_id(&mut *pool.acquire().await?, wanted)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let editor = match (id, stored) {
        (Some(_), Some(event)) => EventEditor {
            id: Some(event.id),
            slug: Some(event.slug.clone()),
            status: event.status,
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
            status: EventStatus::Draft,
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

#[server(prefix = "/api/coordinator", endpoint = "events/check")]
pub async fn check_event(
    lang: Lang,
    form: EventForm,
    id: Option<i64>,
) -> Result<EventCheck, AppError> {
    use crate::event_admin::rules::{preview, validate};
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let vocabulary = crate::platform::vocabulary()?;
    Ok(match validate(&form, &vocabulary) {
        Err(problems) => EventCheck {
            problems,
            preview: None,
        },
        Ok(event) => {
            let slug = match id {
                Some(id) => crate::event_admin::store::slug_of(&pool, id).await?,
                None => None,
            };
            let shown = preview(event, &vocabulary, slug.as_deref().unwrap_or("preview"));
            let now = jiff::Timestamp::now();
            EventCheck {
                problems: Vec::new(),
                preview: Some(crate::events::view::page_of(&shown, 0, lang, "", now)),
            }
        }
    })
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
    use crate::event_admin::rules::validate;
    use crate::event_admin::store::save;
    use crate::platform::audit::Actor;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let vocabulary = crate::platform::vocabulary()?;
    let event = validate(&form, &vocabulary).map_err(|problems| {
        problems
            .into_iter()
            .next()
            .map(|first| AppError::invalid(&first.field, first.problem))
            .unwrap_or_else(AppError::failed)
    })?;
    let actor = Actor::account(account.id, &address);
    let publish = intent.as_deref() == Some("publish");
    let origin = crate::platform::request::origin();
    let saved = save(&pool, id, sequence, publish, event, &origin, actor).await?;
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
    use crate::event_admin::rules::DateChange;
    use crate::event_admin::store::change_date;
    use crate::platform::audit::Actor;
    use crate::shared::time::tallinn_instant;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
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
    let origin = crate::platform::request::origin();
    change_date(&pool, id, original, change, &origin, actor).await
}
