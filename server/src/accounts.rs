//! `server add-user`: how the first admin (and any other account) comes to exist. Nothing
//! creates an account with a default password.

use crate::config::{AddUserArgs, RoleArg};
use anyhow::{Context, bail};
use app::accounts::store::{self as accounts, Role};
use app::error::AppError;
use app::i18n::Lang;
use app::platform::audit::Actor;
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
    let role = match args.role {
        RoleArg::Admin => Role::Admin,
        RoleArg::Coordinator => Role::Coordinator,
    };
    let typed = Some(typed).filter(|typed| !typed.is_empty());
    let email = args.email.trim().to_owned();
    match accounts::add_account(pool, &email, role, typed, Actor::COMMAND_LINE).await {
        Ok(generated_password) => Ok(AddedUser {
            email,
            role: role.code(),
            generated_password,
        }),
        Err(AppError::Invalid { problem, .. }) => {
            bail!("{email}: {}", Lang::En.texts().problem(problem))
        }
        Err(error) => Err(anyhow::anyhow!("adding the account: {error}")),
    }
}
