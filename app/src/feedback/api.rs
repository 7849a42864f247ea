//! Feedback's server functions: the attendee's form behind their private link and its answer,
//! and the coordinator's summary, questions and request.

use crate::error::AppError;
use crate::feedback::{FeedbackForm, FeedbackSummary};
use crate::i18n::Lang;
use crate::shared::Localized;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/api", endpoint = "feedback", input = GetUrl)]
pub async fn get_feedback_form(lang: Lang, token: String) -> Result<FeedbackForm, AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    crate::feedback::store::form(&pool, lang, &token)
        .await?
        .ok_or(AppError::NotFound)
}

/// Keeps an attendee's answers, once. A plain form post (no JavaScript) goes back to the form,
/// which then thanks, or names the problem.
#[server(prefix = "/api", endpoint = "feedback/give")]
pub async fn give_feedback(
    lang: Lang,
    token: String,
    rating: Option<u8>,
    #[server(default)] answers: Vec<String>,
) -> Result<(), AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let given = crate::feedback::store::give(&pool, lang, &token, rating, &answers).await;
    if crate::platform::request::is_plain_form_post() {
        let back = format!("/{lang}/feedback/{token}");
        match &given {
            Ok(()) => leptos_axum::redirect(&back),
            Err(AppError::Invalid { problem, .. }) => {
                leptos_axum::redirect(&format!("{back}?problem={}", problem.code()))
            }
            _ => {}
        }
    }
    given
}

#[server(prefix = "/api/coordinator", endpoint = "feedback/summary")]
pub async fn get_feedback_summary(id: i64) -> Result<FeedbackSummary, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    crate::feedback::store::summary(&pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api/coordinator", endpoint = "feedback/questions")]
pub async fn save_feedback_questions(
    id: i64,
    #[server(default)] questions: Vec<Localized>,
) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::feedback::store::save_questions(
        &pool,
        id,
        questions,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Sends the form to every attendee not sent it before; how many were sent it.
#[server(prefix = "/api/coordinator", endpoint = "feedback/ask")]
pub async fn ask_for_feedback(id: i64) -> Result<u64, AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::feedback::store::ask(
        &pool,
        id,
        &crate::platform::request::origin(),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}
