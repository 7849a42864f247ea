//! Public pages kept in memory once rendered: each copy sent is the page with a nonce of its
//! own, a change made through the site shows to the next visitor at once, and no page of a
//! coordinator's is kept.

use super::event_editing::training;
use super::support::{TestApp, with};

/// The nonce of a page's policy.
fn nonce(response: &reqwest::Response) -> String {
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    let start = policy.find("'nonce-").expect("a nonce") + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_owned()
}

#[tokio::test]
async fn every_copy_of_a_page_has_its_own_nonce_in_its_policy_and_its_scripts() {
    let app = TestApp::spawn().await;
    let mut copies: Vec<(String, String, String)> = Vec::new();
    for _ in 0..4 {
        let response = app.get("/en/directory?q=video").await;
        assert_eq!(response.status(), 200);
        let (nonce, tag) = (nonce(&response), response.headers()["etag"].clone());
        let html = response.text().await.unwrap();
        let scripts = html.matches("<script").count() - html.matches("ld+json").count();
        assert!(scripts > 0);
        assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), scripts);
        copies.push((nonce, tag.to_str().unwrap().to_owned(), html));
    }
    let (first_nonce, first_tag, first_html) = &copies[0];
    for (nonce, tag, html) in &copies[1..] {
        assert_ne!(nonce, first_nonce, "a nonce is never sent twice");
        assert_eq!(tag, first_tag);
        assert_eq!(&html.replace(nonce.as_str(), first_nonce), first_html);
        assert!(
            !copies
                .iter()
                .any(|(other, ..)| other != nonce && html.contains(other))
        );
    }
}

/// The month of the training saved below.
pub const MONTH: &str = "/en/events?view=month&month=2030-06";

#[tokio::test]
async fn a_change_made_through_the_site_shows_to_the_next_visitor_at_once() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    for _ in 0..2 {
        let (_, before) = app.page(MONTH).await;
        assert!(!before.contains("Glazing"));
    }

    let saved: serde_json::Value = app
        .post_pairs(
            "/api/coordinator/events/save",
            Some(&session),
            &with(training("Glazing"), &[("intent", "publish")]),
        )
        .await
        .json()
        .await
        .unwrap();
    let (_, listed) = app.page(MONTH).await;
    assert!(listed.contains("Glazing"));
    let (_, page) = app.page("/en/events/glazing").await;
    assert!(page.contains("Glazing"));

    let id = saved["id"].to_string();
    let renamed = app
        .post_pairs(
            "/api/coordinator/events/save",
            Some(&session),
            &with(
                training("Glazing for beginners"),
                &[("id", &id), ("sequence", "0")],
            ),
        )
        .await;
    assert_eq!(renamed.status(), 200);
    let (_, page) = app.page("/en/events/glazing").await;
    assert!(page.contains("Glazing for beginners"));
}

#[tokio::test]
async fn a_coordinators_page_is_never_kept_for_a_visitor() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let visitor = app.get("/en/admin").await;
    assert_eq!(visitor.status(), 303);
    let dashboard = app.get_as("/en/admin", &session).await;
    assert_eq!(dashboard.status(), 200);
    assert_eq!(dashboard.headers()["cache-control"], "no-store");
    let visitor = app.get("/en/admin").await;
    assert_eq!(visitor.status(), 303, "sent to sign in, as before");
}
