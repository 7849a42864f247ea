//! The report for funders: people and enterprises counted once over the events of a period,
//! the filters checked, and the CSV with the very figures the page shows.

use crate::support::{Session, TestApp};
use serde_json::{Value, json};

/// Registers `name` for event `event` and marks them present.
async fn came(
    app: &TestApp,
    session: &Session,
    event: i64,
    name: &str,
    email: &str,
    organisation: &str,
) {
    let id = app
        .add_registration(session, event, (name, email, organisation), "et")
        .await;
    app.mark_present(session, event, id).await;
}

async fn report(app: &TestApp, session: &Session, form: &[(&str, &str)]) -> reqwest::Response {
    app.post("/api/coordinator/report", Some(session), form)
        .await
}

#[tokio::test]
async fn people_and_enterprises_are_counted_once_and_the_csv_has_the_pages_figures() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (listed, municipality): (String, String) = sqlx::query_as(
        "SELECT o.name, m.name_en FROM organisations o
         JOIN municipalities m ON m.code = o.municipality_code ORDER BY o.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut tx = app::platform::db::write(&app.pool).await.unwrap();
    sqlx::query("UPDATE organisations SET size = '10-49' WHERE name = ?")
        .bind(&listed)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let counselling = app.event_id("noustamine-johvi").await;
    let fair = app.event_id("ida-viru-kultuurilaat").await;
    // Mari at two events, under her organisation's name in other letters: one person, one
    // enterprise. Jüri from the same organisation. Oleg from one not in the directory. Anna
    // registered but did not come.
    came(&app, &session, counselling, "Mari", "mari@x.ee", &listed).await;
    came(
        &app,
        &session,
        fair,
        "Mari",
        "MARI@x.ee",
        &listed.to_uppercase(),
    )
    .await;
    came(&app, &session, fair, "Jüri", "jyri@x.ee", &listed).await;
    came(
        &app,
        &session,
        fair,
        "Oleg",
        "oleg@x.ee",
        "Kohtla Keraamika",
    )
    .await;
    app.add_registration(&session, fair, ("Anna", "anna@x.ee", ""), "et")
        .await;

    let today = jiff::Zoned::now().date();
    let (from, to) = (
        today.to_string(),
        (today + jiff::Span::new().days(400)).to_string(),
    );
    let period = [
        ("lang", "en"),
        ("query[from]", from.as_str()),
        ("query[to]", to.as_str()),
    ];
    let answer = report(&app, &session, &period).await;
    assert_eq!(answer.status(), 200);
    let page: Value = answer.json().await.unwrap();
    assert_eq!(page["people"], 3, "{page}");
    assert_eq!(page["enterprises"], 2);
    assert_eq!(page["registrations"], 5, "Anna registered too");
    assert!(page["events_held"].as_i64().unwrap() >= 2);
    let breakdown = |code: &str| {
        page["breakdowns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["code"] == code)
            .unwrap()["bars"]
            .clone()
    };
    let by_municipality = breakdown("municipality");
    assert_eq!(
        by_municipality[0],
        json!({ "label": municipality, "value": 2 })
    );
    assert_eq!(
        by_municipality[1],
        json!({ "label": "not in the directory", "value": 1 })
    );
    assert_eq!(
        breakdown("size"),
        json!([
            { "label": "10–49 people", "value": 2 },
            { "label": "not in the directory", "value": 1 }
        ])
    );

    // One type only: the counselling.
    let typed = report(
        &app,
        &session,
        &[
            ("lang", "en"),
            ("query[from]", &from),
            ("query[to]", &to),
            ("query[type]", "counselling"),
        ],
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    assert_eq!(
        (typed["people"].clone(), typed["enterprises"].clone()),
        (json!(1), json!(1))
    );

    // Tagged with a programme, an event can be reported alone.
    let tagged = app
        .post(
            "/api/coordinator/events/programme/set",
            Some(&session),
            &[
                ("id", &fair.to_string()),
                ("programme", "  Õiglase ülemineku fond "),
            ],
        )
        .await;
    assert_eq!(tagged.status(), 200);
    let too_long = "x".repeat(101);
    let refused = app
        .post(
            "/api/coordinator/events/programme/set",
            Some(&session),
            &[("id", &counselling.to_string()), ("programme", &too_long)],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let programme = [
        ("lang", "en"),
        ("query[from]", from.as_str()),
        ("query[to]", to.as_str()),
        ("query[programme]", "Õiglase ülemineku fond"),
    ];
    let fund: Value = report(&app, &session, &programme)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (fund["people"].clone(), fund["registrations"].clone()),
        (json!(3), json!(4))
    );
    assert_eq!(fund["programmes"], json!(["Õiglase ülemineku fond"]));
    let unknown = [("lang", "en"), ("query[programme]", "No such fund")];
    assert_eq!(report(&app, &session, &unknown).await.status(), 422);
    assert!(
        app.audit_actions()
            .await
            .iter()
            .any(|a| a == "event.programme")
    );

    // The CSV says what the page says.
    let csv = app
        .get_as(
            &format!("/api/coordinator/report.csv?lang=en&from={from}&to={to}"),
            &session,
        )
        .await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<(String, String, String)> = reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            (row[0].to_owned(), row[1].to_owned(), row[2].to_owned())
        })
        .collect();
    let value = |measure: &str| {
        rows.iter()
            .find(|(m, ..)| m == measure)
            .map(|(.., v)| v.clone())
            .unwrap()
    };
    for measure in ["people", "enterprises", "registrations", "events_held"] {
        assert_eq!(value(measure), page[measure].to_string(), "{measure}");
    }
    assert_eq!(value("hours"), page["hours"].as_str().unwrap());
    for breakdown in page["breakdowns"].as_array().unwrap() {
        for bar in breakdown["bars"].as_array().unwrap() {
            let row = (
                breakdown["code"].as_str().unwrap().to_owned(),
                bar["label"].as_str().unwrap().to_owned(),
                bar["value"].to_string(),
            );
            assert!(rows.contains(&row), "{row:?} in the CSV");
        }
    }

    // And the page shows them, with its charts.
    let html = app
        .navigate(
            &format!("/en/admin/reports?from={from}&to={to}"),
            Some(&session),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<dt>People who took part</dt><dd>3</dd>"),
        "{html}"
    );
    assert!(html.contains("<caption>People by municipality of their organisation</caption>"));
    assert!(
        html.contains("<rect width=\"100\""),
        "the largest bar is full"
    );

    // The map: every municipality and county drawn, the organisation's the darkest, with its
    // number; Ida-Viru enlarged from the same outlines.
    let map = &page["map"];
    let areas = map["areas"].as_array().unwrap();
    assert_eq!(
        areas.len(),
        22,
        "Ida-Viru's eight and the other fourteen counties"
    );
    let shaded: Vec<_> = areas.iter().filter(|a| a["value"] != 0).collect();
    assert_eq!(shaded.len(), 1);
    assert_eq!(
        (&shaded[0]["label"], &shaded[0]["shade"]),
        (&json!(municipality), &json!(5))
    );
    let area_title = format!("<title>{municipality}: 2</title>");
    assert!(html.contains(&area_title), "each area says its count");
    assert!(html.contains(r#"class="area-map__area area-map__area--5""#));
    assert_eq!(
        html.matches(r#"class="area-map__area area-map__area--"#)
            .count(),
        22
    );
    assert!(html.contains(r##"<use href="#report-map-areas">"##));
    assert!(html.contains("Estonian Land Board"), "the source is named");
}

#[tokio::test]
async fn a_wrong_period_or_type_is_told_beside_its_field_and_kept() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    for (field, value, status) in [
        ("from", "2026-02-30", 422),
        ("to", "9999-12-31", 422),
        ("type", "no-such-type", 422),
    ] {
        let key = format!("query[{field}]");
        let answer = report(&app, &session, &[("lang", "en"), (key.as_str(), value)]).await;
        assert_eq!(answer.status(), status, "{field}={value}");
    }
    let html = app
        .navigate(
            "/en/admin/reports?from=2026-06-01&to=2026-05-01",
            Some(&session),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"value="2026-06-01""#),
        "what was typed stays"
    );
    assert!(html.contains(
        r#"id="report-to-problem" class="field-problem">The end must be after the start.<"#
    ));
    let csv = app
        .get_as(
            "/api/coordinator/report.csv?from=1990-01-01&to=2026-01-01",
            &session,
        )
        .await;
    assert_eq!(csv.status(), 422);
    assert_eq!(app.get("/api/coordinator/report.csv").await.status(), 401);
    assert_eq!(app.navigate("/en/admin/reports", None).await.status(), 303);
}
