//! Sessions on every request, the client's address, and the gate in front of the protected
//! server functions and pages: whatever a function itself checks, nothing under
//! `/api/coordinator/` runs without a coordinator's session, nor under `/api/admin/` without an
//! admin's, and a page under `/{lang}/admin` without a session is a redirect (303) to the
//! sign-in page and back.

use app::accounts::Role;
use app::accounts::api::auth::{SessionPolicy, authenticate};
use app::accounts::store::sessions::SqliteSessionStore;
use app::error::AppError;
use app::i18n::Lang;
use app::platform::request::ClientAddress;
use app::shared::query::encode_query_value;
use axum::{
    Router,
    extract::{ConnectInfo, Request},
    http::{HeaderName, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};
use sqlx::SqlitePool;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use tower_sessions::{
    Expiry, Session, SessionManagerLayer,
    cookie::{SameSite, time::Duration},
};

/// The path prefixes of protected server functions, with the role each needs.
pub const PROTECTED_PREFIXES: [(&str, Role); 2] = [
    ("/api/admin/", Role::Admin),
    ("/api/coordinator/", Role::Coordinator),
];

/// How often expired sessions are swept from the database.
pub const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

pub struct SessionSettings {
    pub policy: SessionPolicy,
    pub secure: bool,
    pub client_ip_header: Option<HeaderName>,
}

/// Adds the session layer, the gate and the client address to `router`.
pub fn with_sessions(router: Router, pool: SqlitePool, settings: SessionSettings) -> Router {
    let policy = settings.policy;
    let gate_pool = pool.clone();
    // `__Host-` makes the browser refuse the cookie unless it is Secure, for this exact host,
    // for every path: no subdomain can plant or read it.
    let name = if settings.secure {
        "__Host-session"
    } else {
        "session"
    };
    let layer = SessionManagerLayer::new(SqliteSessionStore::new(pool))
        .with_name(name)
        .with_secure(settings.secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(Duration::seconds(
            policy.idle.as_secs(),
        )));
    let client_ip_header = settings.client_ip_header;
    router
        .layer(middleware::from_fn(move |session, request, next| {
            gate(gate_pool.clone(), policy, session, request, next)
        }))
        .layer(layer)
        .layer(middleware::from_fn(move |request, next| {
            add_client_address(client_ip_header.clone(), request, next)
        }))
}

/// The language of an admin page's path (`/et/admin`, `/ru/admin/events/3/edit`), if it is one.
fn admin_page_language(path: &str) -> Option<Lang> {
    let (lang, rest) = path.strip_prefix('/')?.split_once('/')?;
    let lang = lang.parse::<Lang>().ok()?;
    (rest == "admin" || rest.starts_with("admin/")).then_some(lang)
}

async fn gate(
    pool: SqlitePool,
    policy: SessionPolicy,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if let Some(lang) = admin_page_language(path) {
        return match authenticate(&session, &pool, &policy).await {
            Ok(Some(_)) => next.run(request).await,
            // A real redirect, which browsers, caches and crawlers all follow; the page's own
            // check covers a session that ends while the wasm is running.
            Ok(None) => {
                let here = request
                    .uri()
                    .path_and_query()
                    .map_or(path, |whole| whole.as_str());
                let login = format!("/{lang}/login?next={}", encode_query_value(here));
                Redirect::to(&login).into_response()
            }
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    }
    let Some(needed) = PROTECTED_PREFIXES
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map(|(_, role)| *role)
    else {
        return next.run(request).await;
    };
    let mut request = request;
    let refusal = match authenticate(&session, &pool, &policy).await {
        Ok(Some(account)) if account.role.includes(needed) => {
            // Handlers that are not server functions (downloads) learn who asks from here.
            request.extensions_mut().insert(account);
            return next.run(request).await;
        }
        Ok(Some(_)) => AppError::Forbidden,
        Ok(None) => AppError::SignInRequired,
        Err(error) => error,
    };
    server_fn_error(request.uri().path(), &refusal)
}

/// An error as a server function answers it, so the browser's caller decodes it as one.
fn server_fn_error(path: &str, error: &AppError) -> Response {
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [
            (SERVER_FN_ERROR_HEADER, path.to_owned()),
            (header::CONTENT_TYPE.as_str(), "application/json".to_owned()),
        ],
        error.ser(),
    )
        .into_response()
}

/// The client's address: the proxy's header when one is configured, else the peer.
async fn add_client_address(
    header: Option<HeaderName>,
    mut request: Request,
    next: Next,
) -> Response {
    let from_header = header.and_then(|name| {
        request
            .headers()
            .get(name)?
            .to_str()
            .ok()?
            .split(',')
            .next_back()?
            .trim()
            .parse::<IpAddr>()
            .ok()
    });
    let address = from_header
        .or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip())
        })
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    request.extensions_mut().insert(ClientAddress(address));
    next.run(request).await
}
