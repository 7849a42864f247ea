//! Joining the directory: the public proposes an entry at `/{lang}/join` (checked with the same
//! rules as the coordinator's form and a CSV row), the coordinator reviews it, corrects it and
//! approves or rejects it; the applicant's messages wait in the outbox.

use crate::entries::api::EntryChoices;
use crate::entries::form::EntryForm;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::shared::FieldProblem;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The applicant's contact person (never published) and their consent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub consent: bool,
}

/// The choices of the join form, in the reader's language.
#[server(prefix = "/api", endpoint = "join/form", input = GetUrl)]
pub async fn get_join_form(lang: Lang) -> Result<EntryChoices, AppError> {
    let pool = crate::platform::pool()?;
    crate::entries::api::entry_choices(&pool, lang).await
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

/// A line of the coordinator's list of applications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub id: i64,
    pub name: String,
    pub municipality: Option<String>,
    pub contact: String,
    /// Tallinn time, to the minute.
    pub submitted: String,
}

/// The applications with `status` (`pending`, the default, `approved` or `rejected`), oldest
/// first.
#[server(prefix = "/api/coordinator", endpoint = "applications")]
pub async fn list_applications(
    lang: Lang,
    status: Option<String>,
) -> Result<Vec<ApplicationRow>, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let status = ssr::status(status.as_deref());
    let lines = crate::joining::store::list(&pool, status)
        .await
        .map_err(|e| AppError::internal("listing applications", e))?;
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
            submitted: crate::shared::tallinn::stored_as_local_minute(&line.created_at),
        })
        .collect())
}

/// One application as the coordinator reviews it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationReview {
    pub id: i64,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub name: String,
    /// The applicant's language, in the reader's words.
    pub language: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub consent: String,
    /// Tallinn time, to the minute.
    pub consented_at: String,
    pub submitted: String,
    pub reason: Option<String>,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    /// The entry made of it: id and slug.
    pub entry: Option<(i64, String)>,
    pub form: EntryForm,
    pub choices: EntryChoices,
}

#[server(prefix = "/api/coordinator", endpoint = "applications/get")]
pub async fn get_application(lang: Lang, id: i64) -> Result<ApplicationReview, AppError> {
    use crate::shared::tallinn::stored_as_local_minute as local;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let found = crate::joining::store::application(&pool, id)
        .await
        .map_err(|e| AppError::internal("loading an application", e))?
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
        choices: crate::entries::api::entry_choices(&pool, lang).await?,
    })
}

/// Approves a pending application with the entry as the coordinator corrected it: the entry is
/// published and the applicant's message waits in the outbox. Answers the entry's id.
#[server(prefix = "/api/coordinator", endpoint = "applications/approve")]
pub async fn approve_application(id: i64, form: EntryForm) -> Result<i64, AppError> {
    use crate::entries::api::Reader::Coordinator;
    use crate::joining::store::approve;
    use crate::platform::audit::Actor;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let (entry, problems) = crate::entries::api::read(&pool, &form, None, Coordinator).await?;
    if let Some(first) = problems.first() {
        return Err(AppError::invalid(&first.field, first.problem));
    }
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let origin = use_context::<crate::components::frame::SiteOrigin>()
        .map(|o| o.0)
        .unwrap_or_default();
    let by = Actor::account(account.id, &address);
    approve(&pool, id, &form, &entry, &origin, by).await
}

/// Rejects a pending application; the reason is told to the applicant through the outbox.
#[server(prefix = "/api/coordinator", endpoint = "applications/reject")]
pub async fn reject_application(id: i64, reason: String) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::joining::store::reject;
    use crate::platform::audit::Actor;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let reason = crate::shared::text::clean_text(&reason);
    if reason.is_empty() {
        return Err(AppError::invalid("reason", Problem::Required));
    }
    if reason.chars().count() > ssr::MAX_TEXT {
        return Err(AppError::invalid("reason", Problem::TooLong));
    }
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let by = Actor::account(account.id, &address);
    reject(&pool, id, &reason, by).await
}

/// Erases an application and its messages (asked first in the page).
#[server(prefix = "/api/coordinator", endpoint = "applications/erase")]
pub async fn erase_application(id: i64) -> Result<(), AppError> {
    use crate::joining::store::erase;
    use crate::platform::audit::Actor;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let by = Actor::account(account.id, &address);
    erase(&pool, id, by).await
}

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLine {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Tallinn time, to the minute.
    pub created: String,
    pub sent: Option<String>,
}

#[server(prefix = "/api/coordinator", endpoint = "outbox")]
pub async fn get_outbox() -> Result<Vec<OutboxLine>, AppError> {
    use crate::shared::tallinn::stored_as_local_minute as local;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let messages = crate::platform::outbox::all(&pool)
        .await
        .map_err(|e| AppError::internal("loading the outbox", e))?;
    Ok(messages
        .into_iter()
        .map(|m| OutboxLine {
            id: m.id,
            recipient: m.recipient,
            subject: m.subject,
            body: m.body,
            created: local(&m.created_at),
            sent: m.sent_at.as_deref().map(local),
        })
        .collect())
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::Contact;
    use crate::entries::api::Reader;
    use crate::entries::form::EntryForm;
    use crate::error::{AppError, Problem};
    use crate::i18n::Lang;
    use crate::shared::FieldProblem;
    use crate::shared::text::clean_line;

    /// The longest name or reason, in characters.
    pub const MAX_TEXT: usize = 2000;
    const MAX_NAME: usize = 200;

    pub fn status(asked: Option<&str>) -> &'static str {
        match asked {
            Some("approved") => "approved",
            Some("rejected") => "rejected",
            _ => "pending",
        }
    }

    /// The entry's form as read (cleaned, as it would be stored) and every problem of it (as the
    /// coordinator's form has them) and of the contact.
    pub async fn problems(
        pool: &sqlx::SqlitePool,
        form: &EntryForm,
        contact: &Contact,
    ) -> Result<(EntryForm, Vec<FieldProblem>), AppError> {
        let (entry, mut problems) =
            crate::entries::api::read(pool, form, None, Reader::Public).await?;
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
        Ok((crate::entries::api::form_of(&entry), problems))
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
        };
        submit(&pool, &application).await?;
        Ok(())
    }
}
