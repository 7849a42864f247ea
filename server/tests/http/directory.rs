//! The public directory over HTTP: searches as URLs rendered on the server, filters and their
//! counts, bad input, and the profiles with what they tell machines.

use super::support::TestApp;

fn main_of(html: &str) -> &str {
    &html[html.find("<main").unwrap()..html.find("</main>").unwrap()]
}

#[tokio::test]
async fn a_directory_search_url_renders_its_results_on_the_server() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/en/directory?q=johvi").await;
    assert_eq!(status, 200);
    let main = main_of(&html);
    assert!(
        main.contains("Jõhvi Helistuudio"),
        "the studio in Jõhvi is found by 'johvi'"
    );
    assert!(
        main.contains("value=\"johvi\""),
        "the search box keeps the query"
    );
    assert!(
        !main.contains("Pixelrand Games"),
        "entries elsewhere are not"
    );
    assert!(!html.contains("<template"), "results are rendered in place");
}

#[tokio::test]
async fn directory_filters_combine_and_show_counts() {
    let app = TestApp::spawn().await;
    let (_, html) = app
        .page("/et/directory?municipality=narva&sector=games")
        .await;
    let main = main_of(&html);
    assert!(
        main.contains("Tulemusi: 1"),
        "only the games studio in Narva"
    );
    assert!(main.contains("Pixelrand Games OÜ"));
    // The sector counts ignore the sector filter: what each sector would give in Narva.
    assert!(
        main.contains(">Film, video, tele ja raadio (1)</option>"),
        "{main}"
    );
}

#[tokio::test]
async fn bad_directory_input_is_a_clear_page_not_an_error() {
    let app = TestApp::spawn().await;
    let long = "x".repeat(20_000);
    for path in [
        format!("/ru/directory?q={long}"),
        "/ru/directory?page=9999".to_owned(),
        "/ru/directory?page=-3&sort=sideways".to_owned(),
        "/ru/directory?q=%22%2A%28NEAR%20AND%3A".to_owned(),
    ] {
        let (status, _) = app.page(&path).await;
        assert_eq!(status, 200, "{}", &path[..40.min(path.len())]);
    }
    let (_, html) = app.page("/ru/directory?sector=knitting&kind=dragon").await;
    assert!(
        main_of(&html)
            .contains("Неизвестные значения фильтров не учтены: sector=knitting, kind=dragon")
    );
}

#[tokio::test]
async fn no_results_suggest_removing_a_filter() {
    let app = TestApp::spawn().await;
    let (_, html) = app
        .page("/en/directory?q=keraamika&municipality=narva")
        .await;
    let main = main_of(&html);
    assert!(main.contains("Nothing matches this search."));
    assert!(
        main.contains("href=\"/en/directory?q=keraamika\""),
        "a link to the same search without the filter"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_searches_all_answer() {
    let app = TestApp::spawn().await;
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..60 {
        let client = app.client.clone();
        let url = app.url(&format!(
            "/{}/directory?q={}",
            ["et", "ru", "en"][i % 3],
            ["disain", "narva", "muusika", "x"][i % 4]
        ));
        requests.spawn(async move { client.get(url).send().await.map(|r| r.status().as_u16()) });
    }
    while let Some(outcome) = requests.join_next().await {
        assert_eq!(outcome.unwrap().unwrap(), 200);
    }
}

/// The JSON-LD block of a page, parsed.
fn json_ld_of(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block");
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    serde_json::from_str(json).expect("valid JSON")
}

#[tokio::test]
async fn a_profile_shows_the_public_fields_and_describes_itself_to_machines() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/en/directory/narva-valguskoda").await;
    assert_eq!(status, 200);
    let main = main_of(&html);
    for expected in [
        "<h1>Narva Valguskoda OÜ</h1>",
        "Promotional videos, drone filming",
        "href=\"mailto:info@narva-valguskoda.example\"",
        "href=\"tel:+37255500100\"",
        "href=\"https://narva-valguskoda.example\"",
        "href=\"https://instagram.example/narvavalguskoda\"",
        // Sectors and the municipality lead back to the search, filtered.
        "href=\"/en/directory?sector=film\"",
        "href=\"/en/directory?municipality=narva\"",
        "Cluster member",
    ] {
        assert!(main.contains(expected), "{expected} in {main}");
    }
    let canonical = "https://loomeklaster.example/en/directory/narva-valguskoda";
    assert!(html.contains(&format!("<link href=\"{canonical}\" rel=\"canonical\">")));
    assert!(html.contains("<meta property=\"og:title\" content=\"Narva Valguskoda OÜ\">"));
    assert!(html.contains(&format!(
        "<meta property=\"og:url\" content=\"{canonical}\">"
    )));
    assert!(html.contains("hreflang=\"ru\" rel=\"alternate\"",));
    assert_eq!(
        html.matches("<meta name=\"description\"").count(),
        1,
        "one description per page"
    );

    let data = json_ld_of(&html);
    assert_eq!(data["@type"], "Organization");
    assert_eq!(data["name"], "Narva Valguskoda OÜ");
    assert_eq!(data["url"], canonical);
    assert_eq!(data["address"]["addressCountry"], "EE");
    let code = data["identifier"]["value"].as_str().unwrap();
    assert!(app::shared::identifiers::is_registry_code(code), "{code}");
}

#[tokio::test]
async fn search_results_link_to_their_profiles() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/ru/directory?q=helistuudio").await;
    assert!(
        main_of(&html)
            .contains("<a href=\"/ru/directory/johvi-helistuudio\">Jõhvi Helistuudio</a>")
    );
}

#[tokio::test]
async fn hidden_unknown_and_malformed_profiles_are_404_pages() {
    let app = TestApp::spawn().await;
    sqlx::query("UPDATE organisations SET is_published = 0 WHERE slug = 'toila-keraamika'")
        .execute(&app.pool)
        .await
        .unwrap();
    let long = "a".repeat(300);
    for path in [
        "/et/directory/toila-keraamika".to_owned(),
        "/et/directory/no-such-entry".to_owned(),
        "/et/directory/Narva%20Valguskoda".to_owned(),
        "/et/directory/%27%20OR%201%3D1".to_owned(),
        "/et/directory/..%2F..%2Fetc".to_owned(),
        format!("/et/directory/{long}"),
    ] {
        let (status, html) = app.page(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("<h1>Lehte ei leitud</h1>"), "{path}");
    }
    let raw = app
        .get("/api/organisation?lang=en&slug=toila-keraamika")
        .await;
    assert_eq!(raw.status(), 404);
}

#[tokio::test]
async fn profile_text_cannot_break_out_of_the_page_or_its_json() {
    let app = TestApp::spawn().await;
    let hostile = "</script><script>alert(1)</script>\"onmouseover=alert(2) & <b>";
    sqlx::query(
        "UPDATE organisations SET name = ?1, description_en = ?1, services_en = ?1, website = 'javascript:alert(3)'
         WHERE slug = 'narva-valguskoda'",
    )
    .bind(hostile)
    .execute(&app.pool)
    .await
    .unwrap();
    let (status, html) = app.page("/en/directory/narva-valguskoda").await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(!html.contains("<b>"));
    assert!(
        !html.contains("javascript:alert"),
        "only web addresses become links"
    );
    assert_eq!(
        json_ld_of(&html)["name"],
        hostile,
        "the JSON still says it exactly"
    );
}

#[tokio::test]
async fn a_change_to_an_entry_shows_in_the_next_search() {
    let app = TestApp::spawn().await;
    let path = "/en/directory?q=helistuudio";
    assert!(main_of(&app.page(path).await.1).contains("Jõhvi Helistuudio"));
    // Written as the server's own pages write, through `db::write`: the kept page is stale at
    // once. (Another process's writes, the command line's import, show within FRESH_FOR.)
    let mut tx = app::platform::db::write(&app.pool).await.unwrap();
    sqlx::query("UPDATE organisations SET is_published = 0 WHERE slug = 'johvi-helistuudio'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let main = main_of(&app.page(path).await.1).to_owned();
    assert!(
        !main.contains("Jõhvi Helistuudio"),
        "not the remembered answer"
    );
    assert!(main.contains("Results: 0"));
}
