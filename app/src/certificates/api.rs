//! Certificates' server functions: a certificate shown as genuine, and the coordinator's issue.

use crate::certificates::Certificate;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/api", endpoint = "certificate", input = GetUrl)]
pub async fn get_certificate(lang: Lang, code: String) -> Result<Certificate, AppError> {
    if !crate::shared::identifiers::is_code(&code) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let issued = crate::certificates::store::by_code(&pool, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(issued.in_lang(lang))
}

/// How many of the event's attendees have a certificate, of how many.
#[server(prefix = "/api/coordinator", endpoint = "certificates")]
pub async fn certificate_counts(id: i64) -> Result<(i64, i64), AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    Ok(crate::certificates::store::counts(&pool, id).await?)
}

/// Issues certificates to every attendee without one; how many were issued.
#[server(prefix = "/api/coordinator", endpoint = "certificates/issue")]
pub async fn issue_certificates(id: i64) -> Result<u64, AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::certificates::store::issue(
        &pool,
        id,
        &crate::platform::request::origin(),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}
