//! The directory's CSV over HTTP: the coordinator's download, and an upload that is first only
//! checked, then imported when confirmed with the counts the check showed.

use super::support::{Session, TestApp, with};

/// Uploads `file` to the import, confirming `confirm` if given.
async fn upload(
    app: &TestApp,
    session: &Session,
    file: &str,
    confirm: Option<&str>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("directory.csv"),
    );
    if let Some(confirm) = confirm {
        form = form.text("confirm", confirm.to_owned());
    }
    app.client
        .post(app.url("/api/coordinator/directory/import"))
        .header("cookie", session.cookie_header())
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_coordinator_downloads_every_entry_and_strangers_get_nothing() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.get("/api/coordinator/directory.csv").await.status(),
        401
    );
    let session = app.coordinator().await;
    let response = app.get_as("/api/coordinator/directory.csv", &session).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let file = response.text().await.unwrap();
    assert!(file.starts_with("\u{feff}slug;name;kind;municipality;sectors;languages;"));
    let rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(file.as_bytes())
        .records()
        .count() as i64;
    assert_eq!(rows, app.count("organisations").await, "hidden entries too");
    let comma = app
        .get_as("/api/coordinator/directory.csv?separator=comma", &session)
        .await
        .text()
        .await
        .unwrap();
    assert!(comma.starts_with("\u{feff}slug,name,kind,"));
}

#[tokio::test]
async fn an_upload_is_checked_first_and_imported_only_when_confirmed_without_problems() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let before = app.count("organisations").await;
    let header = "name;kind;municipality;sectors;description_et;registry_code;size";
    let broken = format!(
        "{header}\nKohtla Puutöö;sole-trader;Kohtla-Järve linn;Disain;Puidust mööbel;;2–9 inimest\n\
         Sillamäe Tants;non-profit;sillamae;performing-arts;Tantsustuudio;12345670;\n"
    );
    let checked = upload(&app, &session, &broken, None).await;
    assert_eq!(checked.status(), 200);
    let preview: serde_json::Value = checked.json().await.unwrap();
    assert_eq!(preview["new"], 1);
    assert_eq!(
        preview["problems"],
        serde_json::json!([{
            "line": 3, "column": "registry_code", "problem": "NotARegistryCode", "value": "12345670"
        }])
    );
    // Confirming a file with a problem writes nothing.
    let refused: serde_json::Value = upload(&app, &session, &broken, Some("1/0"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (refused["imported"].as_bool(), refused["changed"].as_bool()),
        (Some(false), Some(true))
    );
    assert_eq!(app.count("organisations").await, before);

    let fixed = broken.replace("12345670", "10060701");
    let preview: serde_json::Value = upload(&app, &session, &fixed, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (preview["new"].as_i64(), preview["imported"].as_bool()),
        (Some(2), Some(false))
    );
    assert_eq!(
        app.count("organisations").await,
        before,
        "a check writes nothing"
    );
    // Confirmed with other counts than the file now gives (it changed): nothing written.
    let stale: serde_json::Value = upload(&app, &session, &fixed, Some("1/0"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (stale["imported"].as_bool(), stale["changed"].as_bool()),
        (Some(false), Some(true))
    );
    let imported: serde_json::Value = upload(&app, &session, &fixed, Some("2/0"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(imported["imported"], true);
    assert_eq!(app.count("organisations").await, before + 2);
    let (_, page) = app.page("/en/directory?q=puutoo").await;
    assert!(
        page.contains("Kohtla Puutöö"),
        "the public directory follows"
    );
    // The size, given as an Estonian label, is shown in the reader's language.
    let slug: String =
        sqlx::query_scalar("SELECT slug FROM organisations WHERE name = 'Kohtla Puutöö'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (_, profile) = app.page(&format!("/en/directory/{slug}")).await;
    assert!(
        profile.contains("<dt>People working</dt><dd>2–9 people</dd>"),
        "{profile}"
    );
    let export = app
        .get_as("/api/coordinator/directory.csv", &session)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        export
            .lines()
            .any(|line| line.starts_with(&format!("{slug};")) && line.contains(";2-9;"))
    );
    let actions = app.audit_actions().await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "organisation.imported")
            .count(),
        2
    );
}

#[tokio::test]
async fn the_import_takes_files_up_to_its_own_limit_and_other_paths_keep_theirs() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    // Two megabytes of rows: too much for a form, fine for the import.
    let row = "Nimi;company;narva;design;Kirjeldus\n";
    let big = format!(
        "name;kind;municipality;sectors;description_et\n{}",
        row.repeat(2 * 1024 * 1024 / row.len())
    );
    let answer = upload(&app, &session, &big, None).await;
    assert_eq!(answer.status(), 200);
    let preview: serde_json::Value = answer.json().await.unwrap();
    assert!(
        !preview["problems"].as_array().unwrap().is_empty(),
        "duplicates, told"
    );
    let elsewhere = app
        .client
        .post(app.url("/api/coordinator/events/check"))
        .header("cookie", session.cookie_header())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 413);
    let huge = app
        .client
        .post(app.url("/api/coordinator/directory/import"))
        .header("cookie", session.cookie_header())
        .header("content-type", "multipart/form-data; boundary=x")
        .body(vec![b'a'; server::security::UPLOAD_LIMIT + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), 413);
}

/// A complete entry form named `name`, with `extra`'s fields set.
pub(super) fn entry_form(name: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let form: Vec<(String, String)> = [
        ("form[name]", name),
        ("form[kind]", "company"),
        ("form[municipality]", "narva"),
        ("form[sectors][0]", "design"),
        ("form[speaks_et]", "true"),
        ("form[description_et]", "Disainistuudio"),
        ("form[published]", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    with(form, extra)
}

#[tokio::test]
async fn the_coordinator_adds_edits_hides_and_deletes_an_entry_each_step_logged() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let before = app.count("organisations").await;

    // Refused: every problem is named by the check, the save names the first, nothing written.
    let bad = entry_form(
        "Narva Disain",
        &[("form[phone]", "12"), ("form[registry_code]", "10060702")],
    );
    let check: serde_json::Value = app
        .post_pairs("/api/coordinator/directory/check", Some(&session), &bad)
        .await
        .json()
        .await
        .unwrap();
    let fields: Vec<&str> = check["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["phone", "registry_code"]);
    let refused = app
        .post_pairs("/api/coordinator/directory/save", Some(&session), &bad)
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(app.count("organisations").await, before);

    let saved = app
        .post_pairs(
            "/api/coordinator/directory/save",
            Some(&session),
            &entry_form("Narva Disain", &[("form[phone]", "+372 5555 1234")]),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let id: i64 = saved.json().await.unwrap();
    let (_, page) = app.page("/en/directory?q=narva%20disain").await;
    assert!(page.contains("Narva Disain"));

    // A second entry of nearly the same name in the same town is flagged with the first.
    let look: serde_json::Value = app
        .post_pairs(
            "/api/coordinator/directory/check",
            Some(&session),
            &entry_form("Narva Disainn", &[]),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(look["look_alikes"][0][0], id);

    // Another entry's registry code is refused on the field, not left to the database.
    let code: String = sqlx::query_scalar(
        "SELECT registry_code FROM organisations WHERE registry_code IS NOT NULL LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let taken = app
        .post_pairs(
            "/api/coordinator/directory/save",
            Some(&session),
            &entry_form(
                "Narva Disain",
                &[("id", &id.to_string()), ("form[registry_code]", &code)],
            ),
        )
        .await;
    assert_eq!(taken.status(), 422);
    let error: serde_json::Value = taken.json().await.unwrap();
    assert_eq!(
        error["Invalid"],
        serde_json::json!({"field": "registry_code", "problem": "RegistryCodeTaken"})
    );

    // Hidden: gone from the public directory, still in the coordinator's list.
    let hidden = entry_form(
        "Narva Disain",
        &[
            ("id", &id.to_string()),
            ("form[phone]", "+372 5555 1234"),
            ("form[published]", "false"),
        ],
    );
    assert_eq!(
        app.post_pairs("/api/coordinator/directory/save", Some(&session), &hidden)
            .await
            .status(),
        200
    );
    let (_, page) = app.page("/en/directory?q=narva%20disain").await;
    assert!(!page.contains("Narva Disain"));
    let listed: serde_json::Value = app
        .post(
            "/api/coordinator/directory/entries",
            Some(&session),
            &[
                ("lang", "en"),
                ("query[status]", "hidden"),
                ("query[q]", "disain"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "Narva Disain");
    // The public directory's search: a typo is forgiven and a name match comes first, before
    // the entries of the design sector that match only in their text.
    let listed: serde_json::Value = app
        .post(
            "/api/coordinator/directory/entries",
            Some(&session),
            &[("lang", "en"), ("query[q]", "disian")],
        )
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "Narva Disain", "{names:?}");
    assert!(names.len() > 1, "{names:?}");

    let deleted = app
        .post(
            "/api/coordinator/directory/delete",
            Some(&session),
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(deleted.status(), 200);
    assert_eq!(app.count("organisations").await, before);
    let changes: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, changes FROM audit_log WHERE entity = 'organisation' AND entity_id = ?
         ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let actions: Vec<&str> = changes.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "organisation.created",
            "organisation.edited",
            "organisation.deleted"
        ]
    );
    assert_eq!(changes[1].1, r#"{"published":["yes","no"]}"#);
}

#[tokio::test]
async fn an_entrys_data_is_downloaded_whole_and_erased_leaving_only_the_facts_in_the_log() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let id: i64 = app
        .post_pairs(
            "/api/coordinator/directory/save",
            Some(&session),
            &entry_form(
                "Sillamäe Foto",
                &[
                    ("form[email]", "foto@sillamae.example"),
                    ("form[phone]", "+372 5555 0000"),
                ],
            ),
        )
        .await
        .json()
        .await
        .unwrap();
    let registered = app
        .post(
            "/api/register",
            None,
            &[
                ("lang", "en"),
                ("slug", "noustamine-johvi"),
                ("name", "Foto"),
                ("email", "foto@sillamae.example"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(registered.status(), 200);

    let path = format!("/api/coordinator/directory/{id}-personal-data.json");
    assert_eq!(app.get(&path).await.status(), 401);
    let download = app.get_as(&path, &session).await;
    assert_eq!(download.status(), 200);
    let data: serde_json::Value = download.json().await.unwrap();
    assert_eq!(data["entry"]["name"], "Sillamäe Foto");
    assert_eq!(data["entry"]["phone"], "+372 5555 0000");
    assert_eq!(data["registrations"][0]["event"], "noustamine-johvi");
    assert_eq!(data["audit_log"][0]["action"], "organisation.created");
    assert_eq!(data["audit_log"][0]["by"], "piia@ivek.example");
    assert_eq!(
        app.get_as(
            "/api/coordinator/directory/999999-personal-data.json",
            &session
        )
        .await
        .status(),
        404
    );

    let erased = app
        .post(
            "/api/coordinator/directory/erase",
            Some(&session),
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(erased.status(), 200);
    let (_, page) = app.page("/en/directory?q=sillamae%20foto").await;
    assert!(!page.contains("Sillamäe Foto"));
    let log: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, changes FROM audit_log WHERE entity = 'organisation' AND entity_id = ?
         ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let actions: Vec<&str> = log.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "organisation.created",
            "organisation.data_exported",
            "organisation.erased"
        ]
    );
    let created: serde_json::Value = serde_json::from_str(&log[0].1).unwrap();
    assert_eq!(created["name"], serde_json::json!(["erased", "erased"]));
    assert!(!log[0].1.contains("foto@sillamae.example"));
    assert!(!log[0].1.contains("5555"));
}

/// A 1×1 PNG.
const PNG: [u8; 70] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 96, 248, 95, 15, 0, 2,
    135, 1, 128, 235, 71, 186, 146, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

async fn upload_logo(
    app: &TestApp,
    session: &Session,
    id: i64,
    file: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("id", id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(file).file_name("logo"),
        );
    app.client
        .post(app.url("/api/coordinator/directory/logo"))
        .header("cookie", session.cookie_header())
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_logo_is_checked_re_encoded_and_shown_on_the_profile_but_never_of_a_hidden_entry() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (id, slug): (i64, String) =
        sqlx::query_as("SELECT id, slug FROM organisations WHERE is_published LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    for refused in [
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec(),
        b"GIF89a not really".to_vec(),
    ] {
        let answer = upload_logo(&app, &session, id, refused).await;
        assert_eq!(answer.status(), 422);
        let error: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(error["Invalid"]["problem"], "NotAnImage");
    }
    let too_big = upload_logo(&app, &session, id, vec![0; 3 * 1024 * 1024]).await;
    assert_eq!(too_big.status(), 422);

    assert_eq!(
        upload_logo(&app, &session, id, PNG.to_vec()).await.status(),
        200
    );
    let served = app.get(&format!("/logos/{id}.png")).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    let bytes = served.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "re-encoded PNG");
    let (_, page) = app.page(&format!("/en/directory/{slug}")).await;
    assert!(
        page.contains(&format!("src=\"/logos/{id}.png?v=")),
        "the profile shows it"
    );

    sqlx::query("UPDATE organisations SET is_published = 0 WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.get(&format!("/logos/{id}.png")).await.status(), 404);
    let private = app
        .get_as(
            &format!("/api/coordinator/directory/{id}-logo.png"),
            &session,
        )
        .await;
    assert_eq!(private.status(), 200, "the coordinator still sees it");
    assert!(
        app.audit_actions()
            .await
            .contains(&"organisation.logo_changed".to_owned())
    );
}

#[tokio::test]
async fn another_sites_link_cannot_fetch_a_download_with_the_coordinators_cookie() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let id: i64 = app
        .post_pairs(
            "/api/coordinator/directory/save",
            Some(&session),
            &entry_form("Sillamäe Foto", &[]),
        )
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/coordinator/directory/{id}-personal-data.json");
    let logged = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM audit_log WHERE action = 'organisation.data_exported'",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("referer", "https://evil.example/page"),
    ] {
        for download in [path.as_str(), "/api/coordinator/directory.csv"] {
            let response = app
                .client
                .get(app.url(download))
                .header("cookie", session.cookie_header())
                .header(header, value)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403, "{download} with {header}: {value}");
        }
    }
    assert_eq!(logged().await, 0, "nothing was done for them");
    // From the site itself, or typed into the address bar, it works.
    for (header, value) in [
        ("sec-fetch-site", "same-origin"),
        ("sec-fetch-site", "none"),
    ] {
        let response = app
            .client
            .get(app.url(&path))
            .header("cookie", session.cookie_header())
            .header(header, value)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{header}: {value}");
    }
    assert_eq!(logged().await, 2);
}
