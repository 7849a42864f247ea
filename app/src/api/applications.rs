//! Joining the directory: the public proposes an entry at `/{lang}/join` (checked with the same
//! rules as the coordinator's form and a CSV row), the coordinator reviews it, corrects it and
//! approves or rejects it; the applicant's messages wait in the outbox.

use crate::api::directory_admin::EntryChoices;
use crate::domain::entry_form::EntryForm;
use crate::domain::event_form::FieldProblem;
use crate::error::AppError;
use crate::i18n::Lang;
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
    let pool = crate::api::pool()?;
    crate::api::directory_admin::entry_choices(&pool, lang).await
}

/// Every refused field of an application as it is typed (contact fields as `contact.name`, …).
#[server(prefix = "/api", endpoint = "join/check")]
pub async fn check_application(
    form: EntryForm,
    contact: Contact,
) -> Result<Vec<FieldProblem>, AppError> {
    let pool = crate::api::pool()?;
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
    if crate::auth::is_plain_form_post() {
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
    crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let status = ssr::status(status.as_deref());
    let lines = crate::db::applications::list(&pool, status)
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
            submitted: crate::tallinn_time::stored_as_local_minute(&line.created_at),
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
    use crate::tallinn_time::stored_as_local_minute as local;
    crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let found = crate::db::applications::application(&pool, id)
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
        choices: crate::api::directory_admin::entry_choices(&pool, lang).await?,
    })
}

/// Approves a pending application with the entry as the coordinator corrected it: the entry is
/// published and the applicant's message waits in the outbox. Answers the entry's id.
#[server(prefix = "/api/coordinator", endpoint = "applications/approve")]
pub async fn approve_application(id: i64, form: EntryForm) -> Result<i64, AppError> {
    use crate::api::directory_admin::Reader::Coordinator;
    use crate::db::applications::{Decider, approve};
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let (entry, problems) =
        crate::api::directory_admin::read(&pool, &form, None, Coordinator).await?;
    if let Some(first) = problems.first() {
        return Err(AppError::invalid(&first.field, first.problem));
    }
    let address = crate::auth::client_address().await?.to_string();
    let origin = use_context::<crate::components::frame::SiteOrigin>()
        .map(|o| o.0)
        .unwrap_or_default();
    let by = Decider {
        user_id: account.id,
        address: &address,
    };
    approve(&pool, id, &form, &entry, &origin, by).await
}

/// Rejects a pending application; the reason is told to the applicant through the outbox.
#[server(prefix = "/api/coordinator", endpoint = "applications/reject")]
pub async fn reject_application(id: i64, reason: String) -> Result<(), AppError> {
    use crate::db::applications::{Decider, reject};
    use crate::error::Problem;
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let reason = crate::domain::text::clean_text(&reason);
    if reason.is_empty() {
        return Err(AppError::invalid("reason", Problem::Required));
    }
    if reason.chars().count() > ssr::MAX_TEXT {
        return Err(AppError::invalid("reason", Problem::TooLong));
    }
    let pool = crate::api::pool()?;
    let address = crate::auth::client_address().await?.to_string();
    let by = Decider {
        user_id: account.id,
        address: &address,
    };
    reject(&pool, id, &reason, by).await
}

/// Erases an application and its messages (asked first in the page).
#[server(prefix = "/api/coordinator", endpoint = "applications/erase")]
pub async fn erase_application(id: i64) -> Result<(), AppError> {
    use crate::db::applications::{Decider, erase};
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let address = crate::auth::client_address().await?.to_string();
    let by = Decider {
        user_id: account.id,
        address: &address,
    };
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
    use crate::tallinn_time::stored_as_local_minute as local;
    crate::auth::require(crate::domain::account::Role::Coordinator).await?;
    let pool = crate::api::pool()?;
    let messages = crate::db::outbox::all(&pool)
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
    use crate::api::directory_admin::Reader;
    use crate::domain::entry_form::EntryForm;
    use crate::domain::event_form::FieldProblem;
    use crate::domain::text::clean_line;
    use crate::error::{AppError, Problem};
    use crate::i18n::Lang;

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
            crate::api::directory_admin::read(pool, form, None, Reader::Public).await?;
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
        if !crate::domain::account::is_email(contact.email.trim()) {
            refuse("email", Problem::NotAnEmail);
        }
        let phone = contact.phone.trim();
        if !phone.is_empty() && !crate::domain::identifiers::is_phone(phone) {
            refuse("phone", Problem::NotAPhone);
        }
        if !contact.consent {
            refuse("consent", Problem::Required);
        }
        Ok((crate::api::directory_admin::form_of(&entry), problems))
    }

    pub async fn submit(lang: Lang, form: &EntryForm, contact: &Contact) -> Result<(), AppError> {
        use crate::db::applications::{NewApplication, submit};
        let pool = crate::api::pool()?;
        // What is stored is the form as read, not as sent: cleaned, and nothing in it longer
        // than its field allows.
        let (form, problems) = problems(&pool, form, contact).await?;
        if let Some(first) = problems.first() {
            return Err(AppError::invalid(&first.field, first.problem));
        }
        let address = crate::auth::client_address().await?.to_string();
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
