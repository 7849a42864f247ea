use crate::error::AppError;
use crate::i18n::Lang;
use crate::reports::{DashboardCharts, Report, ReportQuery};
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
