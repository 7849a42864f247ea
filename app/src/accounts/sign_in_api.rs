//! Signing in and out, and one's own password. Sign-in is public by nature; the rest checks the
//! session on the server.

use crate::accounts::account::Account;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;

/// Where a plain-form sign-in that failed goes back to: the form, with the reason in the URL
/// (the password is never put back).
pub const LOGIN_ERROR_WRONG: &str = "wrong";
pub const LOGIN_ERROR_WAIT: &str = "wait";
pub const LOGIN_ERROR_BUSY: &str = "busy";

/// Signs in and goes to `next` (a path on this site), else to the admin home. A wrong password,
/// an unknown email and a disabled account get the same answer in the same time.
#[server(prefix = "/api", endpoint = "login")]
pub async fn log_in(
    lang: Lang,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::accounts::{auth, login};
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
    .await
    .map_err(|e| AppError::internal("checking a sign-in", e))?;
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
    use crate::accounts::auth;
    use crate::accounts::store::{AuditEntry, record};
    use crate::platform::request;
    let session = auth::request_session().await?;
    if let Some(account) = auth::current_account().await? {
        let pool = crate::platform::pool()?;
        let address = request::client_address().await?.to_string();
        let mut connection = pool
            .acquire()
            .await
            .map_err(|e| AppError::internal("signing out", e))?;
        record(
            &mut connection,
            &AuditEntry {
                user_id: Some(account.id),
                address: Some(&address),
                action: "logout",
                entity: "user",
                entity_id: Some(account.id),
                changes: serde_json::json!({}),
            },
        )
        .await
        .map_err(|e| AppError::internal("signing out", e))?;
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
    crate::accounts::auth::current_account().await
}

/// Sets a new password after checking the current one; the account's other sessions end.
#[server(prefix = "/api/coordinator", endpoint = "password")]
pub async fn change_password(current: String, new: String, repeat: String) -> Result<(), AppError> {
    use crate::accounts::account::Role;
    use crate::accounts::auth;
    use crate::accounts::store::{self as accounts, AuditEntry};
    use crate::error::Problem;
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
        AuditEntry {
            user_id: Some(account.id),
            address: Some(&address),
            ..AuditEntry::default()
        },
    )
    .await?;
    // The session that remains belongs to the new epoch, under a new id, as after any change
    // of what it may do.
    auth::renew(&session, epoch).await
}

/// `next` if it is a path on this site, else the admin home.
#[cfg(feature = "ssr")]
fn after_login(next: Option<&str>, lang: Lang) -> String {
    next.filter(|next| is_local_path(next))
        .map_or_else(|| format!("/{lang}/admin"), str::to_owned)
}

/// A path on this site: `/…`, but not `//host` or `/\host`, which browsers read as another
/// site, and nothing that could break out of a header.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 2000
        && !path.chars().any(char::is_control)
}

/// A query value with everything but unreserved characters and `/` percent-encoded.
pub fn encode_query_value(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|pair| pair.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/et/admin/audit?user=1&page=2"),
            "%2Fet%2Fadmin%2Faudit%3Fuser%3D1%26page%3D2"
        );
    }
}
