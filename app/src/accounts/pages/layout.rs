//! `/{lang}/admin/…`: the coordinator's and the admin's pages. The layout asks the server who
//! is signed in and sends anyone else to the sign-in page (and back afterwards); every page's
//! data comes from server functions that check the role themselves.

use crate::accounts::api::get_dashboard;
use crate::accounts::api::{LogOut, signed_in_account};
use crate::accounts::{Account, Role};
use crate::accounts::{Backups, Dashboard};
use crate::components::admin::ErrorNotice;
use crate::components::chart::BarChart;
use crate::components::{errors::ErrorPage, page::private_page};
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::reports::api::get_dashboard_charts;
use crate::reports::{Bar, DashboardCharts};
use crate::shared::query::encode_query_value;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{
    components::{A, Outlet, Redirect},
    hooks::use_location,
};

#[component]
pub fn AdminLayout() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let location = use_location();
    let account = Resource::new(|| (), |_| signed_in_account());
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || {
                let lang = lang.get();
                // Where to come back to after signing in; untracked, so moving between admin
                // pages does not render the layout again.
                let mut here = location.pathname.get_untracked();
                let search = location.search.get_untracked();
                if !search.is_empty() {
                    here = format!("{here}?{}", search.trim_start_matches('?'));
                }
                Suspend::new(async move {
                    match account.await {
                        Ok(Some(account)) => view! { <AdminNav lang account /> }.into_any(),
                        Ok(None) => {
                            let login = format!("/{lang}/login?next={}", encode_query_value(&here));
                            view! { <Redirect path=login /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
        // Outside the account's Suspend, so that each page and its resources are made once, in
        // the same order on the server and in the browser. The page's server functions check
        // the session themselves; without one, the redirect above takes over.
        <Outlet />
    }
}

#[component]
fn AdminNav(lang: Lang, account: Account) -> impl IntoView {
    let texts = lang.texts();
    let log_out = ServerAction::<LogOut>::new();
    let href = move |page: &str| format!("/{lang}/admin{page}");
    view! {
        <nav class="admin-nav" aria-label=texts.admin.navigation>
            <ul>
                <li><A href=href("") exact=true>{texts.admin.title}</A></li>
                {(account.role == Role::Admin)
                    .then(|| view! { <li><A href=href("/accounts")>{texts.admin.nav_accounts}</A></li> })}
                <li><A href=href("/directory")>{texts.admin.directory_link}</A></li>
                <li><A href=href("/applications")>{texts.applications.nav}</A></li>
                <li><A href=href("/owners")>{texts.owners.nav}</A></li>
                <li><A href=href("/events")>{texts.admin.nav_events}</A></li>
                <li><A href=href("/reports")>{texts.reports.nav}</A></li>
                <li><A href=href("/funding")>{texts.funding.admin_title}</A></li>
                <li><A href=href("/counselling")>{texts.counselling.admin_title}</A></li>
                <li><A href=href("/newsletter")>{texts.newsletter.admin_title}</A></li>
                <li><A href=href("/audit")>{texts.admin.nav_audit}</A></li>
                <li><A href=href("/password")>{texts.admin.nav_password}</A></li>
            </ul>
            <p class="admin-nav__account">
                {texts.auth.signed_in_as} " " <strong>{account.email}</strong>
            </p>
            <ActionForm action=log_out>
                <input type="hidden" name="lang" value=lang.code() />
                <button type="submit" class="button button--secondary">{texts.auth.sign_out}</button>
            </ActionForm>
        </nav>
    }
}

/// `/{lang}/admin`: the figures and the way to every management page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let dashboard = Resource::new(|| (), |_| get_dashboard());
    // Made here beside the figures, not in the pictures' component that renders once the figures
    // have come: a resource made inside an answer would be numbered by which answer came first,
    // which on the server is a race, and the browser would read another resource's data.
    let charts = Resource::new(move || lang.get(), get_dashboard_charts);
    view! {
        {move || view! { <Title text=lang.get().texts().admin.title /> }}
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match dashboard.await {
                        Ok(figures) => view! { <DashboardView lang figures charts /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn DashboardView(
    lang: Lang,
    figures: Dashboard,
    charts: Resource<Result<DashboardCharts, AppError>>,
) -> impl IntoView {
    let texts = &lang.texts().admin;
    // A figure links to where it can be acted on, when this account may go there.
    let figure = |label: &'static str, value: i64, href: Option<String>| {
        let term = match href {
            Some(href) => view! { <a href=href>{label}</a> }.into_any(),
            None => label.into_any(),
        };
        view! {
            <div class="figure">
                <dt>{term}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let directory = format!("/{lang}/admin/directory");
    let events = format!("/{lang}/admin/events");
    let audit = format!("/{lang}/admin/audit");
    let applications = format!("/{lang}/admin/applications");
    view! {
        <section class="admin-page">
            <h1>{texts.title}</h1>
            <section class="figures" aria-labelledby="admin-figures">
                <h2 id="admin-figures">{texts.figures_heading}</h2>
                <dl>
                    {figure(texts.pending_applications, figures.pending_applications, Some(applications.clone()))}
                    {figure(texts.published_entries, figures.published_entries, Some(directory.clone()))}
                    {figure(texts.hidden_entries, figures.hidden_entries, Some(directory.clone()))}
                    {figure(texts.upcoming_events, figures.upcoming_events, Some(events.clone()))}
                    {figure(texts.draft_events, figures.draft_events, Some(format!("{events}?status=draft")))}
                    {figure(
                        texts.active_accounts,
                        figures.active_accounts,
                        figures.manages_accounts.then(|| format!("/{lang}/admin/accounts")),
                    )}
                    {figure(texts.changes_this_week, figures.changes_this_week, Some(audit.clone()))}
                    {figure(texts.failed_logins_today, figures.failed_logins_today, Some(format!("{audit}?entity=user")))}
                    {figure(texts.messages_waiting, figures.messages_waiting, Some(format!("/{lang}/admin/outbox")))}
                    {figure(texts.messages_failed, figures.messages_failed, Some(format!("/{lang}/admin/outbox?state=failed")))}
                </dl>
            </section>
            <DashboardPictures lang charts />
            <BackupsNotice lang backups=figures.backups />
            <section aria-labelledby="admin-manage">
                <h2 id="admin-manage">{texts.manage_heading}</h2>
                <ul class="manage-links">
                    <li><a href=directory>{texts.directory_link}</a></li>
                    <li><a href=applications>{lang.texts().applications.title}</a></li>
                    <li><a href=events>{texts.events_link}</a></li>
                    <li><a href=audit>{texts.nav_audit}</a></li>
                </ul>
            </section>
        </section>
    }
}

/// The database's last copy, and a warning when the server's copies stopped.
#[component]
fn BackupsNotice(lang: Lang, backups: Backups) -> impl IntoView {
    let texts = &lang.texts().admin;
    let last = match &backups.last {
        Some((when, bytes)) => {
            // One decimal, with the language's decimal sign.
            let size = format!("{:.1} {}", *bytes as f64 / 1_000_000.0, texts.megabytes);
            let size = if lang == Lang::En {
                size
            } else {
                size.replace('.', ",")
            };
            texts
                .last_backup
                .replace("{when}", when)
                .replace("{size}", &size)
        }
        None => texts.no_backup.to_owned(),
    };
    view! {
        <section aria-labelledby="admin-backups">
            <h2 id="admin-backups">{texts.backups_heading}</h2>
            <p>{last}</p>
            {backups.overdue.then(|| view! { <p class="notice notice--danger" role="alert">{texts.backup_overdue}</p> })}
            {(!backups.scheduled).then(|| view! { <p>{texts.backups_unscheduled}</p> })}
        </section>
    }
}

/// The dashboard's pictures: registrations and attendance over the last twelve months, and the
/// directory by sector and municipality.
#[component]
fn DashboardPictures(
    lang: Lang,
    charts: Resource<Result<DashboardCharts, AppError>>,
) -> impl IntoView {
    let texts = &lang.texts().reports;
    let pairs = |bars: Vec<Bar>| {
        bars.into_iter()
            .map(|bar| (bar.label, bar.value))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="dashboard-charts" aria-labelledby="dashboard-charts">
            <h2 id="dashboard-charts">{texts.in_pictures}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    match charts.await {
                        Ok(charts) => view! {
                            <div class="dashboard-charts__grid">
                                <BarChart caption=texts.registered_by_month.to_owned() bars=pairs(charts.registered) />
                                <BarChart caption=texts.attended_by_month.to_owned() bars=pairs(charts.attended) />
                                <BarChart caption=texts.directory_by_sector.to_owned() bars=pairs(charts.sectors) />
                                <BarChart caption=texts.directory_by_municipality.to_owned() bars=pairs(charts.municipalities) />
                            </div>
                            <p><a href=format!("/{lang}/admin/reports")>{texts.title}</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
