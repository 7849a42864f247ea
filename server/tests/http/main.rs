//! Black-box tests: the real router on a real port, each test with its own SQLite file.

mod attendance;
mod auth;
mod backups;
mod calendar;
mod certificates;
mod counselling;
mod directory;
mod directory_files;
mod event_admin;
mod event_editing;
mod feedback;
mod funding;
mod joining;
mod kept_pages;
mod mail;
mod metrics;
mod newsletter;
mod owners;
mod participant_facts;
mod password_reset;
mod registration_mail;
mod reports;
mod storage;
mod support;

use server::startup::Application;
use support::{ONE_APP_AT_A_TIME, TestApp, settings};

#[tokio::test]
async fn health_says_the_database_answers() {
    let app = TestApp::spawn().await;
    let response = app.get("/health").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn health_says_so_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.pool.close().await;
    let response = app.get("/health").await;
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "unavailable");
}

#[tokio::test]
async fn the_front_door_follows_accept_language() {
    let app = TestApp::spawn().await;
    for (header, expected) in [
        ("ru-RU,ru;q=0.9,en;q=0.5", "/ru"),
        ("en-GB", "/en"),
        ("fi,de", "/et"),
    ] {
        let response = app
            .client
            .get(app.url("/"))
            .header("accept-language", header)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 307, "{header}");
        assert_eq!(response.headers()["location"], expected, "{header}");
        assert!(
            response.headers()["vary"]
                .to_str()
                .unwrap()
                .contains("Accept-Language")
        );
    }
    let without_header = app.get("/").await;
    assert_eq!(without_header.headers()["location"], "/et");
}

#[tokio::test]
async fn the_switcher_cookie_beats_accept_language_at_the_front_door() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/"))
        .header("accept-language", "ru")
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["location"], "/en");
}

#[tokio::test]
async fn every_page_declares_its_language_and_links_the_other_two() {
    let app = TestApp::spawn().await;
    for lang in ["et", "ru", "en"] {
        for page in ["", "/about", "/directory", "/events"] {
            let path = format!("/{lang}{page}");
            let (status, html) = app.page(&path).await;
            assert_eq!(status, 200, "{path}");
            assert!(
                html.contains(&format!("<html lang=\"{lang}\"")),
                "{path}: html lang"
            );
            for other in ["et", "ru", "en"] {
                let alternate = format!(
                    "<link href=\"https://loomeklaster.example/{other}{page}\" hreflang=\"{other}\" rel=\"alternate\">"
                );
                assert!(
                    html.contains(&alternate),
                    "{path}: no alternate for {other}"
                );
            }
            assert!(html.contains("hreflang=\"x-default\""), "{path}: x-default");
        }
    }
}

#[tokio::test]
async fn the_about_page_is_rendered_in_place_for_crawlers_and_no_js_readers() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/en/about").await;
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(main.contains("<h1>About us</h1>"));
    assert!(main.contains("European Capital of Culture 2036"));
    assert!(
        !html.contains("<template"),
        "content must not be streamed out of order"
    );
    assert!(html.contains("<title>About us · Ida-Viru Creative Cluster</title>"));
}

#[tokio::test]
async fn the_home_page_shows_the_demo_data_in_place() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/ru").await;
    assert_eq!(status, 200);
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(main.contains("Организаций в базе данных"));
    let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM organisations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        main.contains(&format!("<dd>{entries}</dd>")),
        "the demo entries are counted"
    );
    // Which events come next depends on the time of day the test runs (the demo's network
    // meeting is on the first Thursday of each month), so the test looks for any of them.
    let upcoming = &main[main.find("upcoming-heading").unwrap()..];
    assert!(
        upcoming.contains(r#"<a href="/ru/events/"#),
        "the next events are listed"
    );
}

#[tokio::test]
async fn unknown_paths_are_localised_404_pages() {
    let app = TestApp::spawn().await;
    for (path, lang, heading) in [
        ("/ru/no-such-page", "ru", "Страница не найдена"),
        ("/en/about/deeper", "en", "Page not found"),
        ("/xx/about", "et", "Lehte ei leitud"),
        ("/no-such-page", "et", "Lehte ei leitud"),
    ] {
        let (status, html) = app.page(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{path}");
        assert!(html.contains(&format!("<h1>{heading}</h1>")), "{path}");
    }
}

#[tokio::test]
async fn a_database_failure_is_a_localised_500_page() {
    let app = TestApp::spawn().await;
    sqlx::query("DROP TABLE events")
        .execute(&app.pool)
        .await
        .unwrap();
    let response = app
        .client
        .get(app.url("/ru"))
        .header("x-request-id", "chosen-by-the-client")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 32, "the server's own id, not the client's: {id}");
    let html = response.text().await.unwrap();
    assert!(html.contains("<h1>Что-то пошло не так</h1>"));
    assert!(
        !html.contains("no such table"),
        "internal details stay in the log"
    );
    // The id to quote is the one its log lines carry.
    assert!(html.contains(&format!("<code>{id}</code>")), "{html}");
    let other = app.get("/ru/about").await.headers()["x-request-id"].clone();
    assert_ne!(other.to_str().unwrap(), id);
}

#[tokio::test]
async fn server_functions_answer_json_and_refuse_malformed_arguments_with_400() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/home-overview?lang=ru").await;
    assert_eq!(response.status(), 200);
    let overview: serde_json::Value = response.json().await.unwrap();
    let published: i64 =
        sqlx::query_scalar("SELECT count(*) FROM organisations WHERE is_published")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(overview["organisations"], published);

    let response = app.get("/api/home-overview?lang=klingon").await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn demo_data_is_added_once_and_survives_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/site.db", folder.path().display());
    let serial = ONE_APP_AT_A_TIME.lock().await;
    let first = Application::build(&settings(database_url.clone()))
        .await
        .unwrap();
    let count = |pool: sqlx::SqlitePool| async move {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM organisations")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let demo = count(first.pool().clone()).await;
    assert!(demo >= 40, "about forty demo entries, not {demo}");
    first.pool().close().await;
    drop(first);
    drop(serial);

    let mut second = TestApp::spawn_on(folder, database_url).await;
    assert_eq!(count(second.pool.clone()).await, demo);
    second.shut_down().await.unwrap();
}

#[tokio::test]
async fn shutting_down_closes_the_pool_and_stops_listening() {
    let mut app = TestApp::spawn().await;
    assert_eq!(app.get("/health").await.status(), 200);
    app.shut_down().await.unwrap();
    assert!(app.pool.is_closed());
    assert!(app.client.get(app.url("/health")).send().await.is_err());
}

#[tokio::test]
async fn shutting_down_gives_up_on_a_request_that_never_ends() {
    use tokio::io::AsyncWriteExt;
    let mut app = TestApp::spawn().await;
    // A client that announces a body it never finishes sending: its request is in flight until
    // the 30-second request timeout.
    let mut stalled = tokio::net::TcpStream::connect(app.address).await.unwrap();
    stalled
        .write_all(
            b"POST /api/login HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlang=et",
        )
        .await
        .unwrap();
    assert_eq!(app.get("/health").await.status(), 200);
    let started = std::time::Instant::now();
    app.shut_down().await.unwrap();
    let took = started.elapsed();
    assert!(
        took < server::startup::SHUTDOWN_GRACE + std::time::Duration::from_secs(10),
        "gave up after the grace period, not the request timeout: {took:?}"
    );
    drop(stalled);
}

#[tokio::test]
async fn seed_synthetic_adds_exactly_the_requested_rows_and_all_or_nothing() {
    use server::config::{Command, SyntheticArgs};
    let folder = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/synthetic.db", folder.path().display());
    let args = SyntheticArgs {
        members: 40,
        events: 15,
        calls: 25,
        seed: 9,
        anchor_date: Some(jiff::civil::date(2026, 11, 26)),
    };
    let counts = || async {
        let pool = app::platform::db::connect(&database_url, 8).await.unwrap();
        let organisations: i64 = sqlx::query_scalar("SELECT count(*) FROM organisations")
            .fetch_one(&pool)
            .await
            .unwrap();
        let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
            .fetch_one(&pool)
            .await
            .unwrap();
        let calls: i64 = sqlx::query_scalar("SELECT count(*) FROM funding_calls")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        (organisations, events, calls)
    };

    server::run(
        settings(database_url.clone()),
        Command::SeedSynthetic(args.clone()),
    )
    .await
    .unwrap();
    assert_eq!(counts().await, (40, 15, 25));

    // Another seed adds alongside; the same seed again collides and adds nothing at all.
    let other = SyntheticArgs {
        seed: 10,
        ..args.clone()
    };
    server::run(
        settings(database_url.clone()),
        Command::SeedSynthetic(other),
    )
    .await
    .unwrap();
    assert_eq!(counts().await, (80, 30, 50));
    assert!(
        server::run(settings(database_url.clone()), Command::SeedSynthetic(args))
            .await
            .is_err()
    );
    assert_eq!(counts().await, (80, 30, 50));
}

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_every_response_the_security_headers() {
    let app = TestApp::spawn().await;
    let response = app.get("/en/directory?q=video").await;
    let headers = response.headers().clone();
    let html = response.text().await.unwrap();
    let policy = headers["content-security-policy"].to_str().unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-"));
    assert!(!policy.contains("unsafe-inline"));
    assert!(policy.contains("frame-ancestors 'none'"));
    // Every inline script of the page carries this response's nonce, and only those run.
    let scripts = html.matches("<script").count();
    let data_blocks = html.matches("<script type=\"application/ld+json\"").count();
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts - data_blocks
    );
    for path in [
        "/en/directory?q=video",
        "/health",
        "/favicon.svg",
        "/no-such",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(headers.contains_key("content-security-policy"), "{path}");
        // The test site's public URL is https, so browsers are told to stay on https.
        assert!(
            headers["strict-transport-security"]
                .to_str()
                .unwrap()
                .starts_with("max-age="),
            "{path}"
        );
    }
    let policy = app.get("/health").await.headers()["content-security-policy"].clone();
    assert_eq!(policy, "default-src 'none'; frame-ancestors 'none'");
}

#[tokio::test]
async fn a_forged_cross_site_form_post_is_refused() {
    let app = TestApp::spawn().await;
    let post = |origin: &'static str, fetch_site: &'static str| {
        app.client
            .post(app.url("/api/home-overview"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", origin)
            .header("sec-fetch-site", fetch_site)
            .body("lang=et")
            .send()
    };
    for (origin, fetch_site) in [
        ("https://evil.example", "cross-site"),
        ("https://evil.example", "same-origin"), // a lying or old browser: Origin still decides
        ("https://loomeklaster.example", "cross-site"),
        ("null", "cross-site"),
    ] {
        let response = post(origin, fetch_site).await.unwrap();
        assert_eq!(response.status(), 403, "{origin} {fetch_site}");
    }
    // The site's own origin passes the check and reaches the router (which wants GET here).
    let own = post("https://loomeklaster.example", "same-origin")
        .await
        .unwrap();
    assert_eq!(own.status(), 405);
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_it_is_read() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/api/home-overview"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; server::security::BODY_LIMIT + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn the_favicon_is_a_file_not_a_language() {
    let app = TestApp::spawn().await;
    let response = app.get("/favicon.svg").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
}

/// A site root with one built script in pkg/, whole and as the release build compresses it.
fn built_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(pkg.join("loomeklaster.Xy3_k.js"), "console.log('whole');").unwrap();
    std::fs::write(pkg.join("loomeklaster.Xy3_k.js.br"), "brotli bytes").unwrap();
    std::fs::write(pkg.join("loomeklaster.Xy3_k.js.gz"), "gzip bytes").unwrap();
    let coordinator = site.path().join("coordinator/pkg");
    std::fs::create_dir_all(&coordinator).unwrap();
    std::fs::write(
        coordinator.join("coordinator.Q9_z.js"),
        "console.log('all');",
    )
    .unwrap();
    std::fs::write(coordinator.join("coordinator.Q9_z.js.br"), "all, brotli").unwrap();
    site
}

async fn fetch_encoded(app: &TestApp, path: &str, accept: &str) -> (u16, String, String, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("accept-encoding", accept)
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (encoding, cache) = (header("content-encoding"), header("cache-control"));
    let status = response.status().as_u16();
    (status, encoding, cache, response.text().await.unwrap())
}

#[tokio::test]
async fn built_files_go_out_as_the_build_compressed_them_and_hashed_ones_are_kept_for_good() {
    let site = built_site();
    let root = site.path().display().to_string();
    let app = TestApp::spawn_with(|settings| {
        settings.site_root = root;
        settings.hash_files = Some(true);
    })
    .await;
    let script = "/pkg/loomeklaster.Xy3_k.js";
    let forever = "public, max-age=31536000, immutable";

    let (status, encoding, cache, body) = fetch_encoded(&app, script, "gzip, deflate, br").await;
    assert_eq!(
        (status, encoding.as_str(), body.as_str()),
        (200, "br", "brotli bytes")
    );
    assert_eq!(cache, forever);
    let (_, encoding, _, body) = fetch_encoded(&app, script, "gzip").await;
    assert_eq!((encoding.as_str(), body.as_str()), ("gzip", "gzip bytes"));
    let (_, encoding, cache, body) = fetch_encoded(&app, script, "identity").await;
    assert_eq!(
        (encoding.as_str(), body.as_str()),
        ("", "console.log('whole');")
    );
    assert_eq!(cache, forever);

    // The coordinator's bundle, in its own folder, goes out the same way.
    let (status, encoding, cache, body) =
        fetch_encoded(&app, "/coordinator/pkg/coordinator.Q9_z.js", "br").await;
    assert_eq!(
        (status, encoding.as_str(), body.as_str(), cache.as_str()),
        (200, "br", "all, brotli", forever)
    );

    // A name that is not there is no file to keep.
    let (status, _, cache, _) = fetch_encoded(&app, "/pkg/loomeklaster.old.js", "br").await;
    assert_eq!(status, 404);
    assert_ne!(cache, forever);
}

/// The module script a page starts its hydration from.
fn hydration_module(page: &str) -> &str {
    let marker = r#"<link rel="modulepreload" href=""#;
    let start = page.find(marker).expect("a module preload") + marker.len();
    &page[start..start + page[start..].find('"').unwrap()]
}

#[tokio::test]
async fn public_pages_load_the_public_bundle_and_the_coordinators_pages_their_own() {
    let app = TestApp::spawn().await;
    for path in [
        "/et",
        "/ru/directory?q=disain",
        "/en/events",
        "/et/login",
        "/et/nothing-here",
    ] {
        let (_, page) = app.page(path).await;
        assert_eq!(hydration_module(&page), "/pkg/loomeklaster.js", "{path}");
        assert!(!page.contains("coordinator.js"), "{path}");
    }
    let session = app.coordinator().await;
    for path in ["/et/admin", "/ru/admin/events", "/en/admin/directory/new"] {
        let page = app.get_as(path, &session).await.text().await.unwrap();
        assert_eq!(
            hydration_module(&page),
            "/coordinator/pkg/coordinator.js",
            "{path}"
        );
    }
}

#[tokio::test]
async fn built_files_without_hashed_names_are_checked_again_on_every_use() {
    let site = built_site();
    let root = site.path().display().to_string();
    let app = TestApp::spawn_with(|settings| settings.site_root = root).await;
    let (status, _, cache, _) = fetch_encoded(&app, "/pkg/loomeklaster.Xy3_k.js", "br").await;
    assert_eq!((status, cache.as_str()), (200, "no-cache"));
}

#[tokio::test]
async fn a_page_or_feed_the_client_has_already_comes_back_as_an_empty_304() {
    let app = TestApp::spawn().await;
    let mut firsts = Vec::new();
    for path in [
        "/et/about",
        "/ru/directory?q=narva",
        "/calendar.ics?lang=en",
        "/en/events.atom",
        "/funding.ics?lang=ru",
    ] {
        let first = app.get(path).await;
        assert_eq!(first.status(), 200, "{path}");
        let tag = first.headers()["etag"].clone();
        assert!(tag.to_str().unwrap().starts_with("W/\""), "{path}: {tag:?}");
        let policy = first.headers()["content-security-policy"].clone();
        firsts.push((path, tag, policy));
    }
    // A second later: nothing in an answer may carry the time it was written.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for (path, tag, policy) in firsts {
        let again = app
            .client
            .get(app.url(path))
            .header("if-none-match", tag.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"], tag);
        // The stored copy keeps the policy whose nonce its scripts carry.
        assert!(again.headers().get("content-security-policy").is_none());
        assert_eq!(again.text().await.unwrap(), "");

        // A page is rendered with a new nonce every time, and still has the same tag.
        let third = app.get(path).await;
        assert_eq!(third.headers()["etag"], tag, "{path}");
        if path.starts_with("/et/about") {
            assert_ne!(third.headers()["content-security-policy"], policy);
        }

        let other = app
            .client
            .get(app.url(path))
            .header("if-none-match", "W/\"00000000000000000000000000000000\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), 200, "{path}");
    }
}

#[tokio::test]
async fn a_feed_whose_events_changed_gets_a_new_tag() {
    let app = TestApp::spawn().await;
    let before = app.get("/en/events.atom").await.headers()["etag"].clone();
    sqlx::query("UPDATE events SET title_en = 'Renamed for the tag' WHERE status = 'published' AND id = (SELECT MIN(id) FROM events WHERE status = 'published')")
        .execute(&app.pool)
        .await
        .unwrap();
    let after = app.get("/en/events.atom").await;
    assert_ne!(after.headers()["etag"], before);
    assert!(after.text().await.unwrap().contains("Renamed for the tag"));
}
