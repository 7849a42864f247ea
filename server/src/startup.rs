//! Builds the running application: pool, migrations, demo data, router, listener.

use crate::sessions::SessionSettings;
use crate::{config::Settings, language, seed};
use anyhow::Context;
use app::accounts::store::sessions::SqliteSessionStore;
use app::{App, COORDINATOR_BUNDLE, components::frame::SiteOrigin, error::AppError, shell};
use axum::{
    Json, Router,
    extract::Request,
    extract::State,
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use sqlx::SqlitePool;
use std::{
    future::{Future, IntoFuture},
    net::SocketAddr,
    time::Duration,
};
use tokio::net::TcpListener;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

/// How long a stopping server waits for the requests in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

pub struct Application {
    listener: TcpListener,
    router: Router,
    pool: SqlitePool,
    mailer: Option<crate::mailer::Mailer>,
    origin: String,
    caches: Caches,
    backups: crate::config::BackupSettings,
    /// Held while serving, so that `restore` cannot replace the database under the server.
    _lock: Option<crate::backup::ServerLock>,
}

/// What the server keeps in memory of the database: the public events and the public funding
/// calls, shared by the pages, the feeds and the reminders.
#[derive(Clone, Default)]
pub struct Caches {
    pub calendar: app::events::store::CalendarCache,
    pub funding: app::funding::FundingCache,
}

impl Application {
    /// Opens and migrates the database, adds demo data to an empty one (when enabled), and binds
    /// the listener (port 0 picks a free port, as the tests do).
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        settings.check_exposure()?;
        if let Some(header) = &settings.client_ip_header {
            tracing::warn!(
                %header,
                "taking client addresses from a request header: correct only behind a proxy that overwrites it"
            );
        }
        let mailer = crate::mailer::Mailer::new(&settings.mail)?;
        if mailer.is_none() {
            tracing::warn!("SMTP_URL is not set: messages wait in the outbox, none is sent");
        }
        let pool = open_database(&settings.database_url, settings.database_connections).await?;
        let lock =
            match crate::backup::database_path(&settings.database_url) {
                Some(path) => Some(crate::backup::ServerLock::take(&path)?.with_context(|| {
                    format!("another server is serving {}", settings.database_url)
                })?),
                None => None,
            };
        if settings.demo_data() {
            seed::demo::seed_if_empty(&pool)
                .await
                .context("adding the demo data")?;
        }
        let listener = TcpListener::bind(settings.site_addr)
            .await
            .with_context(|| format!("listening on {}", settings.site_addr))?;
        let bound = listener.local_addr()?;
        let mut leptos_options = settings.leptos_options();
        leptos_options.site_addr = bound;
        let public_origin = settings.public_origin(bound);
        let sessions = SessionSettings {
            policy: settings.session_policy(),
            secure: settings.secure_cookies(&public_origin),
            client_ip_header: settings
                .client_ip_header
                .as_deref()
                .map(HeaderName::try_from)
                .transpose()
                .context("CLIENT_IP_HEADER is not a header name")?,
        };
        let vocabulary = app::platform::vocabulary::Vocabulary::load(&pool)
            .await
            .context("loading the vocabulary")?;
        let sending = app::outbox::Sending {
            configured: mailer.is_some(),
        };
        let caches = Caches::default();
        let backups = settings.backups.clone();
        let schedule = app::platform::backups::Schedule {
            every: backups.backup_dir.is_some().then_some(backups.backup_every),
        };
        let router = router(
            pool.clone(),
            vocabulary,
            caches.clone(),
            leptos_options,
            public_origin.clone(),
            sessions,
            SetUp {
                sending,
                backups: schedule,
                metrics: settings.metrics_token.clone(),
            },
        );
        Ok(Self {
            listener,
            router,
            pool,
            mailer,
            origin: public_origin,
            caches,
            backups,
            _lock: lock,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Serves until `shutdown` completes, gives requests in flight [`SHUTDOWN_GRACE`] to finish,
    /// then closes the pool. Expired sessions are swept from the database meanwhile, and the
    /// mailer sends the outbox (it finishes the message it is sending, within the same grace).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let sweeper = tokio::spawn(sweep_expired_sessions(SqliteSessionStore::new(
            self.pool.clone(),
        )));
        let reminder = tokio::spawn(remind(self.pool.clone(), self.caches, self.origin.clone()));
        let editions = tokio::spawn(look_after_the_newsletter(self.pool.clone()));
        let copies = self.backups.backup_dir.clone().map(|dir| {
            tokio::spawn(crate::backup::keep_copying(
                self.pool.clone(),
                self.backups.clone(),
                dir,
            ))
        });
        let (stop_mailer, mailer_stops) = tokio::sync::watch::channel(false);
        let mailer = self.mailer.map(|mailer| {
            tokio::spawn(crate::mailer::run(
                self.pool.clone(),
                mailer,
                self.origin,
                mailer_stops,
            ))
        });
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        let serve = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stopping.send(());
        });
        // A client that never finishes its request, or a request stuck on the database, must
        // not keep a stopping server alive.
        let grace_over = async {
            match stopped.await {
                Ok(()) => tokio::time::sleep(SHUTDOWN_GRACE).await,
                Err(_) => std::future::pending().await,
            }
        };
        let served = tokio::select! {
            served = serve.into_future() => served.context("serving HTTP"),
            () = grace_over => {
                tracing::warn!(?SHUTDOWN_GRACE, "requests still in flight after the grace period: stopping without them");
                Ok(())
            }
        };
        sweeper.abort();
        reminder.abort();
        editions.abort();
        if let Some(copies) = copies {
            copies.abort();
        }
        let _ = stop_mailer.send(true);
        if let Some(mut mailer) = mailer
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut mailer)
                .await
                .is_err()
        {
            tracing::warn!("the mailer was still sending after the grace period: stopping it");
            mailer.abort();
        }
        served?;
        if tokio::time::timeout(SHUTDOWN_GRACE, self.pool.close())
            .await
            .is_err()
        {
            tracing::warn!("database connections still in use at shutdown: leaving them");
        }
        Ok(())
    }
}

async fn sweep_expired_sessions(store: SqliteSessionStore) {
    use tower_sessions::ExpiredDeletion;
    let mut every = tokio::time::interval(crate::sessions::SWEEP_EVERY);
    loop {
        every.tick().await;
        if let Err(error) = store.delete_expired().await {
            tracing::warn!(%error, "sweeping expired sessions");
        }
    }
}

/// How often the registrants of tomorrow's events are looked for, to be reminded.
const REMIND_EVERY: Duration = Duration::from_secs(5 * 60);

/// Queues the reminders (into the outbox, sent or not): the day before each event and each
/// booked consultation, and 14 and 3 days before each open funding call's deadline.
async fn remind(pool: SqlitePool, Caches { calendar, funding }: Caches, origin: String) {
    let mut every = tokio::time::interval(REMIND_EVERY);
    loop {
        every.tick().await;
        let reminded = match calendar.current(&pool).await {
            Ok(calendar) => {
                let now = jiff::Timestamp::now();
                app::registrations::store::remind(&pool, &calendar.events, &origin, now).await
            }
            Err(error) => Err(error),
        };
        match reminded {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "reminders for tomorrow's events"),
            Err(error) => tracing::warn!(%error, "queueing the reminders"),
        }
        match app::counselling::remind(&pool, &origin, jiff::Timestamp::now()).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "reminders for tomorrow's consultations"),
            Err(error) => tracing::warn!(%error, "queueing the consultations' reminders"),
        }
        let reminded = match funding.calls(&pool).await {
            Ok(calls) => {
                app::newsletter::remind_funding(&pool, &calls, &origin, jiff::Timestamp::now())
                    .await
            }
            Err(error) => Err(error),
        };
        match reminded {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "reminders of funding deadlines"),
            Err(error) => tracing::warn!(%error, "queueing the funding reminders"),
        }
    }
}

/// How often scheduled editions are let go and finished ones marked sent.
const EDITIONS_EVERY: Duration = Duration::from_secs(5);
/// How often unconfirmed subscriptions past their week are deleted.
const FORGET_EVERY: Duration = Duration::from_secs(60 * 60);

/// Lets scheduled editions go when their time comes, marks finished ones sent, and deletes
/// subscriptions never confirmed.
async fn look_after_the_newsletter(pool: SqlitePool) {
    let mut every = tokio::time::interval(EDITIONS_EVERY);
    let mut last_forgotten: Option<tokio::time::Instant> = None;
    loop {
        every.tick().await;
        if let Err(error) = app::newsletter::store::tick(&pool).await {
            tracing::warn!(%error, "looking after the newsletter's editions");
        }
        if last_forgotten.is_none_or(|at| at.elapsed() >= FORGET_EVERY) {
            last_forgotten = Some(tokio::time::Instant::now());
            match app::newsletter::store::forget_unconfirmed(&pool).await {
                Ok(0) => {}
                Ok(forgotten) => tracing::info!(forgotten, "unconfirmed subscriptions deleted"),
                Err(error) => tracing::warn!(%error, "deleting unconfirmed subscriptions"),
            }
        }
    }
}

/// Connects with a pool of `connections` and applies the migrations, creating the file and
/// its folder when absent.
pub async fn open_database(database_url: &str, connections: u32) -> anyhow::Result<SqlitePool> {
    create_parent_folder(database_url)?;
    let pool = app::platform::db::connect(database_url, connections)
        .await
        .with_context(|| format!("opening the database {database_url}"))?;
    app::platform::db::MIGRATOR
        .run(&pool)
        .await
        .context("applying the migrations")?;
    Ok(pool)
}

fn create_parent_folder(database_url: &str) -> anyhow::Result<()> {
    let Some(path) = crate::backup::database_path(database_url) else {
        return Ok(()); // in memory
    };
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating {}", folder.display()))?;
    }
    Ok(())
}

/// What pages are told of how this server is set up.
#[derive(Clone)]
pub struct SetUp {
    pub sending: app::outbox::Sending,
    pub backups: app::platform::backups::Schedule,
    /// The token `/metrics` asks for; without, it is not there.
    pub metrics: Option<String>,
}

#[derive(Clone, axum::extract::FromRef)]
struct AppState {
    leptos_options: leptos::config::LeptosOptions,
    pool: SqlitePool,
}

pub fn router(
    pool: SqlitePool,
    vocabulary: app::platform::vocabulary::Vocabulary,
    Caches { calendar, funding }: Caches,
    leptos_options: leptos::config::LeptosOptions,
    public_origin: String,
    sessions: SessionSettings,
    set_up: SetUp,
) -> Router {
    let policy = sessions.policy;
    let session_pool = pool.clone();
    let secure_origin = public_origin.clone();
    let site_root = std::path::PathBuf::from(leptos_options.site_root.as_ref());
    let routes = generate_route_list(App);
    let state = AppState {
        leptos_options,
        pool: pool.clone(),
    };
    let directory = app::directory::DirectoryCache::default();
    let metrics = crate::metrics::MetricsState::new(set_up.metrics.clone(), pool.clone());
    let feeds = crate::feeds::FeedState {
        pool: pool.clone(),
        calendar: calendar.clone(),
        funding: funding.clone(),
        origin: public_origin.clone(),
    };
    let newsletter = crate::newsletter::NewsletterState {
        pool: pool.clone(),
        origin: public_origin.clone(),
    };
    let context = move || {
        provide_context(pool.clone());
        provide_context(vocabulary.clone());
        provide_context(directory.clone());
        provide_context(calendar.clone());
        provide_context(funding.clone());
        provide_context(SiteOrigin(public_origin.clone()));
        provide_context(policy);
        provide_context(set_up.sending);
        provide_context(set_up.backups);
    };
    let mut router = Router::new()
        .route("/", get(language::redirect_to_preferred))
        .route("/health", get(health))
        .route("/metrics", get(crate::metrics::serve).with_state(metrics))
        .route(
            "/calendar.ics",
            get(crate::feeds::calendar_feed).with_state(feeds.clone()),
        )
        .route(
            "/funding.ics",
            get(crate::feeds::funding_feed).with_state(feeds.clone()),
        )
        .route(
            "/{lang}/funding.atom",
            get(crate::feeds::funding_atom).with_state(feeds.clone()),
        )
        .route(
            "/{lang}/events.atom",
            get(crate::feeds::atom_feed).with_state(feeds.clone()),
        )
        .route(
            "/api/coordinator/events/{file}",
            get(crate::exports::registrations_csv).with_state(feeds.pool.clone()),
        )
        .route(
            "/api/coordinator/report.csv",
            get(crate::exports::report_csv).with_state(feeds.clone()),
        )
        .route(
            "/api/coordinator/directory.csv",
            get(crate::exports::directory_csv).with_state(feeds.pool.clone()),
        )
        .route(
            "/api/coordinator/directory/{file}",
            get(crate::exports::entry_file).with_state(feeds.pool.clone()),
        )
        .route(
            crate::newsletter::ONE_CLICK_PATH,
            get(crate::newsletter::one_click_page)
                .post(crate::newsletter::one_click)
                .with_state(newsletter.clone()),
        )
        .route(
            "/{lang}/newsletter.atom",
            get(crate::newsletter::atom_feed).with_state(newsletter.clone()),
        )
        .route(
            "/api/coordinator/newsletter/{id}/preview",
            get(crate::newsletter::preview).with_state(newsletter.clone()),
        )
        .route(
            "/api/coordinator/newsletter/subscribers.csv",
            get(crate::newsletter::subscribers_csv).with_state(newsletter),
        )
        .route(
            "/certificates/{file}",
            get(crate::exports::certificate_pdf).with_state(feeds.clone()),
        )
        .route(
            "/logos/{file}",
            get(crate::exports::public_logo).with_state(feeds.pool.clone()),
        );
    // Files at the top of the site (the favicon): the `/{lang}` route would take them otherwise.
    for (path, file) in top_level_files(&site_root) {
        router = router.route_service(
            &path,
            ServeFile::new(file).precompressed_br().precompressed_gzip(),
        );
    }
    // The public bundle's pkg/, and the coordinator's in its own folder.
    let pkg_dir = state.leptos_options.site_pkg_dir.to_string();
    for dir in [pkg_dir.clone(), format!("{COORDINATOR_BUNDLE}/{pkg_dir}")] {
        router = router.nest_service(
            &format!("/{dir}"),
            pkg_files(&site_root.join(&dir), state.leptos_options.hash_files),
        );
    }
    let router = router
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(
            feeds,
            crate::feeds::event_file,
        ))
        .layer(middleware::from_fn(server_fn_errors))
        .layer(CatchPanicLayer::custom(|_| internal_error_page()))
        .with_state(state);
    let router = crate::sessions::with_sessions(router, session_pool, sessions).layer(
        middleware::from_fn_with_state(
            crate::page_cache::PageCache::default(),
            crate::page_cache::serve,
        ),
    );
    crate::security::secure(router, &secure_origin)
        // Outside the security headers, so that it hashes pages as sent and its 304s keep
        // the stored copy's policy.
        .layer(middleware::from_fn(crate::conditional::revalidate))
        // Pages and answers compressed as they are sent, at a level that costs little CPU (brotli
        // 4 is smaller than gzip's default and about as quick); pkg/ comes compressed already.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        // Spans at INFO, so that every logged line carries the id, method and path of its
        // request.
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let id = request
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok());
                tracing::info_span!(
                    "request",
                    id = id.unwrap_or_default(),
                    method = %request.method(),
                    uri = %request.uri(),
                )
            }),
        )
        .layer(middleware::from_fn(crate::metrics::count))
        .layer(middleware::from_fn(identify))
}

/// The header that carries a request's id, in the request and in its response.
pub const REQUEST_ID: &str = "x-request-id";

/// Gives the request an id of the server's own (whatever the client sent), which its log lines,
/// its error page and its response (`X-Request-Id`) carry.
async fn identify(mut request: Request, next: middleware::Next) -> Response {
    let id = HeaderValue::from_str(&uuid::Uuid::new_v4().simple().to_string())
        .expect("hex digits are a header value");
    request.headers_mut().insert(REQUEST_ID, id.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

/// `pkg/`: the wasm, JavaScript and CSS, sent as the release build wrote them compressed
/// (brotli or gzip, whichever the browser takes; `cargo leptos build --precompress`), never
/// compressed per request. Named by their content's hash, they are cached for good; without the
/// hashes (a development build), checked again on every use.
fn pkg_files(dir: &std::path::Path, hashed: bool) -> Router {
    use axum::http::{HeaderValue, header};
    let cache = HeaderValue::from_static(if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |response: &Response| response.status().is_success().then(|| cache.clone()),
        ))
}

/// `/name` and the path of each file directly in the site root (not in folders like `pkg`).
fn top_level_files(site_root: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let Ok(entries) = std::fs::read_dir(site_root) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            Some((format!("/{name}"), entry.path()))
        })
        .collect()
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
}

/// 200 when the database answers within a second, 503 when it does not.
async fn health(State(pool): State<SqlitePool>) -> impl IntoResponse {
    let query = sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&pool);
    match tokio::time::timeout(Duration::from_secs(1), query).await {
        Ok(Ok(_)) => (
            StatusCode::OK,
            Json(Health {
                status: "ok",
                database: "ok",
            }),
        ),
        outcome => {
            tracing::error!(?outcome, "health check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "degraded",
                    database: "unavailable",
                }),
            )
        }
    }
}

/// Server functions answer every error with 500; this gives each [`AppError`] its own status
/// (400 for arguments that do not decode, 404, 503, …), in one place for all of them.
///
/// A plain form post (a browser without JavaScript, which asks for HTML) that failed is sent
/// back to its form, which names the problem. One that failed on the server's side (503, 500)
/// gets a page saying so instead, from which the browser's Back returns to the form as typed.
async fn server_fn_errors(request: Request, next: Next) -> Response {
    let wants_page = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let response = next.run(request).await;
    if !response
        .headers()
        .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are a few hundred bytes of JSON; anything larger is not ours to read.
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let Ok(error) = serde_json::from_slice::<AppError>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    if !parts.status.is_redirection() {
        parts.status = StatusCode::from_u16(error.status_code()).unwrap_or(parts.status);
    }
    match error {
        AppError::Unavailable if wants_page => error_page(
            StatusCode::SERVICE_UNAVAILABLE,
            |errors| (errors.busy_title, errors.busy_text),
            None,
        ),
        AppError::Internal { reference } if wants_page => error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            |errors| (errors.server_error_title, errors.server_error_text),
            reference.as_deref(),
        ),
        _ => Response::from_parts(parts, axum::body::Body::from(bytes)),
    }
}

/// The page for a request that panicked: the request is gone, so all three languages at once.
fn internal_error_page() -> Response {
    error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        |errors| (errors.server_error_title, errors.server_error_text),
        None,
    )
}

/// A small page in all three languages (the request's language is not known here): each with
/// its title and text from `texts`, the reference to quote if any, and a link home.
fn error_page(
    status: StatusCode,
    texts: impl Fn(&app::i18n::ErrorTexts) -> (&'static str, &'static str),
    reference: Option<&str>,
) -> Response {
    let body = app::i18n::Lang::ALL
        .map(|lang| {
            let errors = &lang.texts().errors;
            let (title, text) = texts(errors);
            let reference = reference
                .map(|id| format!("<p>{} <code>{id}</code></p>", errors.reference))
                .unwrap_or_default();
            format!(
                "<section lang=\"{lang}\"><h1>{title}</h1><p>{text}</p>{reference}<p><a href=\"/{lang}\">{}</a></p></section>",
                errors.back_home
            )
        })
        .join("\n");
    let page = format!(
        "<!DOCTYPE html><html lang=\"et\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body>{body}</body></html>",
        status.as_u16()
    );
    (status, Html(page)).into_response()
}
