//! Joining the directory: the public proposes an entry at `/{lang}/join` (checked with the same
//! rules as the coordinator's form and a CSV row), the coordinator reviews it, corrects it and
//! approves or rejects it; the applicant's messages wait in the outbox.

use crate::entries::{EntryChoices, EntryForm};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::joining::{ApplicationReview, ApplicationRow, ApplicationStatus, Contact};
use crate::shared::FieldProblem;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    accounts::{Role, require},
    joining::store,
    platform::{audit::Actor, request::client_address},
};

/// The choices of the join form, in the reader's language.
#[server(prefix = "/api", endpoint = "join/form", input = GetUrl)]
pub async fn get_join_form(lang: Lang) -> Result<EntryChoices, AppError> {
    Ok(crate::entries::choices(
        &*crate::platform::vocabulary()?,
        lang,
    ))
}

/// Every refused field of an application as it is typed (contact fields as `contact.name`, …).
#[server(prefix = "/api", endpoint = "join/check")]
pub async fn check_application(
    form: EntryForm,
    contact: Contact,
) -> Result<Vec<FieldProblem>, AppError> {
    let pool = crate::platform::pool()?;
    Ok(ssr::problems(&pool, &form, &contact).await?.1)
}

/// Sends an application. A refused one names its first problem and stores nothing; a plain
/// form post (no JavaScript yet) is sent back to the page, told that it was sent or why not.
#[server(prefix = "/api", endpoint = "join")]
pub async fn submit_application(
    lang: Lang,
    form: EntryForm,
    contact: Contact,
    homepage: Option<String>,
) -> Result<(), AppError> {
    // The form's hidden trap field: people leave it empty, form-filling robots do not.
    if homepage.is_some_and(|typed| !typed.is_empty()) {
        return Err(AppError::BadRequest("refused".to_owned()));
    }
    let outcome = ssr::submit(lang, &form, &contact).await;
    if crate::platform::request::is_plain_form_post() {
        match &outcome {
            Ok(()) => leptos_axum::redirect(&format!("/{lang}/join?sent=1")),
            Err(AppError::Invalid { problem, .. }) => {
                leptos_axum::redirect(&format!("/{lang}/join?problem={}", problem.code()));
            }
            _ => {}
        }
    }
    outcome
}

/// The applications with `status` (waiting ones when it is absent), oldest first.
#[server(prefix = "/api/coordinator", endpoint = "applications")]
pub async fn list_applications(
    lang: Lang,
    status: Option<ApplicationStatus>,
) -> Result<Vec<ApplicationRow>, AppError> {
    require(Role::Coordinator).await?;
    let lines = store::list(&crate::platform::pool()?, status.unwrap_or_default()).await?;
    Ok(lines
        .into_iter()
        .map(|line| ApplicationRow {
            id: line.id,
            name: line.name,
            municipality: match lang {
                Lang::Et => line.municipality_et,
                Lang::Ru => line.municipality_ru,
                Lang::En => line.municipality_en,
            },
            contact: format!("{} <{}>", line.contact_name, line.contact_email),
            submitted: crate::shared::time::stored_as_local_minute(&line.created_at),
        })
        .collect())
}

#[server(prefix = "/api/coordinator", endpoint = "applications/get")]
pub async fn get_application(lang: Lang, id: i64) -> Result<ApplicationReview, AppError> {
    use crate::shared::time::stored_as_local_minute as local;
    require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let found = store::application(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let languages = lang.texts().directory.languages;
    let language = match found.lang.parse::<Lang>() {
        Ok(Lang::Et) | Err(_) => languages[0],
        Ok(Lang::Ru) => languages[1],
        Ok(Lang::En) => languages[2],
    };
    Ok(ApplicationReview {
        id,
        form: found.entry_form(),
        status: found.status,
        name: found.name,
        language: language.to_owned(),
        contact_name: found.contact_name,
        contact_email: found.contact_email,
        contact_phone: found.contact_phone,
        consent: found.consent,
        consented_at: local(&found.consented_at),
        submitted: local(&found.created_at),
        reason: found.reason,
        decided_at: found.decided_at.as_deref().map(local),
        decided_by: found.decided_by,
        entry: found.organisation_id.zip(found.organisation_slug),
        choices: crate::entries::choices(&*crate::platform::vocabulary()?, lang),
    })
}

/// Approves a pending application with the entry as the coordinator corrected it: the entry is
/// published and the applicant's message waits in the outbox. Answers the entry's id.
#[server(prefix = "/api/coordinator", endpoint = "applications/approve")]
pub async fn approve_application(id: i64, form: EntryForm) -> Result<i64, AppError> {
    use crate::entries::{Reader, read};
    let account = require(Role::Coordinator).await?;
    let (pool, vocabulary) = (crate::platform::pool()?, crate::platform::vocabulary()?);
    let (entry, problems) = read(&pool, &vocabulary, &form, None, Reader::Coordinator).await?;
    if let Some(first) = problems.first() {
        return Err(AppError::invalid(&first.field, first.problem));
    }
    let address = client_address().await?.to_string();
    let origin = crate::platform::request::origin();
    let by = Actor::account(account.id, &address);
    store::approve(&pool, id, &entry, &origin, by).await
}

/// Rejects a pending application; the reason is told to the applicant through the outbox.
#[server(prefix = "/api/coordinator", endpoint = "applications/reject")]
pub async fn reject_application(id: i64, reason: String) -> Result<(), AppError> {
    use crate::error::Problem;
    let account = require(Role::Coordinator).await?;
    let reason = crate::shared::text::clean_text(&reason);
    if reason.is_empty() {
        return Err(AppError::invalid("reason", Problem::Required));
    }
    if reason.chars().count() > ssr::MAX_TEXT {
        return Err(AppError::invalid("reason", Problem::TooLong));
    }
    let address = client_address().await?.to_string();
    let by = Actor::account(account.id, &address);
    store::reject(&crate::platform::pool()?, id, &reason, by).await
}

/// Erases an application and its messages (asked first in the page).
#[server(prefix = "/api/coordinator", endpoint = "applications/erase")]
pub async fn erase_application(id: i64) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let by = Actor::account(account.id, &address);
    store::erase(&crate::platform::pool()?, id, by).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::entries::{EntryForm, Reader};
    use crate::error::{AppError, Problem};
    use crate::i18n::Lang;
    use crate::joining::Contact;
    use crate::shared::FieldProblem;
    use crate::shared::text::clean_line;

    /// The longest name or reason, in characters.
    pub const MAX_TEXT: usize = 2000;
    const MAX_NAME: usize = 200;

    /// The entry's form as read (cleaned, as it would be stored) and every problem of it (as the
    /// coordinator's form has them) and of the contact.
    pub async fn problems(
        pool: &sqlx::SqlitePool,
        form: &EntryForm,
        contact: &Contact,
    ) -> Result<(EntryForm, Vec<FieldProblem>), AppError> {
        let vocabulary = crate::platform::vocabulary()?;
        let (entry, mut problems) =
            crate::entries::read(pool, &vocabulary, form, None, Reader::Public).await?;
        let mut refuse = |field: &str, problem| {
            problems.push(FieldProblem {
                field: format!("contact.{field}"),
                problem,
            })
        };
        let name = clean_line(&contact.name);
        if name.is_empty() {
            refuse("name", Problem::Required);
        } else if name.chars().count() > MAX_NAME {
            refuse("name", Problem::TooLong);
        }
        if !crate::shared::identifiers::is_email(contact.email.trim()) {
            refuse("email", Problem::NotAnEmail);
        }
        let phone = contact.phone.trim();
        if !phone.is_empty() && !crate::shared::identifiers::is_phone(phone) {
            refuse("phone", Problem::NotAPhone);
        }
        if !contact.consent {
            refuse("consent", Problem::Required);
        }
        Ok((entry.form(), problems))
    }

    pub async fn submit(lang: Lang, form: &EntryForm, contact: &Contact) -> Result<(), AppError> {
        use crate::joining::store::{NewApplication, submit};
        let pool = crate::platform::pool()?;
        // What is stored is the form as read, not as sent: cleaned, and nothing in it longer
        // than its field allows.
        let (form, problems) = problems(&pool, form, contact).await?;
        if let Some(first) = problems.first() {
            return Err(AppError::invalid(&first.field, first.problem));
        }
        let address = crate::platform::request::client_address()
            .await?
            .to_string();
        let phone = contact.phone.trim();
        let contact_name = clean_line(&contact.name);
        let application = NewApplication {
            lang,
            form: &form,
            contact_name: &contact_name,
            contact_email: contact.email.trim(),
            contact_phone: (!phone.is_empty()).then_some(phone),
            consent: lang.texts().join.consent,
            address: &address,
            origin: &crate::platform::request::origin(),
        };
        submit(&pool, &application).await?;
        Ok(())
    }
}
