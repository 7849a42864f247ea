//! The coordinator's attendance: the list, a phone's marks and walk-ins sent together, one mark
//! from a plain form, and the check-in page a registrant's QR code opens.

use crate::attendance::{AttendanceSheet, CheckIn, Mark, Synced, WalkIn};
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api/coordinator", endpoint = "attendance")]
pub async fn get_attendance(lang: Lang, id: i64) -> Result<AttendanceSheet, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    crate::attendance::store::sheet(&pool, lang, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A phone's waiting marks and walk-ins, applied in order; sending the same again changes
/// nothing.
#[server(prefix = "/api/coordinator", endpoint = "attendance/sync", input = Json)]
pub async fn sync_attendance(
    lang: Lang,
    id: i64,
    marks: Vec<Mark>,
    walk_ins: Vec<WalkIn>,
) -> Result<Synced, AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::attendance::store::sync(
        &pool,
        lang,
        id,
        &marks,
        &walk_ins,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// One mark from the page's plain form (no JavaScript): by the server's clock, and back to the
/// list.
#[server(prefix = "/api/coordinator", endpoint = "attendance/mark")]
pub async fn mark_attendance(
    lang: Lang,
    id: i64,
    registration: i64,
    present: bool,
) -> Result<(), AppError> {
    let mark = Mark {
        registration,
        present,
        clock: jiff::Timestamp::now().as_millisecond(),
    };
    sync_attendance(lang, id, vec![mark], Vec::new()).await?;
    if crate::platform::request::is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "/{lang}/admin/events/{id}/attendance#attendee-{registration}"
        ));
    }
    Ok(())
}

/// A walk-in from the page's plain form (no JavaScript), whose key the server wrote into it:
/// the form sent twice adds them once. Back to the list, with the problem when refused.
#[server(prefix = "/api/coordinator", endpoint = "attendance/walk-in")]
pub async fn add_walk_in(
    lang: Lang,
    id: i64,
    key: String,
    name: String,
    email: String,
    organisation: Option<String>,
    mail_lang: Lang,
) -> Result<(), AppError> {
    let walk_in = WalkIn {
        key,
        name,
        email,
        organisation: organisation.filter(|o| !o.trim().is_empty()),
        lang: mail_lang,
        clock: jiff::Timestamp::now().as_millisecond(),
    };
    let synced = sync_attendance(lang, id, Vec::new(), vec![walk_in]).await?;
    let problem = synced
        .refused
        .into_iter()
        .next()
        .map(|refused| AppError::Invalid {
            field: refused.field,
            problem: refused.problem,
        });
    if crate::platform::request::is_plain_form_post() {
        let back = format!("/{lang}/admin/events/{id}/attendance");
        leptos_axum::redirect(&match &problem {
            Some(AppError::Invalid { field, problem }) => format!(
                "{back}?walk_in_field={field}&walk_in_problem={}#walk-in-heading",
                problem.code()
            ),
            _ => format!("{back}#walk-in-heading"),
        });
    }
    problem.map_or(Ok(()), Err)
}

/// The check-in page of a registrant's QR code.
#[server(prefix = "/api/coordinator", endpoint = "check-in")]
pub async fn get_check_in(lang: Lang, code: String) -> Result<CheckIn, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    if !crate::shared::identifiers::is_code(&code) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    crate::attendance::store::check_in_view(&pool, lang, &code)
        .await?
        .ok_or(AppError::NotFound)
}

/// Marks the registrant behind `code` present.
#[server(prefix = "/api/coordinator", endpoint = "check-in/mark")]
pub async fn mark_checked_in(lang: Lang, code: String) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    if !crate::shared::identifiers::is_code(&code) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let actor = crate::platform::audit::Actor::account(account.id, &address);
    crate::attendance::store::check_in(&pool, &code, actor)
        .await?
        .ok_or(AppError::NotFound)?;
    if crate::platform::request::is_plain_form_post() {
        leptos_axum::redirect(&format!("/{lang}/admin/check-in/{code}"));
    }
    Ok(())
}
