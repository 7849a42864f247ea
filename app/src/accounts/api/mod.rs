//! The accounts' server functions: signing in and out, one's own password, the dashboard, the
//! audit log, and the admin's accounts. Sign-in is public by nature; everything else checks the
//! session on the server, and sits under `/api/coordinator` or `/api/admin`, which the server
//! refuses without the role.

#[cfg(feature = "ssr")]
pub mod auth;

use crate::accounts::{Account, AccountsView, AuditFilter, AuditView, Dashboard, Role};
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::accounts::{LOGIN_ERROR_BUSY, LOGIN_ERROR_WAIT, LOGIN_ERROR_WRONG},
    crate::shared::query::{encode_query_value, is_local_path},
};

#[server(prefix = "/api/coordinator", endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    let account = crate::accounts::require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let calendar = crate::events::calendar()?.current(&pool).await?;
    let now = jiff::Timestamp::now();
    let dashboard = crate::accounts::store::dashboard(&pool, &calendar, now).await?;
    let schedule = leptos::prelude::use_context().unwrap_or_default();
    Ok(Dashboard {
        manages_accounts: account.role == Role::Admin,
        backups: crate::accounts::store::backups(&pool, schedule, now).await?,
        ..dashboard
    })
}

#[server(prefix = "/api/coordinator", endpoint = "audit")]
pub async fn audit_log(filter: AuditFilter) -> Result<AuditView, AppError> {
    use crate::accounts::store::{AUDIT_PAGE_SIZE, audit_entities, audit_page, list_accounts};
    crate::accounts::require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let (lines, total) = audit_page(&pool, &filter).await?;
    let users = list_accounts(&pool)
        .await?
        .into_iter()
        .map(|account| (account.id, account.email))
        .collect();
    Ok(AuditView {
        lines,
        total,
        page: filter.page.max(1),
        pages: u32::try_from((total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE)
            .unwrap_or(u32::MAX)
            .max(1),
        users,
        entities: audit_entities(&pool).await?,
    })
}

#[server(prefix = "/api/admin", endpoint = "accounts")]
pub async fn accounts() -> Result<AccountsView, AppError> {
    let admin = crate::accounts::require(Role::Admin).await?;
    let pool = crate::platform::pool()?;
    let accounts = crate::accounts::store::list_accounts(&pool).await?;
    Ok(AccountsView {
        accounts,
        you: admin.id,
    })
}

/// Adds an account and mails its owner, in `lang`, the link that sets its password (no
/// password is ever handed over). Answers the email the invitation went to.
#[server(prefix = "/api/admin", endpoint = "accounts/add")]
pub async fn add_account(email: String, role: Role, lang: Lang) -> Result<String, AppError> {
    use crate::accounts::store::reset::{Invitation, invite};
    use crate::platform::audit::Actor;
    let admin = crate::accounts::require(Role::Admin).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let email = email.trim().to_owned();
    invite(
        &pool,
        &Invitation {
            email: &email,
            role,
            lang,
            origin: &crate::platform::request::origin(),
            by: &admin.email,
        },
        Actor::account(admin.id, &address),
    )
    .await?;
    Ok(email)
}

/// Disables (ending its sessions at once) or re-enables an account other than one's own.
#[server(prefix = "/api/admin", endpoint = "accounts/disabled")]
pub async fn set_account_disabled(id: i64, disabled: bool) -> Result<(), AppError> {
    use crate::platform::audit::Actor;
    let admin = crate::accounts::require(Role::Admin).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::accounts::store::set_disabled(&pool, id, disabled, Actor::account(admin.id, &address))
        .await
}

/// Signs in and goes to `next` (a path on this site), else to the admin home. A wrong password,
/// an unknown email and a disabled account get the same answer in the same time.
#[server(prefix = "/api", endpoint = "login")]
pub async fn log_in(
    lang: Lang,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::accounts::api::auth;
    use crate::accounts::store::login;
    use crate::platform::request;
    let pool = crate::platform::pool()?;
    let session = auth::request_session().await?;
    let address = request::client_address().await?.to_string();
    let now = jiff::Timestamp::now().as_second();
    let outcome = login::check(
        &pool,
        &email,
        &password,
        &address,
        now,
        login::Purpose::SignIn,
    )
    .await?;
    let (error, code) = match outcome {
        login::Outcome::SignedIn {
            account,
            session_epoch,
        } => {
            auth::sign_in(&session, account.id, session_epoch).await?;
            leptos_axum::redirect(&after_login(next.as_deref(), lang));
            return Ok(());
        }
        login::Outcome::Refused => (AppError::WrongCredentials, LOGIN_ERROR_WRONG),
        login::Outcome::Throttled => (AppError::TooManyAttempts, LOGIN_ERROR_WAIT),
        login::Outcome::Busy => (AppError::Unavailable, LOGIN_ERROR_BUSY),
    };
    if request::is_plain_form_post() {
        let mut back = format!("/{lang}/login?error={code}");
        if let Some(next) = next.as_deref().filter(|next| is_local_path(next)) {
            back.push_str("&next=");
            back.push_str(&encode_query_value(next));
        }
        leptos_axum::redirect(&back);
    }
    Err(error)
}

/// Ends the session and goes to the sign-in page.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn log_out(lang: Lang) -> Result<(), AppError> {
    use crate::accounts::api::auth;
    use crate::platform::audit::{Actor, record};
    use crate::platform::request;
    let session = auth::request_session().await?;
    if let Some(account) = auth::current_account().await? {
        let pool = crate::platform::pool()?;
        let address = request::client_address().await?.to_string();
        let mut connection = pool.acquire().await?;
        record(
            &mut connection,
            Actor {
                user_id: Some(account.id),
                address: Some(&address),
            },
            "logout",
            "user",
            Some(account.id),
            serde_json::json!({}),
        )
        .await?;
    }
    session
        .flush()
        .await
        .map_err(|e| AppError::internal("ending a session", e))?;
    leptos_axum::redirect(&format!("/{lang}/login?signed_out=1"));
    Ok(())
}

/// The signed-in account, or `None`: what the admin pages ask before showing anything.
#[server(prefix = "/api", endpoint = "account")]
pub async fn signed_in_account() -> Result<Option<Account>, AppError> {
    crate::accounts::api::auth::current_account().await
}

/// Sets a new password after checking the current one; the account's other sessions end.
#[server(prefix = "/api/coordinator", endpoint = "password")]
pub async fn change_password(current: String, new: String, repeat: String) -> Result<(), AppError> {
    use crate::accounts::Role;
    use crate::accounts::api::auth;
    use crate::accounts::store as accounts;
    use crate::error::Problem;
    use crate::platform::audit::Actor;
    use crate::platform::request;
    let account = auth::require(Role::Coordinator).await?;
    if new != repeat {
        return Err(AppError::invalid("repeat", Problem::PasswordsDiffer));
    }
    let pool = crate::platform::pool()?;
    let session = auth::request_session().await?;
    let address = request::client_address().await?.to_string();
    let epoch = accounts::change_password(
        &pool,
        &account,
        &current,
        &new,
        session.id(),
        Actor::account(account.id, &address),
    )
    .await?;
    // The session that remains belongs to the new epoch, under a new id, as after any change
    // of what it may do.
    auth::renew(&session, epoch).await
}

/// The language in which the signed-in coordinator hears of each new application, or `None`.
#[server(prefix = "/api/coordinator", endpoint = "notifications")]
pub async fn get_notifications() -> Result<Option<Lang>, AppError> {
    let account = crate::accounts::api::auth::require(Role::Coordinator).await?;
    Ok(crate::accounts::store::notify_applications(&crate::platform::pool()?, account.id).await?)
}

/// Whether the signed-in coordinator hears of each new application (`applications` ticked),
/// in `lang`, the language of the page they chose it on.
#[server(prefix = "/api/coordinator", endpoint = "notifications/set")]
pub async fn set_notifications(lang: Lang, applications: Option<String>) -> Result<(), AppError> {
    let account = crate::accounts::api::auth::require(Role::Coordinator).await?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::accounts::store::set_notify_applications(
        &crate::platform::pool()?,
        account.id,
        applications.is_some().then_some(lang),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await?;
    Ok(())
}

/// Asks for a password-reset link to `email`: the same answer whether or not the email has an
/// account. A plain form post (no JavaScript yet) comes back to the page, told so or why not.
#[server(prefix = "/api", endpoint = "password-reset")]
pub async fn request_password_reset(lang: Lang, email: String) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::platform::request;
    let email = email.trim();
    let outcome = if crate::shared::identifiers::is_email(email) {
        let pool = crate::platform::pool()?;
        let address = request::client_address().await?.to_string();
        let origin = crate::platform::request::origin();
        crate::accounts::store::reset::request(&pool, email, lang, &origin, &address).await
    } else {
        Err(AppError::invalid("email", Problem::NotAnEmail))
    };
    if request::is_plain_form_post() {
        let answer = match &outcome {
            Ok(()) => "sent=1".to_owned(),
            Err(error) => plain_form_problem(error),
        };
        leptos_axum::redirect(&format!("/{lang}/forgot-password?{answer}"));
    }
    outcome
}

/// Whether a password-reset link's `token` still works (unknown, used and expired ones do not).
#[server(prefix = "/api", endpoint = "password-reset/check")]
pub async fn password_reset_usable(token: String) -> Result<bool, AppError> {
    let pool = crate::platform::pool()?;
    Ok(crate::accounts::store::reset::usable(&pool, &token)
        .await?
        .is_some())
}

/// Sets a new password through a password-reset link, ending every session of the account,
/// and goes to the sign-in page. A plain form post that fails comes back to the link's page.
#[server(prefix = "/api", endpoint = "password-reset/new")]
pub async fn reset_password(
    lang: Lang,
    token: String,
    new: String,
    repeat: String,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::platform::request;
    let outcome = if new == repeat {
        let pool = crate::platform::pool()?;
        let address = request::client_address().await?.to_string();
        crate::accounts::store::reset::complete(&pool, &token, &new, &address).await
    } else {
        Err(AppError::invalid("repeat", Problem::PasswordsDiffer))
    };
    match &outcome {
        Ok(()) => leptos_axum::redirect(&format!("/{lang}/login?password_reset=1")),
        Err(error) if request::is_plain_form_post() => leptos_axum::redirect(&format!(
            "/{lang}/new-password?token={}&{}",
            encode_query_value(&token),
            plain_form_problem(error)
        )),
        Err(_) => {}
    }
    outcome
}

/// How a page that a plain form post goes back to is told why it failed: `problem=` with a
/// field's problem, else `error=` with the sign-in page's codes.
#[cfg(feature = "ssr")]
fn plain_form_problem(error: &AppError) -> String {
    match error {
        AppError::Invalid { problem, .. } => format!("problem={}", problem.code()),
        AppError::TooManyAttempts => format!("error={LOGIN_ERROR_WAIT}"),
        _ => format!("error={LOGIN_ERROR_BUSY}"),
    }
}

/// `next` if it is a path on this site, else the admin home.
#[cfg(feature = "ssr")]
fn after_login(next: Option<&str>, lang: Lang) -> String {
    next.filter(|next| is_local_path(next))
        .map_or_else(|| format!("/{lang}/admin"), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_filter_ignores_what_does_not_parse() {
        let filter = AuditFilter::from_pairs([("user", "x"), ("entity", ""), ("page", "-3")]);
        assert_eq!(
            filter,
            AuditFilter {
                user: None,
                entity: None,
                page: 1
            }
        );
        let filter = AuditFilter::from_pairs([("user", "4"), ("entity", "user"), ("page", "2")]);
        assert_eq!(filter.user, Some(4));
        assert_eq!(filter.entity.as_deref(), Some("user"));
        assert_eq!(filter.page, 2);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn only_paths_on_this_site_are_followed_after_login() {
        assert_eq!(
            after_login(Some("/ru/admin/audit?page=2"), Lang::Ru),
            "/ru/admin/audit?page=2"
        );
        for foreign in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "admin",
            "/et\r\nSet-Cookie: x=1",
            "",
        ] {
            assert_eq!(
                after_login(Some(foreign), Lang::Et),
                "/et/admin",
                "{foreign}"
            );
        }
        assert_eq!(after_login(None, Lang::En), "/en/admin");
    }
}
