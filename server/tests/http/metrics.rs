//! `/metrics`: not there without a token, closed to anyone without it, and with it the
//! requests, sign-in failures, cache reloads and the outbox's queue a Prometheus server reads.

use super::support::TestApp;
use app::accounts::store::Role;

const TOKEN: &str = "scrape-me-0123456789";

/// The value of the series whose line names all of `labels`, if there is one.
fn value(metrics: &str, name: &str, labels: &[&str]) -> Option<f64> {
    metrics
        .lines()
        .filter(|line| {
            line.starts_with(&format!("{name}{{")) || line.starts_with(&format!("{name} "))
        })
        .find(|line| labels.iter().all(|label| line.contains(label)))
        .and_then(|line| line.rsplit(' ').next()?.parse().ok())
}

async fn scrape(app: &TestApp) -> String {
    let response = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    response.text().await.unwrap()
}

#[tokio::test]
async fn metrics_are_not_there_without_a_token_and_closed_without_the_right_one() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/metrics").await.status(), 404);
    drop(app);
    let app = TestApp::spawn_with(|settings| settings.metrics_token = Some(TOKEN.into())).await;
    assert_eq!(app.get("/metrics").await.status(), 401);
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-me-012345678X");
    assert_eq!(wrong.send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn metrics_count_requests_by_route_sign_in_failures_and_reloads() {
    let app = TestApp::spawn_with(|settings| settings.metrics_token = Some(TOKEN.into())).await;
    let about = [
        "route=\"/{lang}/about\"",
        "status=\"200\"",
        "method=\"GET\"",
    ];
    let before = value(&scrape(&app).await, "http_requests_total", &about).unwrap_or(0.0);
    for path in ["/en/about", "/ru/about", "/et/directory?q=narva"] {
        assert_eq!(app.get(path).await.status(), 200);
    }
    app.add_account("piia@ivek.example", Role::Coordinator)
        .await;
    let failures = |metrics: &str| value(metrics, "sign_in_failures_total", &[]).unwrap_or(0.0);
    let failed_before = failures(&scrape(&app).await);
    let refused = app
        .log_in_response("piia@ivek.example", "not the password")
        .await;
    assert_eq!(refused.status(), 401);

    let metrics = scrape(&app).await;
    assert_eq!(
        value(&metrics, "http_requests_total", &about),
        Some(before + 2.0)
    );
    assert_eq!(failures(&metrics), failed_before + 1.0);
    assert!(
        value(
            &metrics,
            "http_request_duration_seconds_count",
            &["route=\"/{lang}/about\""]
        )
        .is_some()
    );
    assert!(
        value(
            &metrics,
            "cache_reloads_total",
            &["cache=\"directory_version\""]
        )
        .is_some()
    );
    assert_eq!(
        value(&metrics, "outbox_messages", &["status=\"failed\""]),
        Some(0.0)
    );
}
