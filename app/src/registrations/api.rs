//! Registering for an event, and the registrant's private page: the link that shows the
//! registration and cancels it.
// `register` takes the form's fields one argument each, as the plain form posts them; the
// server macro's client half cannot be given an attribute of its own.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::i18n::Lang;
#[cfg(feature = "ssr")]
use crate::registrations::{REGISTER_PROBLEM, REGISTERED};
use crate::registrations::{Registered, RegistrationView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Registers for a published event that takes registrations. Past its capacity the registrant
/// goes on the waiting list; the same email twice changes nothing. A plain form post (no
/// JavaScript yet) is sent back to the event, told that the registration was received or why
/// not. At an event that asks the funder's questions, the answers given (`facts[…]`) are kept
/// when `facts[consent]` is ticked, and refused without it.
#[server(prefix = "/api", endpoint = "register")]
pub async fn register(
    lang: Lang,
    slug: String,
    name: String,
    email: String,
    organisation: Option<String>,
    consent: Option<String>,
    website: Option<String>,
    #[server(default)] facts: crate::registrations::facts::FactsForm,
) -> Result<Registered, AppError> {
    // The form's hidden trap field: people leave it empty, form-filling robots do not.
    if website.is_some_and(|typed| !typed.is_empty()) {
        return Err(AppError::BadRequest("refused".to_owned()));
    }
    let facts = crate::registrations::facts::Facts::checked(facts);
    let outcome = match facts {
        Ok(facts) => register_for(lang, &slug, &name, &email, organisation, consent, facts).await,
        Err(problem) => Err(problem),
    };
    if crate::platform::request::is_plain_form_post() && crate::shared::identifiers::is_slug(&slug)
    {
        let back = format!("/{lang}/events/{slug}");
        match &outcome {
            Ok(_) => leptos_axum::redirect(&format!("{back}?{REGISTERED}=1#register-heading")),
            Err(AppError::Invalid { problem, .. }) => leptos_axum::redirect(&format!(
                "{back}?{REGISTER_PROBLEM}={}#register-heading",
                problem.code()
            )),
            _ => {}
        }
    }
    outcome
}

#[server(prefix = "/api", endpoint = "registration", input = GetUrl)]
pub async fn get_registration(lang: Lang, token: String) -> Result<RegistrationView, AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let registration = crate::registrations::store::by_token(&pool, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let event =
        crate::events::public_event(&pool, &crate::events::calendar()?, &registration.event_slug)
            .await?
            .ok_or(AppError::NotFound)?;
    Ok(RegistrationView {
        facts: Some(registration.facts).filter(|facts| *facts != Default::default()),
        event_slug: event.slug.clone(),
        event_title: event.title.clone(),
        when: crate::shared::time::format_span(event.starts_at, event.ends_at, event.all_day, lang),
        name: registration.name,
        status: registration.status,
        check_in_qr: (registration.status == crate::registrations::RegistrationStatus::Confirmed)
            .then(|| {
                let address = crate::attendance::qr::address(
                    &crate::platform::request::origin(),
                    &registration.check_in_code,
                );
                crate::attendance::qr::svg(&address, lang.texts().attendance.qr_label)
            })
            .flatten(),
        certificate: registration.certificate,
    })
}

/// Deletes the answers to the funder's questions kept with the registration behind the private
/// link: the consent withdrawn.
#[server(prefix = "/api", endpoint = "registration/facts/withdraw")]
pub async fn withdraw_facts(token: String) -> Result<(), AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::invalid(
            "token",
            crate::error::Problem::UnknownRegistration,
        ));
    }
    let pool = crate::platform::pool()?;
    crate::registrations::store::withdraw_facts(&pool, &token).await
}

/// Cancels the registration behind the private link; the first person waiting moves up.
#[server(prefix = "/api", endpoint = "registration/cancel")]
pub async fn cancel_registration(token: String) -> Result<(), AppError> {
    if !crate::platform::request::is_token(&token) {
        return Err(AppError::invalid(
            "token",
            crate::error::Problem::UnknownRegistration,
        ));
    }
    let pool = crate::platform::pool()?;
    crate::registrations::store::cancel(&pool, &token, &crate::platform::request::origin()).await
}

/// [`register`]'s checks and the registration itself.
#[cfg(feature = "ssr")]
async fn register_for(
    lang: Lang,
    slug: &str,
    name: &str,
    email: &str,
    organisation: Option<String>,
    consent: Option<String>,
    facts: Option<crate::registrations::facts::Facts>,
) -> Result<Registered, AppError> {
    use crate::error::Problem;
    use crate::registrations::mail::About;
    use crate::registrations::store::{PublicRegistration, RegistrationForCreate, register_public};
    use crate::shared::text::clean_line;
    const MAX_CHARS: usize = 200;

    if !crate::shared::identifiers::is_slug(slug) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let event = crate::events::public_event(&pool, &crate::events::calendar()?, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = jiff::Timestamp::now();
    if event.is_cancelled() {
        return Err(AppError::invalid("event", Problem::EventCancelled));
    }
    let Some(next) = event
        .occurrences(now, now + crate::events::model::HORIZON)
        .into_iter()
        .find(|o| o.starts_at > now && !o.cancelled)
    else {
        return Err(AppError::invalid("event", Problem::EventOver));
    };
    if event.registration != "open" || event.registration_deadline.is_some_and(|d| d <= now) {
        return Err(AppError::invalid("event", Problem::RegistrationClosed));
    }
    let name = clean_line(name);
    let email = email.trim();
    let organisation = organisation
        .as_deref()
        .map(clean_line)
        .filter(|o| !o.is_empty());
    if name.is_empty() {
        return Err(AppError::invalid("name", Problem::Required));
    }
    if name.chars().count() > MAX_CHARS {
        return Err(AppError::invalid("name", Problem::TooLong));
    }
    if !crate::shared::identifiers::is_email(email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    if organisation
        .as_ref()
        .is_some_and(|o| o.chars().count() > MAX_CHARS)
    {
        return Err(AppError::invalid("organisation", Problem::TooLong));
    }
    if consent.is_none_or(|c| c.is_empty()) {
        return Err(AppError::invalid("consent", Problem::Required));
    }
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let origin = crate::platform::request::origin();
    let token = crate::platform::request::random_token();
    register_public(
        &pool,
        &PublicRegistration {
            person: RegistrationForCreate {
                name: &name,
                email,
                organisation: organisation.as_deref(),
                consent: lang.texts().events.consent,
                token: &token,
                address: Some(&address),
                lang,
            },
            about: About {
                event: &event,
                origin: &origin,
                starts_at: next.starts_at,
                ends_at: next.ends_at,
            },
            // Kept only where the event asks.
            facts: facts.filter(|_| event.asks_participant_facts),
        },
    )
    .await?;
    Ok(Registered {
        email: email.to_owned(),
    })
}

/// The coordinator signs someone up (by phone, at the door): the same places and waiting list
/// as the public form.
#[server(prefix = "/api/coordinator", endpoint = "events/registrations/add")]
pub async fn add_registration(
    id: i64,
    name: String,
    email: String,
    organisation: Option<String>,
    lang: Lang,
) -> Result<(), AppError> {
    use crate::shared::text::clean_line;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let organisation = organisation
        .as_deref()
        .map(clean_line)
        .filter(|o| !o.is_empty());
    crate::registrations::store::add_registration(
        &pool,
        id,
        &crate::registrations::store::Added {
            name: &clean_line(&name),
            email: email.trim(),
            organisation: organisation.as_deref(),
            lang,
        },
        &crate::platform::request::origin(),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Removes a registration; the first person waiting moves up and is told.
#[server(prefix = "/api/coordinator", endpoint = "events/registrations/remove")]
pub async fn remove_registration(registration: i64) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::registrations::store::remove_registration(
        &pool,
        registration,
        &crate::platform::request::origin(),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}
