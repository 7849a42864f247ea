use crate::error::AppError;
use crate::i18n::Lang;
use crate::reports::{Report, ReportQuery};
use leptos::prelude::*;

#[server(prefix = "/api/coordinator", endpoint = "report")]
pub async fn get_report(
    lang: Lang,
    #[server(default)] query: ReportQuery,
) -> Result<Report, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    crate::reports::store::report(
        &pool,
        &crate::events::calendar()?,
        &crate::platform::vocabulary()?,
        lang,
        &query,
    )
    .await
}
