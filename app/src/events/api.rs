//! The public calendar's server functions: the list or month of events, and one event's page.

use crate::error::AppError;
use crate::events::{EventPage, EventsQuery, EventsView};
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/api", endpoint = "events", input = GetUrl)]
pub async fn get_events(
    lang: Lang,
    #[server(default)] query: EventsQuery,
) -> Result<EventsView, AppError> {
    // Every context before the first wait: a page whose visitor left is cleaned up meanwhile,
    // and its context with it (an error in the log for an answer nobody reads).
    let pool = crate::platform::pool()?;
    let vocabulary = crate::platform::vocabulary()?;
    let funding = crate::platform::context::<crate::funding::FundingCache>("the funding board")?;
    let calendar = crate::events::calendar()?.current(&pool).await?;
    let now = jiff::Timestamp::now();
    let mut view = crate::events::view::events_view(&calendar, &vocabulary, lang, query, now)?;
    if view.query.shows_deadlines() {
        let calls = funding.calls(&pool).await?;
        crate::events::view::add_deadlines(&mut view, &calls, lang, now);
    }
    Ok(view)
}

#[server(prefix = "/api", endpoint = "event", input = GetUrl)]
pub async fn get_event(lang: Lang, slug: String) -> Result<EventPage, AppError> {
    use crate::events::store::{confirmed_count, public_event};
    if !crate::shared::identifiers::is_slug(&slug) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let origin = crate::platform::request::origin();
    let event = public_event(&pool, &crate::events::calendar()?, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let confirmed = confirmed_count(&pool, event.id).await?;
    Ok(crate::events::view::page_of(
        &event,
        confirmed,
        lang,
        &origin,
        jiff::Timestamp::now(),
    ))
}
