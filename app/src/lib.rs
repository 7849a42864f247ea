//! The Ida-Viru Creative Cluster's web application: pages, components and server functions,
//! shared by the server (feature `ssr`) and the browser (feature `hydrate`).
// Leptos views are deeply nested types; the audit table's outgrew the default limit of 128 in
// the optimised wasm build.
#![recursion_limit = "256"]

// Cross-cutting: what every feature may use, and which imports no feature.
pub mod components;
pub mod error;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod platform;
pub mod shared;

// The features, each with its types, server functions, store (server only) and pages.
pub mod about;
pub mod accounts;
pub mod attendance;
pub mod certificates;
pub mod counselling;
pub mod directory;
pub mod entries;
pub mod event_admin;
pub mod events;
pub mod feedback;
pub mod funding;
pub mod home;
pub mod joining;
pub mod newsletter;
pub mod outbox;
pub mod owners;
pub mod registrations;
pub mod reports;

use crate::about::page::AboutPage;
use crate::accounts::pages::{ForgotPasswordPage, LoginPage, NewPasswordPage};
use crate::certificates::pages::CertificatePage;
use crate::components::Frame;
use crate::components::errors::NotFound;
#[cfg(feature = "hydrate")]
use crate::components::frame::SiteOrigin;
use crate::components::lang_layout::LangLayout;
use crate::counselling::pages::{BookingPage, CounsellingPage};
use crate::directory::pages::{DirectoryPage, OrganisationPage};
use crate::events::pages::{EventDetailPage, EventsPage};
use crate::feedback::pages::FeedbackPage;
use crate::funding::pages::{FundingCallPage, FundingPage};
use crate::home::page::HomePage;
use crate::i18n::{Lang, lang_of_path};
use crate::joining::pages::JoinPage;
use crate::newsletter::pages::{
    ArchivePage, ArchivedEditionPage, ConfirmPage, SubscribePage, SubscriptionPage,
};
use crate::owners::pages::OwnerCheckPage;
use crate::registrations::page::RegistrationPage;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{ParentRoute, Route, Router, Routes},
    hooks::use_location,
};

/// The HTML document the server renders around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // Its name carries the content's hash when the build wrote one (hash.txt).
                <HashedStylesheet options=options.clone() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options=bundle(options) />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The coordinator's bundle (every page's code): its name, and its folder under the site root,
/// where `cargo leptos build --project coordinator` writes its own `pkg/`.
pub const COORDINATOR_BUNDLE: &str = "coordinator";

/// Where the coordinator's bundle lists its hashed names, beside the server binary (as
/// `hash-file-name` in Cargo.toml says).
#[cfg(feature = "ssr")]
const COORDINATOR_HASH_FILE: &str = "hash-coordinator.txt";

/// Whether a path is one of the coordinator's pages, `/{lang}/admin` and below.
#[cfg(feature = "ssr")]
fn is_coordinator_path(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/');
    segments.nth(1) == Some("admin")
}

/// The bundle a page loads: the coordinator's on the coordinator's pages, else the public one,
/// which has none of their code.
fn bundle(options: LeptosOptions) -> LeptosOptions {
    #[cfg(feature = "ssr")]
    if use_context::<axum::http::request::Parts>()
        .is_some_and(|request| is_coordinator_path(request.uri.path()))
    {
        let mut options = options;
        options.site_pkg_dir = format!("{COORDINATOR_BUNDLE}/{}", options.site_pkg_dir).into();
        options.output_name = COORDINATOR_BUNDLE.into();
        options.hash_file = COORDINATOR_HASH_FILE.into();
        return options;
    }
    options
}

/// The page's Content-Security-Policy: scripts from the site itself, the wasm, and the inline
/// scripts Leptos writes (hydration start, resolved resources), which carry this response's
/// nonce. No inline script without it, no inline style, no framing.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use axum::http::{HeaderValue, header};
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = HeaderValue::from_str(&policy)
    {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    provide_context(SiteOrigin(window().location().origin().unwrap_or_default()));
    mark_hydrated();

    view! {
        <Router>
            <Routes fallback=UnmatchedPath>
                <ParentRoute path=ParamSegment("lang") view=LangLayout ssr=SsrMode::Async>
                    <Route path=StaticSegment("") view=HomePage />
                    <Route path=StaticSegment("about") view=AboutPage />
                    <Route path=StaticSegment("directory") view=DirectoryPage />
                    <Route path=(StaticSegment("directory"), ParamSegment("slug")) view=OrganisationPage />
                    <Route path=StaticSegment("events") view=EventsPage />
                    <Route path=(StaticSegment("events"), ParamSegment("slug")) view=EventDetailPage />
                    <Route path=(StaticSegment("registration"), ParamSegment("token")) view=RegistrationPage />
                    <Route path=(StaticSegment("feedback"), ParamSegment("token")) view=FeedbackPage />
                    <Route path=(StaticSegment("certificates"), ParamSegment("code")) view=CertificatePage />
                    <Route path=StaticSegment("funding") view=FundingPage />
                    <Route path=(StaticSegment("funding"), ParamSegment("slug")) view=FundingCallPage />
                    <Route path=StaticSegment("counselling") view=CounsellingPage />
                    <Route path=(StaticSegment("counselling"), ParamSegment("token")) view=BookingPage />
                    <Route path=StaticSegment("join") view=JoinPage />
                    <Route path=StaticSegment("login") view=LoginPage />
                    <Route path=StaticSegment("forgot-password") view=ForgotPasswordPage />
                    <Route path=StaticSegment("new-password") view=NewPasswordPage />
                    <Route path=StaticSegment("check-entry") view=OwnerCheckPage />
                    <Route path=StaticSegment("newsletter") view=SubscribePage />
                    <Route path=(StaticSegment("newsletter"), StaticSegment("confirm")) view=ConfirmPage />
                    <Route path=(StaticSegment("newsletter"), StaticSegment("subscription")) view=SubscriptionPage />
                    <Route path=(StaticSegment("newsletter"), StaticSegment("archive")) view=ArchivePage />
                    <Route path=(StaticSegment("newsletter"), StaticSegment("archive"), ParamSegment("number")) view=ArchivedEditionPage />
                    <CoordinatorRoutes />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The coordinator's pages, `/{lang}/admin/…`: on the server and in the coordinator's bundle.
#[cfg(feature = "coordinator")]
#[component(transparent)]
fn CoordinatorRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use crate::accounts::pages::{
        AccountsPage, AdminLayout, AuditPage, DashboardPage, PasswordPage,
    };
    use crate::attendance::pages::{AttendancePage, CheckInPage};
    use crate::counselling::pages::CounsellingAdminPage;
    use crate::entries::pages::{AdminDirectoryFilesPage, AdminDirectoryPage, AdminEntryFormPage};
    use crate::event_admin::pages::{AdminEventFormPage, AdminEventPage, AdminEventsPage};
    use crate::funding::pages::{CallFormPage, FundingAdminPage};
    use crate::joining::pages::{ApplicationPage, ApplicationsPage};
    use crate::newsletter::pages::{EditionPage, NewsletterAdminPage};
    use crate::outbox::page::OutboxPage;
    use crate::owners::pages::{OwnerEntryPage, OwnersPage, ProposalPage};
    use crate::reports::pages::ReportsPage;
    view! {
        <ParentRoute path=StaticSegment("admin") view=AdminLayout>
            <Route path=StaticSegment("") view=DashboardPage />
            <Route path=StaticSegment("accounts") view=AccountsPage />
            <Route path=StaticSegment("applications") view=ApplicationsPage />
            <Route path=(StaticSegment("applications"), ParamSegment("id")) view=ApplicationPage />
            <Route path=StaticSegment("outbox") view=OutboxPage />
            <Route path=StaticSegment("newsletter") view=NewsletterAdminPage />
            <Route path=(StaticSegment("newsletter"), ParamSegment("id")) view=EditionPage />
            <Route path=StaticSegment("funding") view=FundingAdminPage />
            <Route path=(StaticSegment("funding"), StaticSegment("new")) view=CallFormPage />
            <Route path=(StaticSegment("funding"), ParamSegment("id"), StaticSegment("edit")) view=CallFormPage />
            <Route path=StaticSegment("counselling") view=CounsellingAdminPage />
            <Route path=StaticSegment("owners") view=OwnersPage />
            <Route path=(StaticSegment("owners"), ParamSegment("id")) view=OwnerEntryPage />
            <Route path=(StaticSegment("owners"), StaticSegment("proposals"), ParamSegment("id")) view=ProposalPage />
            <Route path=StaticSegment("audit") view=AuditPage />
            <Route path=StaticSegment("directory") view=AdminDirectoryPage />
            <Route path=(StaticSegment("directory"), StaticSegment("files")) view=AdminDirectoryFilesPage />
            <Route path=(StaticSegment("directory"), StaticSegment("new")) view=AdminEntryFormPage />
            <Route path=(StaticSegment("directory"), ParamSegment("id"), StaticSegment("edit")) view=AdminEntryFormPage />
            <Route path=StaticSegment("events") view=AdminEventsPage />
            <Route path=(StaticSegment("events"), StaticSegment("new")) view=AdminEventFormPage />
            <Route path=(StaticSegment("events"), ParamSegment("id")) view=AdminEventPage />
            <Route path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("edit")) view=AdminEventFormPage />
            <Route path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("attendance")) view=AttendancePage />
            <Route path=(StaticSegment("check-in"), ParamSegment("code")) view=CheckInPage />
            <Route path=StaticSegment("reports") view=ReportsPage />
            <Route path=StaticSegment("password") view=PasswordPage />
        </ParentRoute>
    }
    .into_inner()
}

/// In the public bundle, the coordinator's paths are the server's: following a link to one
/// loads it from the server, which sends the coordinator's bundle with it.
#[cfg(not(feature = "coordinator"))]
#[component(transparent)]
fn CoordinatorRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=(StaticSegment("admin"), leptos_router::WildcardSegment("rest")) view=LoadFromServer />
    }
    .into_inner()
}

/// Loads the page at the router's address from the server (reloads it, when the router has
/// already put it in the address bar).
#[cfg(not(feature = "coordinator"))]
#[component]
fn LoadFromServer() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let shown = window().location();
    let _ = if shown.pathname().is_ok_and(|shown| shown == path) {
        shown.reload()
    } else {
        // The router keeps the query without its `?` and the fragment with its `#`.
        let search = location.search.get_untracked();
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        shown.assign(&format!("{path}{query}{}", location.hash.get_untracked()))
    };
}

/// A 404 in the language the path starts with, else in the default language.
#[component]
fn UnmatchedPath() -> impl IntoView {
    let location = use_location();
    let lang =
        Signal::derive(move || lang_of_path(&location.pathname.get()).unwrap_or(Lang::DEFAULT));
    provide_context(lang);
    view! {
        <Frame>
            <NotFound />
        </Frame>
    }
}

/// Sets `data-hydrated` on `<body>` once the wasm has taken over: the end-to-end tests wait
/// for it, and it never appears in a page rendered without JavaScript.
fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::is_coordinator_path;

    #[test]
    fn the_coordinators_pages_are_admin_and_below_in_any_language() {
        for path in ["/et/admin", "/ru/admin/", "/en/admin/events/7/edit"] {
            assert!(is_coordinator_path(path), "{path}");
        }
        for path in [
            "/",
            "/admin",
            "/et",
            "/et/administration",
            "/et/events/admin",
        ] {
            assert!(!is_coordinator_path(path), "{path}");
        }
    }
}
