//! Who is asking: sessions, sign-in and the role checks every protected server function makes.
//! Server only.

use crate::accounts::store::sessions;
use crate::accounts::{Account, Role};
use crate::error::AppError;
use jiff::{SignedDuration, Timestamp};
use sqlx::SqlitePool;
use tower_sessions::Session;

const SIGNED_IN_AT_KEY: &str = "signed_in_at";
const SEEN_AT_KEY: &str = "seen_at";
/// The account's `session_epoch` when the session was made: a password change or disabling
/// raises the account's, and a session of an older epoch is refused, even one that a request
/// still in flight would save again.
const EPOCH_KEY: &str = "epoch";
/// How often an active session's idle expiry is pushed back: not on every request, so that
/// reading pages does not write to the database each time.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// How long a session lasts: `idle` after the last request, and never longer than `lifetime`
/// after signing in.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    pub idle: SignedDuration,
    pub lifetime: SignedDuration,
}

/// Starts a signed-in session of the account's `epoch`: a new id (no one who knew the old one
/// can follow), nothing left from before.
pub async fn sign_in(session: &Session, user_id: i64, epoch: i64) -> Result<(), AppError> {
    let now = Timestamp::now().as_second();
    let failed = |e| AppError::internal("starting a session", e);
    session.clear().await;
    session.cycle_id().await.map_err(failed)?;
    session
        .insert(sessions::USER_ID_KEY, user_id)
        .await
        .map_err(failed)?;
    session
        .insert(SIGNED_IN_AT_KEY, now)
        .await
        .map_err(failed)?;
    session.insert(SEEN_AT_KEY, now).await.map_err(failed)?;
    session.insert(EPOCH_KEY, epoch).await.map_err(failed)?;
    Ok(())
}

/// Moves the signed-in session to the account's new `epoch` (after its own password change),
/// under a new id.
pub async fn renew(session: &Session, epoch: i64) -> Result<(), AppError> {
    let failed = |e| AppError::internal("renewing the session", e);
    session.insert(EPOCH_KEY, epoch).await.map_err(failed)?;
    session.cycle_id().await.map_err(failed)
}

/// The account behind a session, if the session is live and the account enabled. A session
/// past its lifetime, of an account since disabled or deleted, or from before its password
/// last changed, is ended here.
pub async fn authenticate(
    session: &Session,
    pool: &SqlitePool,
    policy: &SessionPolicy,
) -> Result<Option<Account>, AppError> {
    let read = |e| AppError::internal("reading the session", e);
    let Some(user_id) = session
        .get::<i64>(sessions::USER_ID_KEY)
        .await
        .map_err(read)?
    else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(read)?
        .unwrap_or(0);
    let epoch = session
        .get::<i64>(EPOCH_KEY)
        .await
        .map_err(read)?
        .unwrap_or(0);
    let now = Timestamp::now().as_second();
    let account = if now - signed_in_at < policy.lifetime.as_secs() {
        crate::accounts::store::live_account(pool, user_id, epoch).await?
    } else {
        None
    };
    let Some(account) = account else {
        session.flush().await.map_err(read)?;
        return Ok(None);
    };
    let seen_at = session
        .get::<i64>(SEEN_AT_KEY)
        .await
        .map_err(read)?
        .unwrap_or(0);
    if now - seen_at >= TOUCH_EVERY_SECONDS {
        // A change to the record makes the session layer save it, with a new idle expiry.
        session.insert(SEEN_AT_KEY, now).await.map_err(read)?;
    }
    Ok(Some(account))
}

/// The session of the request a server function or page is answering.
pub async fn request_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal("no session layer on the request", e))
}

/// The signed-in account of the current request, if any.
pub async fn current_account() -> Result<Option<Account>, AppError> {
    let session = request_session().await?;
    let pool = crate::platform::pool()?;
    let policy = leptos::prelude::use_context::<SessionPolicy>()
        .ok_or_else(|| AppError::internal("session", "no session policy in context"))?;
    authenticate(&session, &pool, &policy).await
}

/// The signed-in account if its role includes `needed`: the first line of every protected
/// server function. 401 without a live session, 403 with too small a role.
pub async fn require(needed: Role) -> Result<Account, AppError> {
    match current_account().await? {
        None => Err(AppError::SignInRequired),
        Some(account) if account.role.includes(needed) => Ok(account),
        Some(_) => Err(AppError::Forbidden),
    }
}
