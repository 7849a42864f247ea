//! The newsletter's server functions: the public ones behind the subscribe form and the
//! subscriber's signed link, and the coordinator's.

use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::newsletter::{
    ArchiveLine, ArchivedEdition, EditionForm, EditionLine, EditionPanel, Subscribers,
    Subscription, Topic, Topics,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    accounts::{Role, require},
    newsletter::store,
    platform::{audit::Actor, request::client_address},
};

/// The subscribe form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscribeForm {
    #[serde(default)]
    pub email: String,
    /// The language of the mail wanted.
    #[serde(default)]
    pub lang: String,
    /// Topic codes (checkboxes `form[topics][n]`).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Sector codes of the funding reminders (checkboxes `form[sectors][n]`; none: every
    /// sector).
    #[serde(default)]
    pub sectors: Vec<String>,
}

/// The topics a form's checkboxes name; an unknown code is refused.
pub fn topics_of(codes: &[String]) -> Result<Topics, AppError> {
    codes
        .iter()
        .map(|code| {
            Topic::from_code(code).ok_or(AppError::invalid("topics", Problem::UnknownChoice))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Topics::of)
}

/// A language a form names: `lang` when empty.
#[cfg(feature = "ssr")]
fn lang_or(code: &str, lang: Lang) -> Result<Lang, AppError> {
    if code.is_empty() {
        Ok(lang)
    } else {
        code.parse()
            .map_err(|_| AppError::invalid("lang", Problem::UnknownLanguage))
    }
}

/// Asks for a subscription: a confirmation mail goes (or, for an address already confirmed, a
/// mail saying so); the answer is the same either way. A plain form post comes back to the
/// page, told it was sent or why not.
#[server(prefix = "/api", endpoint = "newsletter/subscribe")]
pub async fn subscribe(
    lang: Lang,
    form: SubscribeForm,
    homepage: Option<String>,
) -> Result<(), AppError> {
    // The form's hidden trap field: people leave it empty, form-filling robots do not.
    if homepage.is_some_and(|typed| !typed.is_empty()) {
        return Err(AppError::BadRequest("refused".to_owned()));
    }
    let outcome = async {
        let wanted = lang_or(&form.lang, lang)?;
        let topics = topics_of(&form.topics)?;
        let client = client_address().await?.to_string();
        let consent = lang.texts().newsletter.consent;
        store::subscribe(
            &crate::platform::pool()?,
            &form.email,
            wanted,
            topics,
            consent,
            &client,
            &crate::platform::request::origin(),
        )
        .await
    }
    .await;
    if crate::platform::request::is_plain_form_post() {
        match &outcome {
            Ok(()) => leptos_axum::redirect(&format!("/{lang}/newsletter?sent=1")),
            Err(AppError::Invalid { problem, .. }) => {
                leptos_axum::redirect(&format!("/{lang}/newsletter?problem={}", problem.code()));
            }
            Err(AppError::TooManyAttempts) => {
                leptos_axum::redirect(&format!("/{lang}/newsletter?problem=TooManyAttempts"));
            }
            _ => {}
        }
    }
    outcome
}

/// Confirms a subscription from the mailed link: the subscription and its page's token, or
/// `None` for a link that is not (or no longer) one.
#[server(prefix = "/api", endpoint = "newsletter/confirm")]
pub async fn confirm_subscription(
    lang: Lang,
    token: String,
) -> Result<Option<(Subscription, String)>, AppError> {
    let confirmed = store::confirm(&crate::platform::pool()?, &token).await?;
    if crate::platform::request::is_plain_form_post() {
        match &confirmed {
            Some((_, manage)) => leptos_axum::redirect(&format!(
                "/{lang}/newsletter/subscription?token={manage}&done=confirmed"
            )),
            None => leptos_axum::redirect(&format!("/{lang}/newsletter/subscription")),
        }
    }
    Ok(confirmed)
}

/// Sends a plain form post back to the subscriber's page.
#[cfg(feature = "ssr")]
fn back_to_subscription(lang: Lang, token: &str, done: &str) {
    if crate::platform::request::is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "/{lang}/newsletter/subscription?token={token}&done={done}"
        ));
    }
}

/// The subscription behind a subscriber's link; `None` for a link that is not one.
#[server(prefix = "/api", endpoint = "newsletter/subscription")]
pub async fn get_subscription(
    token: String,
    #[server(default)] lang: Option<Lang>,
) -> Result<Option<Subscription>, AppError> {
    let vocabulary = crate::platform::vocabulary()?;
    let choices =
        crate::platform::vocabulary::labelled(&vocabulary.sectors, lang.unwrap_or(Lang::DEFAULT));
    Ok(store::subscription(&crate::platform::pool()?, &token)
        .await?
        .map(|subscription| Subscription {
            sector_choices: choices,
            ..subscription
        }))
}

/// The subscriber changes the language and topics of their mail, and the sectors of their
/// funding reminders.
#[server(prefix = "/api", endpoint = "newsletter/subscription/change")]
pub async fn change_subscription(
    lang: Lang,
    token: String,
    form: SubscribeForm,
) -> Result<(), AppError> {
    let wanted = lang_or(&form.lang, lang)?;
    let topics = topics_of(&form.topics)?;
    let vocabulary = crate::platform::vocabulary()?;
    let mut sectors: Vec<String> = Vec::new();
    for code in form.sectors.iter().take(50) {
        if crate::platform::vocabulary::find(&vocabulary.sectors, code).is_none() {
            return Err(AppError::invalid("sectors", Problem::UnknownSector));
        }
        if !sectors.contains(code) {
            sectors.push(code.clone());
        }
    }
    if store::change(&crate::platform::pool()?, &token, wanted, topics, &sectors).await? {
        back_to_subscription(lang, &token, "saved");
        Ok(())
    } else {
        Err(AppError::invalid("token", Problem::LinkExpired))
    }
}

/// The subscriber ends the subscription with the button of their page.
#[server(prefix = "/api", endpoint = "newsletter/subscription/end")]
pub async fn end_subscription(lang: Lang, token: String) -> Result<(), AppError> {
    if store::unsubscribe(&crate::platform::pool()?, &token).await? {
        back_to_subscription(lang, &token, "unsubscribed");
        Ok(())
    } else {
        Err(AppError::invalid("token", Problem::LinkExpired))
    }
}

/// The sent editions, newest first, in `lang`.
#[server(prefix = "/api", endpoint = "newsletter/archive")]
pub async fn get_archive(lang: Lang) -> Result<Vec<ArchiveLine>, AppError> {
    Ok(store::archive(&crate::platform::pool()?, lang)
        .await?
        .into_iter()
        .map(|(line, _)| line)
        .collect())
}

/// A sent edition as the archive shows it in `lang`.
#[server(prefix = "/api", endpoint = "newsletter/edition")]
pub async fn get_archived_edition(lang: Lang, number: i64) -> Result<ArchivedEdition, AppError> {
    let (form, went) = store::archived(&crate::platform::pool()?, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let written = crate::newsletter::letter::write(
        &form,
        lang,
        None,
        &crate::platform::request::origin(),
        None,
    );
    Ok(ArchivedEdition {
        number,
        subject: written.subject,
        date: crate::shared::time::stored_as_local_minute(&went)
            .get(..10)
            .unwrap_or_default()
            .to_owned(),
        html: written.fragment,
        fallback: written.fallback,
    })
}

/// The subscribers: counts and the latest.
#[server(prefix = "/api/coordinator", endpoint = "newsletter/subscribers")]
pub async fn get_subscribers() -> Result<Subscribers, AppError> {
    require(Role::Coordinator).await?;
    Ok(store::overview(&crate::platform::pool()?).await?)
}

/// The coordinator adds someone who gave consent elsewhere; `source` says where.
#[server(prefix = "/api/coordinator", endpoint = "newsletter/subscribers/add")]
pub async fn add_subscriber(
    lang: Lang,
    form: SubscribeForm,
    source: String,
) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let wanted = lang_or(&form.lang, lang)?;
    let topics = topics_of(&form.topics)?;
    store::add(
        &crate::platform::pool()?,
        &form.email,
        wanted,
        topics,
        &source,
        Actor::account(account.id, &address),
    )
    .await?;
    Ok(())
}

/// Every edition, newest first.
#[server(prefix = "/api/coordinator", endpoint = "newsletter/editions")]
pub async fn list_editions() -> Result<Vec<EditionLine>, AppError> {
    require(Role::Coordinator).await?;
    Ok(store::editions(&crate::platform::pool()?).await?)
}

/// Starts an edition drafted from the calendar, the funding board and the directory; its id.
#[server(prefix = "/api/coordinator", endpoint = "newsletter/editions/start")]
pub async fn start_edition() -> Result<i64, AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let pool = crate::platform::pool()?;
    let calendar = crate::events::calendar()?;
    let funding = crate::platform::context::<crate::funding::FundingCache>("the funding board")?;
    let form = store::draft(&pool, &calendar, &funding, jiff::Timestamp::now()).await?;
    Ok(store::start(&pool, &form, Actor::account(account.id, &address)).await?)
}

#[server(prefix = "/api/coordinator", endpoint = "newsletter/editions/get")]
pub async fn get_edition(id: i64) -> Result<EditionPanel, AppError> {
    require(Role::Coordinator).await?;
    store::panel(&crate::platform::pool()?, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Saves a draft's content.
#[server(prefix = "/api/coordinator", endpoint = "newsletter/editions/save", input = server_fn::codec::Json)]
pub async fn save_edition(id: i64, form: EditionForm) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    store::save(
        &crate::platform::pool()?,
        id,
        &form,
        Actor::account(account.id, &address),
    )
    .await
}

/// Sends the saved draft as it would go to a subscriber of every topic in `lang`, to the
/// coordinator's own address (marked as a test).
#[server(prefix = "/api/coordinator", endpoint = "newsletter/editions/test")]
pub async fn send_test_edition(id: i64, lang: Lang) -> Result<String, AppError> {
    let account = require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    store::send_test(&pool, id, lang, &account.email).await?;
    Ok(account.email)
}

/// Sends the saved draft now, or at `at` (Tallinn time, `YYYY-MM-DDTHH:MM`); the count of
/// subscribers it goes to.
#[server(prefix = "/api/coordinator", endpoint = "newsletter/editions/send")]
pub async fn send_edition(id: i64, at: Option<String>) -> Result<u64, AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let at = match at.as_deref().map(str::trim).filter(|at| !at.is_empty()) {
        None => None,
        Some(at) => {
            let (date, time) = at
                .split_once('T')
                .ok_or(AppError::invalid("at", Problem::NotADate))?;
            Some(
                crate::shared::time::tallinn_instant(date, time)
                    .map_err(|problem| AppError::invalid("at", problem.problem().0))?,
            )
        }
    };
    store::send(
        &crate::platform::pool()?,
        id,
        at,
        Actor::account(account.id, &address),
    )
    .await
}

/// Pauses a sending edition, or resumes a paused one.
#[server(prefix = "/api/coordinator", endpoint = "newsletter/editions/pause")]
pub async fn pause_edition(id: i64, paused: bool) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    if store::pause(
        &crate::platform::pool()?,
        id,
        paused,
        Actor::account(account.id, &address),
    )
    .await?
    {
        Ok(())
    } else {
        Err(AppError::invalid("edition", Problem::StatusChange))
    }
}
