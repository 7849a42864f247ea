use crate::error::AppError;
use crate::outbox::OutboxLine;
use leptos::prelude::*;

/// Every message, latest first.
#[server(prefix = "/api/coordinator", endpoint = "outbox")]
pub async fn get_outbox() -> Result<Vec<OutboxLine>, AppError> {
    use crate::shared::time::stored_as_local_minute as local;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let messages = crate::platform::outbox::all(&crate::platform::pool()?).await?;
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
