//! `server add-user`: how the first admin (and any other account) comes to exist. Nothing
//! creates an account with a default password.

use crate::config::{AddUserArgs, RoleArg};
use anyhow::{Context, bail};
use app::auth::password::{self, PasswordProblem};
use app::db::accounts::{self, AuditEntry, Role};
use sqlx::SqlitePool;
use std::io::{IsTerminal, Read};

pub struct AddedUser {
    pub email: String,
    pub role: &'static str,
    /// Set when the password was generated: the caller shows it once.
    pub generated_password: Option<String>,
}

/// The password piped into the command, without its line end; empty from a terminal.
pub fn read_password(mut input: impl Read + IsTerminal) -> anyhow::Result<String> {
    if input.is_terminal() {
        return Ok(String::new());
    }
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .context("reading the password from standard input")?;
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}

/// Adds the account with the password `typed`, or with a generated one when it is empty.
pub async fn add_user(
    pool: &SqlitePool,
    args: &AddUserArgs,
    typed: &str,
) -> anyhow::Result<AddedUser> {
    let email = args.email.trim().to_owned();
    if !is_plausible_email(&email) {
        bail!("{email:?} is not an email address");
    }
    let generated = typed.is_empty().then(password::generate);
    let chosen = generated.as_deref().unwrap_or(typed);
    match password::check_new(chosen, &email) {
        Ok(()) => {}
        Err(PasswordProblem::TooShort) => bail!(
            "the password is too short: at least {} characters",
            password::MIN_CHARS
        ),
        Err(PasswordProblem::TooLong) => bail!(
            "the password is too long: at most {} characters",
            password::MAX_CHARS
        ),
        Err(PasswordProblem::TooCommon) => {
            bail!("the password is one of the most common ones (or the email): choose another")
        }
    }
    let role = match args.role {
        RoleArg::Admin => Role::Admin,
        RoleArg::Coordinator => Role::Coordinator,
    };
    let hash = password::hash(chosen);
    let mut tx = pool.begin().await?;
    let created = accounts::create_user(&mut tx, &email, role, &hash, AuditEntry::default())
        .await
        .context("adding the account")?;
    if created.is_none() {
        bail!("an account with the email {email} already exists");
    }
    tx.commit().await?;
    Ok(AddedUser {
        email,
        role: role.code(),
        generated_password: generated,
    })
}

fn is_plausible_email(email: &str) -> bool {
    email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
}
