use crate::error::AppError;
use crate::outbox::Outbox;
use leptos::prelude::*;

/// Whether mail is sent, the count of each state, and the latest messages of `state` (a
/// state's code; all states when absent or unknown).
#[server(prefix = "/api/coordinator", endpoint = "outbox")]
pub async fn get_outbox(state: Option<String>) -> Result<Outbox, AppError> {
    use crate::outbox::{MessageStatus, OutboxLine, SHOWN, Sending, store};
    use crate::shared::time::stored_as_local_minute as local;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let state = state.as_deref().and_then(MessageStatus::from_code);
    let messages = store::latest(&pool, state, SHOWN).await?;
    Ok(Outbox {
        sending: use_context::<Sending>().unwrap_or_default(),
        counts: store::counts(&pool).await?,
        messages: messages
            .into_iter()
            .map(|m| OutboxLine {
                id: m.id,
                recipient: m.recipient,
                subject: m.subject,
                body: m.body,
                status: m.status,
                attempts: m.attempts,
                error: m.last_error,
                created: local(&m.created_at),
                sent: m.sent_at.as_deref().map(local),
            })
            .collect(),
    })
}

/// Sends message `id` again (`retry`) or not at all (`cancel`); refused when it is being sent
/// or was sent.
#[server(prefix = "/api/coordinator", endpoint = "outbox/act")]
pub async fn act_on_message(id: i64, action: String) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::outbox::store::{self, Action};
    use crate::platform::{audit::Actor, request::client_address};
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let action = match action.as_str() {
        "retry" => Action::Retry,
        "cancel" => Action::Cancel,
        _ => return Err(AppError::invalid("action", Problem::UnknownChoice)),
    };
    let address = client_address().await?.to_string();
    let pool = crate::platform::pool()?;
    if store::act(&pool, id, action, Actor::account(account.id, &address)).await? {
        Ok(())
    } else {
        Err(AppError::invalid("id", Problem::MessageOnItsWay))
    }
}
