//! The owner's server functions (behind the mailed link, no account) and the coordinator's.

use crate::entries::EntryForm;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::owners::{OwnerCheck, OwnerPanel, OwnersOverview, ProposalReview};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    accounts::{Role, require},
    owners::store,
    platform::{audit::Actor, request::client_address},
};

/// The query parameter that brings a plain form's outcome back to the owner's page.
pub const DONE: &str = "done";

/// The entry behind a live link, with its form; `None` when the link is unknown, used or
/// expired.
#[server(prefix = "/api", endpoint = "entry-check")]
pub async fn get_owner_check(lang: Lang, token: String) -> Result<Option<OwnerCheck>, AppError> {
    let pool = crate::platform::pool()?;
    let Some((_, entry, confirmed)) = store::checked_entry(&pool, &token).await? else {
        return Ok(None);
    };
    Ok(Some(OwnerCheck {
        name: entry.name.clone(),
        slug: entry.slug.clone(),
        confirmed: confirmed
            .as_deref()
            .map(crate::shared::time::stored_as_local_minute),
        form: entry.form(),
        choices: crate::entries::choices(&*crate::platform::vocabulary()?, lang),
    }))
}

/// The owner confirms the entry as it is. A plain form post comes back to the page.
#[server(prefix = "/api", endpoint = "entry-check/confirm")]
pub async fn confirm_entry(lang: Lang, token: String) -> Result<(), AppError> {
    let address = client_address().await?.to_string();
    let outcome = store::confirm(&crate::platform::pool()?, &token, &address).await;
    come_back(lang, &token, &outcome, "confirmed");
    outcome
}

/// The owner proposes changes: the entry's whole form, checked by the entry's rules (its
/// member and published boxes stay the coordinator's). A plain form post comes back to the
/// page.
#[server(prefix = "/api", endpoint = "entry-check/propose")]
pub async fn propose_entry_change(
    lang: Lang,
    token: String,
    form: EntryForm,
) -> Result<(), AppError> {
    let outcome = propose(&token, form).await;
    come_back(lang, &token, &outcome, "proposed");
    outcome
}

/// Sends new links for the entries whose address is `email`: the same answer whether or not
/// there are any.
#[server(prefix = "/api", endpoint = "entry-check/ask")]
pub async fn ask_entry_link(lang: Lang, email: String) -> Result<(), AppError> {
    let address = client_address().await?.to_string();
    let outcome = store::ask_again(
        &crate::platform::pool()?,
        &email,
        lang,
        &crate::platform::request::origin(),
        &address,
    )
    .await;
    if crate::platform::request::is_plain_form_post() {
        match &outcome {
            Ok(()) => leptos_axum::redirect(&format!("/{lang}/check-entry?{DONE}=asked")),
            Err(error) => leptos_axum::redirect(&format!(
                "/{lang}/check-entry?problem={}",
                problem_code(error)
            )),
        }
    }
    outcome
}

/// How many entries are stale, and the proposals waiting.
#[server(prefix = "/api/coordinator", endpoint = "owners")]
pub async fn get_owners_overview() -> Result<OwnersOverview, AppError> {
    require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    Ok(OwnersOverview {
        stale: store::stale_count(&pool).await?,
        waiting: store::waiting(&pool).await?,
    })
}

/// Sends a link to the owner of every stale entry; answers how many went.
#[server(prefix = "/api/coordinator", endpoint = "owners/send-stale")]
pub async fn send_stale_links() -> Result<usize, AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    Ok(store::send_stale(
        &crate::platform::pool()?,
        &crate::platform::request::origin(),
        Actor::account(account.id, &address),
    )
    .await?)
}

#[server(prefix = "/api/coordinator", endpoint = "owners/entry")]
pub async fn get_owner_panel(id: i64) -> Result<OwnerPanel, AppError> {
    require(Role::Coordinator).await?;
    let (panel, proposals) = store::panel(&crate::platform::pool()?, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(OwnerPanel {
        id,
        name: panel.name,
        slug: panel.slug,
        contact_email: panel.contact_email.unwrap_or_default(),
        public_email: panel.email.unwrap_or_default(),
        confirmed: panel
            .confirmed_at
            .as_deref()
            .map(crate::shared::time::stored_as_local_minute),
        proposals,
    })
}

/// Sets the entry's private contact address; an empty one clears it.
#[server(prefix = "/api/coordinator", endpoint = "owners/contact")]
pub async fn set_contact_email(id: i64, contact_email: String) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let contact = contact_email.trim();
    store::set_contact(
        &crate::platform::pool()?,
        id,
        (!contact.is_empty()).then_some(contact),
        Actor::account(account.id, &address),
    )
    .await
}

/// Sends the entry's owner a link; answers where it went.
#[server(prefix = "/api/coordinator", endpoint = "owners/send")]
pub async fn send_owner_link(id: i64) -> Result<String, AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    store::send_link(
        &crate::platform::pool()?,
        id,
        &crate::platform::request::origin(),
        Actor::account(account.id, &address),
    )
    .await
}

/// A proposal with each field it changes, the value now beside the value proposed.
#[server(prefix = "/api/coordinator", endpoint = "owners/proposal")]
pub async fn get_proposal(lang: Lang, id: i64) -> Result<ProposalReview, AppError> {
    require(Role::Coordinator).await?;
    let (proposal, entry) = store::proposal(&crate::platform::pool()?, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let choices = crate::entries::choices(&*crate::platform::vocabulary()?, lang);
    Ok(ProposalReview {
        id,
        entry_id: proposal.organisation_id,
        entry: entry.name.clone(),
        slug: entry.slug.clone(),
        status: proposal.status,
        received: crate::shared::time::stored_as_local_minute(&proposal.created_at),
        changes: crate::owners::changes::changes(lang, &choices, &entry.form(), &proposal.form()),
    })
}

/// Approves a waiting proposal (its changes are saved to the entry, audited) or rejects it.
#[server(prefix = "/api/coordinator", endpoint = "owners/decide")]
pub async fn decide_proposal(id: i64, approve: bool) -> Result<(), AppError> {
    use crate::entries::{EntryForm, Reader, read};
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let by = Actor::account(account.id, &address);
    let pool = crate::platform::pool()?;
    if !approve {
        return store::decide(&pool, id, None, by).await;
    }
    let (proposal, entry) = store::proposal(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The entry's status as it is now: an owner proposes only its contents.
    let form = EntryForm {
        member: entry.is_member,
        published: entry.is_published,
        ..proposal.form()
    };
    let vocabulary = crate::platform::vocabulary()?;
    let (read, problems) = read(
        &pool,
        &vocabulary,
        &form,
        Some(proposal.organisation_id),
        Reader::Coordinator,
    )
    .await?;
    if let Some(first) = problems.first() {
        return Err(AppError::invalid(&first.field, first.problem));
    }
    store::decide(&pool, id, Some(&read), by).await
}

/// [`propose_entry_change`]'s checks and the proposal itself.
#[cfg(feature = "ssr")]
async fn propose(token: &str, form: EntryForm) -> Result<(), AppError> {
    use crate::entries::{Reader, read};
    let pool = crate::platform::pool()?;
    let Some((id, entry, _)) = store::checked_entry(&pool, token).await? else {
        return Err(AppError::invalid(
            "token",
            crate::error::Problem::LinkExpired,
        ));
    };
    let form = EntryForm {
        member: entry.is_member,
        published: entry.is_published,
        ..form
    };
    let vocabulary = crate::platform::vocabulary()?;
    let (read, problems) = read(&pool, &vocabulary, &form, Some(id), Reader::Public).await?;
    if let Some(first) = problems.first() {
        return Err(AppError::invalid(&first.field, first.problem));
    }
    // What is kept is the form as read: cleaned, and nothing longer than its field allows.
    let address = client_address().await?.to_string();
    store::propose(&pool, token, &read.form(), &address).await?;
    Ok(())
}

/// A plain form post (no JavaScript yet) goes back to the owner's page: told it is done, or
/// with the link and why not.
#[cfg(feature = "ssr")]
fn come_back(lang: Lang, token: &str, outcome: &Result<(), AppError>, done: &str) {
    if !crate::platform::request::is_plain_form_post() {
        return;
    }
    match outcome {
        Ok(()) => leptos_axum::redirect(&format!("/{lang}/check-entry?{DONE}={done}")),
        Err(error) => leptos_axum::redirect(&format!(
            "/{lang}/check-entry?token={}&problem={}",
            crate::shared::query::encode_query_value(token),
            problem_code(error)
        )),
    }
}

#[cfg(feature = "ssr")]
fn problem_code(error: &AppError) -> String {
    match error {
        AppError::Invalid { problem, .. } => problem.code(),
        AppError::TooManyAttempts => "TooManyAttempts".to_owned(),
        _ => "Internal".to_owned(),
    }
}
