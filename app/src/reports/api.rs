use crate::error::AppError;
use crate::i18n::Lang;
use crate::reports::{DashboardCharts, ProgrammeTag, Report, ReportQuery};
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

#[server(prefix = "/api/coordinator", endpoint = "dashboard/charts")]
pub async fn get_dashboard_charts(lang: Lang) -> Result<DashboardCharts, AppError> {
    use crate::directory::{DirectoryCache, DirectoryQuery};
    use crate::reports::Bar;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let (registered, attended) = crate::reports::store::last_twelve_months(&pool).await?;
    // The directory's own counts, kept in memory for its filters.
    let directory = crate::platform::context::<DirectoryCache>("the directory cache")?
        .answer(
            &pool,
            &crate::platform::vocabulary()?,
            lang,
            DirectoryQuery::default(),
        )
        .await?;
    let bars = |options: Vec<crate::directory::FacetOption>| {
        let mut bars: Vec<Bar> = options
            .into_iter()
            .filter(|option| option.count > 0)
            .map(|option| Bar {
                label: option.label,
                value: option.count as i64,
            })
            .collect();
        bars.sort_by_key(|bar| std::cmp::Reverse(bar.value));
        bars
    };
    Ok(DashboardCharts {
        registered,
        attended,
        sectors: bars(directory.sectors),
        municipalities: bars(directory.municipalities),
    })
}

#[server(prefix = "/api/coordinator", endpoint = "events/programme")]
pub async fn get_programme(id: i64) -> Result<ProgrammeTag, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    crate::reports::store::programme_tag(&pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Tags an event with the programme or funder it is reported to (empty: none), and says
/// whether its registrants are asked the funder's questions (`asks_facts`, a checkbox).
#[server(prefix = "/api/coordinator", endpoint = "events/programme/set")]
pub async fn set_programme(
    id: i64,
    programme: String,
    asks_facts: Option<String>,
) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::reports::store::set_programme(
        &pool,
        id,
        &programme,
        asks_facts.is_some_and(|yes| !yes.is_empty()),
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}
