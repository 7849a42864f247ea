//! `/metrics`, in Prometheus's text format: requests by route pattern, method and status with
//! their durations, the in-memory caches' reloads and their time, kept pages sent, sign-in
//! failures, copies of the database made and failed, and, read when asked, the outbox's queue
//! and the last copy's age and size. Closed unless `METRICS_TOKEN` is set, and then open only to
//! a request that bears it (`Authorization: Bearer …`).

use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use std::{sync::OnceLock, time::Instant};

/// The process's recorder: installed once, whatever the number of servers (the tests start
/// many in one process).
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let buckets = [
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
        ];
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &buckets)
            .expect("the buckets are not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Only fails if another recorder was installed first; this one then renders nothing.
        if let Err(error) = metrics::set_global_recorder(recorder) {
            tracing::warn!(%error, "installing the metrics recorder");
        }
        handle
    })
}

/// What `/metrics` needs: the token it asks for, and the database for the figures read on
/// demand.
#[derive(Clone)]
pub struct MetricsState {
    pub token: Option<String>,
    pub pool: SqlitePool,
}

impl MetricsState {
    /// Installs the recorder (once) so that counting starts with the server.
    pub fn new(token: Option<String>, pool: SqlitePool) -> Self {
        handle();
        MetricsState { token, pool }
    }
}

/// Counts a request and times it, by the route pattern it matched (`/{lang}/directory`),
/// so that the series stay as few as the routes.
pub async fn count(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: 404 without a token set, 401 without the right one.
pub async fn serve(State(state): State<MetricsState>, headers: HeaderMap) -> Response {
    let Some(token) = &state.token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let offered = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    // Compared as hashes: equal lengths, no early exit on the first differing character.
    let hash = |text: &str| Sha256::digest(text.as_bytes());
    if offered.is_none_or(|offered| hash(offered) != hash(token)) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    match app::outbox::store::counts(&state.pool).await {
        Ok(counts) => {
            for status in app::outbox::MessageStatus::ALL {
                let count = counts.iter().find(|(s, _)| *s == status).map_or(0, |c| c.1);
                metrics::gauge!("outbox_messages", "status" => status.code()).set(count as f64);
            }
        }
        Err(error) => tracing::warn!(%error, "counting the outbox for /metrics"),
    }
    match app::platform::backups::last(&state.pool).await {
        Ok(Some((at, bytes))) => {
            let age = jiff::Timestamp::now().duration_since(at);
            metrics::gauge!("backup_last_age_seconds").set(age.as_secs_f64());
            metrics::gauge!("backup_last_bytes").set(bytes as f64);
        }
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "reading the last backup for /metrics"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response()
}
