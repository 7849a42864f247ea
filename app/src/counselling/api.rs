//! Counselling's server functions: the free times and booking one, the private page of a
//! booking and its cancellation; the coordinator's times, new times and cancellations.

use crate::counselling::{AdminSlot, BookingView, SlotDay, SlotForm};
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The longest name or organisation, and question, taken.
#[cfg(feature = "ssr")]
const LINE_CHARS: usize = 200;
#[cfg(feature = "ssr")]
const QUESTION_CHARS: usize = 2000;

#[server(prefix = "/api", endpoint = "counselling", input = GetUrl)]
pub async fn get_free_times(lang: Lang) -> Result<Vec<SlotDay>, AppError> {
    let pool = crate::platform::pool()?;
    Ok(crate::counselling::store::free(&pool, lang, jiff::Timestamp::now()).await?)
}

/// Books time `slot`. The answer names the address the confirmation went to; a plain form
/// post (no JavaScript yet) is sent back to the page with `sent` or its `problem`.
#[server(prefix = "/api", endpoint = "counselling/book")]
pub async fn book_time(
    lang: Lang,
    slot: Option<i64>,
    name: String,
    #[server(default)] organisation: String,
    email: String,
    #[server(default)] question: String,
    /// The trap field only robots fill in.
    #[server(default)]
    website: String,
) -> Result<String, AppError> {
    if !website.is_empty() {
        return Err(AppError::BadRequest("refused".into()));
    }
    let outcome = book(lang, slot, &name, &organisation, &email, &question).await;
    if crate::platform::request::is_plain_form_post() {
        match &outcome {
            Ok(_) => leptos_axum::redirect(&format!("/{lang}/counselling?sent=1")),
            Err(AppError::Invalid { problem, .. }) => {
                leptos_axum::redirect(&format!("/{lang}/counselling?problem={}", problem.code()))
            }
            _ => {}
        }
    }
    outcome
}

#[cfg(feature = "ssr")]
async fn book(
    lang: Lang,
    slot: Option<i64>,
    name: &str,
    organisation: &str,
    email: &str,
    question: &str,
) -> Result<String, AppError> {
    use crate::error::Problem;
    use crate::shared::text::{clean_line, clean_text};
    let slot = slot.ok_or_else(|| AppError::invalid("slot", Problem::Required))?;
    let name = clean_line(name);
    let organisation = clean_line(organisation);
    let email = email.trim().to_owned();
    let question = clean_text(question);
    if name.is_empty() {
        return Err(AppError::invalid("name", Problem::Required));
    }
    if name.chars().count() > LINE_CHARS {
        return Err(AppError::invalid("name", Problem::TooLong));
    }
    if organisation.chars().count() > LINE_CHARS {
        return Err(AppError::invalid("organisation", Problem::TooLong));
    }
    if !crate::shared::identifiers::is_email(&email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    if question.chars().count() > QUESTION_CHARS {
        return Err(AppError::invalid("question", Problem::TooLong));
    }
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let pool = crate::platform::pool()?;
    let booking = crate::counselling::store::NewBooking {
        slot_id: slot,
        name: &name,
        organisation: (!organisation.is_empty()).then_some(organisation.as_str()),
        email: &email,
        question: (!question.is_empty()).then_some(question.as_str()),
        lang,
        address: &address,
    };
    let origin = crate::platform::request::origin();
    crate::counselling::store::book(&pool, &booking, &origin, jiff::Timestamp::now()).await?;
    Ok(email)
}

#[server(prefix = "/api", endpoint = "counselling/booking", input = GetUrl)]
pub async fn get_booking(lang: Lang, token: String) -> Result<BookingView, AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    crate::counselling::store::view(&pool, &token, lang, jiff::Timestamp::now())
        .await?
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "counselling/cancel")]
pub async fn cancel_booking(token: String) -> Result<(), AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::NotFound);
    }
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let pool = crate::platform::pool()?;
    let origin = crate::platform::request::origin();
    let actor = crate::platform::audit::Actor::visitor(None, &address);
    crate::counselling::store::cancel(&pool, &token, &origin, jiff::Timestamp::now(), actor).await
}

#[server(prefix = "/api/coordinator", endpoint = "counselling")]
pub async fn admin_times(lang: Lang) -> Result<Vec<AdminSlot>, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    Ok(crate::counselling::store::admin_slots(&pool, lang, jiff::Timestamp::now()).await?)
}

/// Adds `count` times of `minutes` from `time` on `date` (Tallinn time); how many.
#[server(prefix = "/api/coordinator", endpoint = "counselling/add")]
pub async fn add_times(form: SlotForm) -> Result<usize, AppError> {
    use crate::error::Problem;
    use crate::shared::text::clean_line;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let number =
        |field: &str, text: &str, range: std::ops::RangeInclusive<i64>, empty: i64| match text
            .trim()
        {
            "" => Ok(empty),
            text => text
                .parse::<i64>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| AppError::invalid(field, Problem::NotAWholeNumber)),
        };
    let minutes = number("minutes", &form.minutes, 10..=240, 45)?;
    let count = number("count", &form.count, 1..=20, 1)?;
    let gap = number("gap", &form.gap, 0..=240, 15)?;
    let first =
        crate::shared::time::tallinn_instant(&form.date, &form.time).map_err(|problem| {
            let (problem, of_date) = problem.problem();
            AppError::invalid(if of_date { "date" } else { "time" }, problem)
        })?;
    let place = clean_line(&form.place);
    let online_url = form.online_url.trim().to_owned();
    if place.chars().count() > LINE_CHARS {
        return Err(AppError::invalid("place", Problem::TooLong));
    }
    if !online_url.is_empty() && !crate::shared::identifiers::is_web_address(&online_url) {
        return Err(AppError::invalid("online_url", Problem::NotAWebAddress));
    }
    if place.is_empty() && online_url.is_empty() {
        return Err(AppError::invalid("place", Problem::PlaceOrLink));
    }
    if first <= jiff::Timestamp::now() {
        return Err(AppError::invalid("date", Problem::EventOver));
    }
    let call = form.call.trim();
    if !call.is_empty() && !crate::shared::identifiers::is_slug(call) {
        return Err(AppError::invalid("call", Problem::UnknownChoice));
    }
    let step = jiff::SignedDuration::from_mins(minutes + gap);
    let starts: Vec<jiff::Timestamp> = (0..count)
        .map(|n| first.saturating_add(step * i32::try_from(n).unwrap_or(0)))
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::invalid("count", Problem::NotAWholeNumber))?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let pool = crate::platform::pool()?;
    let slots = crate::counselling::store::NewSlots {
        starts,
        minutes,
        place: (!place.is_empty()).then_some(place.as_str()),
        online_url: (!online_url.is_empty()).then_some(online_url.as_str()),
        call_slug: (!call.is_empty()).then_some(call),
    };
    let actor = crate::platform::audit::Actor::account(account.id, &address);
    crate::counselling::store::add_slots(&pool, &slots, actor).await
}

/// Cancels time `id` (`booking_only`: only its booking); whoever booked it is told.
#[server(prefix = "/api/coordinator", endpoint = "counselling/cancel")]
pub async fn cancel_time(id: i64, #[server(default)] booking_only: bool) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let pool = crate::platform::pool()?;
    let origin = crate::platform::request::origin();
    let actor = crate::platform::audit::Actor::account(account.id, &address);
    crate::counselling::store::cancel_by_coordinator(&pool, id, booking_only, &origin, actor).await
}

/// Erases a booking's personal data on its person's request (the time is free again).
#[server(prefix = "/api/coordinator", endpoint = "counselling/erase")]
pub async fn erase_booking(id: i64) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let pool = crate::platform::pool()?;
    let actor = crate::platform::audit::Actor::account(account.id, &address);
    crate::counselling::store::erase_booking(&pool, id, actor).await
}
