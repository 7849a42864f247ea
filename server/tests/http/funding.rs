//! The funding board over HTTP: the demo calls on the board and their pages, filters and
//! matching to an entry, the deadlines' calendar read back by an independent parser, and the
//! coordinator's form, saves and status changes.

use super::support::TestApp;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use serde_json::Value;

async fn slug_of(app: &TestApp, funder: &str) -> String {
    sqlx::query_scalar("SELECT slug FROM funding_calls WHERE funder = ?")
        .bind(funder)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

const KULKA: &str = "Eesti Kultuurkapital";
const EAS: &str = "Ettevõtluse ja Innovatsiooni Sihtasutus";
const JTF: &str = "Riigi Tugiteenuste Keskus";
const CITY: &str = "Narva Linnavalitsus";

async fn board(app: &TestApp, query: &str) -> Value {
    let response = app.get(&format!("/api/funding?lang=en{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.unwrap()
}

fn funders(board: &Value) -> Vec<&str> {
    board["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["funder"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_board_lists_calls_by_their_next_deadline_and_filters_by_url() {
    let app = TestApp::spawn().await;
    // A link to a list without filters, followed in the browser, asks with no query at all.
    for list in [
        "/api/funding?lang=et",
        "/api/events?lang=et",
        "/api/directory?lang=et",
    ] {
        assert_eq!(app.get(list).await.status(), 200, "{list}");
    }
    let all = board(&app, "").await;
    // Enterprise Estonia closes in 10 days, the paused fund in 75, the Endowment on its next
    // quarterly date (at least 20 days away from any day of the year but its own).
    assert_eq!(funders(&all)[0], EAS);
    assert!(funders(&all).contains(&KULKA) && funders(&all).contains(&JTF));
    assert!(
        !funders(&all).contains(&CITY),
        "a closed call is on the past page"
    );
    let first = &all["cards"][0];
    assert_eq!(first["closing_soon"], true);
    assert_eq!(first["next_deadline"]["days_left"], 10);
    let until = first["next_deadline"]["until"].as_str().unwrap();
    assert!(
        until.ends_with(", until 16:00 (EET)") || until.ends_with(", until 16:00 (EEST)"),
        "{until}"
    );
    let paused = all["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|card| card["funder"] == JTF)
        .unwrap();
    assert_eq!(paused["status"], "paused");
    assert_eq!(paused["closing_soon"], false);

    let past = board(&app, "&query[when]=past").await;
    assert_eq!(funders(&past), [CITY]);

    // Calls open to every sector stay; Enterprise Estonia's is for design, games and film.
    let music = board(&app, "&query[sector]=music").await;
    assert!(!funders(&music).contains(&EAS) && funders(&music).contains(&KULKA));
    let games = board(&app, "&query[sector]=games&query[kind]=company").await;
    assert_eq!(funders(&games)[0], EAS);
    let big = board(&app, "&query[amount]=100000").await;
    assert_eq!(funders(&big), [JTF]);
    let paused_only = board(&app, "&query[status]=paused").await;
    assert_eq!(funders(&paused_only), [JTF]);

    // Values that mean nothing are dropped, not refused.
    let odd = board(
        &app,
        "&query[sector]=knitting&query[amount]=-5&query[status]=draft",
    )
    .await;
    assert_eq!(odd["query"], serde_json::json!({}));
    assert_eq!(odd["total"], all["total"]);

    // The no-JavaScript form: every filter is a URL that renders on the server.
    let (status, html) = app
        .page("/et/funding?sector=music&kind=non-profit&municipality=narva")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Kultuurkapitali Ida-Virumaa ekspertgrupi toetused"));
    assert!(!html.contains("Loomeettevõtete ekspordi arendamine"));
    assert!(html.contains(r#"<option value="music" selected"#));
    let (_, past) = app.page("/ru/funding?when=past").await;
    assert!(past.contains("Поддержка культурных проектов города Нарвы"));
}

#[tokio::test]
async fn calls_are_matched_to_an_entry_on_its_profile_and_on_the_board() {
    let app = TestApp::spawn().await;
    // A design company in Alutaguse may apply to the Endowment's Ida-Viru group and to
    // Enterprise Estonia; one in Harju County only to the latter; a craftswoman in Toila
    // (sole trader, crafts) only to the Endowment while the investment call is paused.
    let (_, html) = app.page("/en/directory/alutaguse-puidudisain").await;
    assert!(html.contains("Calls it may apply to"));
    assert!(html.contains("Cultural Endowment: Ida-Viru expert group grants"));
    assert!(html.contains("Export development for creative companies"));
    assert!(
        !html.contains("Business investments in Ida-Viru County"),
        "paused"
    );
    let (_, html) = app.page("/en/directory/tallinna-loomeagentuur").await;
    assert!(html.contains("Export development for creative companies"));
    assert!(!html.contains("Cultural Endowment: Ida-Viru expert group grants"));
    assert!(html.contains("/en/funding?for=tallinna-loomeagentuur"));

    // Chosen with the directory's own search: a typed name offers the entries it finds.
    let (_, html) = app.page("/en/funding?org=mangulabor").await;
    assert!(html.contains("Choose the organisation to see the calls it may apply to"));
    assert!(
        html.contains("/en/funding?for=ida-viru-mangulabor"),
        "a link to its calls"
    );
    let (_, html) = app.page("/en/funding?org=zzqqxx").await;
    assert!(html.contains("No such organisation was found in the directory."));
    let harju = board(&app, "&query[for]=tallinna-loomeagentuur").await;
    assert_eq!(funders(&harju), [EAS]);
    assert_eq!(harju["entry"]["label"], "Loomeagentuur Tuul OÜ");
    // A sole trader in Toila: the Endowment's group, and the paused investment call.
    let toila = board(&app, "&query[for]=toila-long-ja-loim").await;
    assert_eq!(funders(&toila), [JTF, KULKA]);
    // An unknown or hidden entry filters nothing and says so by naming none.
    sqlx::query("UPDATE organisations SET is_published = 0 WHERE slug = 'toila-long-ja-loim'")
        .execute(&app.pool)
        .await
        .unwrap();
    let hidden = board(&app, "&query[for]=toila-long-ja-loim").await;
    assert_eq!(hidden["entry"], Value::Null);
    assert_eq!(hidden["total"], board(&app, "").await["total"]);
}

#[tokio::test]
async fn a_calls_page_shows_its_deadlines_with_their_zone_and_structured_data() {
    let app = TestApp::spawn().await;
    let kulka = slug_of(&app, KULKA).await;
    let (status, html) = app.page(&format!("/et/funding/{kulka}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("kuni kell 23:59 (E"),
        "the zone beside the time"
    );
    assert!(html.contains("järgmisel tööpäeval"), "the rule in words");
    assert!(html.contains(r#""@type":"MonetaryGrant""#));
    assert!(html.contains(r#""maxValue":6000"#));
    assert!(html.contains(r#"property="og:title""#));
    assert!(html.contains(r#"hreflang="ru""#));
    let (_, ru) = app.page(&format!("/ru/funding/{kulka}")).await;
    assert!(ru.contains("Гранты экспертной группы Ида-Вирумаа Фонда культуры"));

    let (_, paused) = app
        .page(&format!("/en/funding/{}", slug_of(&app, JTF).await))
        .await;
    assert!(paused.contains("Applications are paused"));

    sqlx::query("UPDATE funding_calls SET status = 'draft' WHERE funder = ?")
        .bind(KULKA)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.page(&format!("/et/funding/{kulka}")).await.0, 404);
    assert_eq!(app.page("/et/funding/..%2Fetc").await.0, 404);
    let raw = app
        .get("/api/funding/call?lang=en&slug=Not%20A%20Slug")
        .await;
    assert_eq!(raw.status(), 404);
}

fn parse(feed: &str) -> IcalCalendar {
    ical::IcalParser::new(feed.as_bytes())
        .next()
        .expect("a calendar")
        .expect("valid iCalendar")
}

fn value<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn of_call<'a>(calendar: &'a IcalCalendar, slug: &str) -> Vec<&'a IcalEvent> {
    calendar
        .events
        .iter()
        .filter(|e| value(e, "URL").is_some_and(|url| url.ends_with(&format!("/funding/{slug}"))))
        .collect()
}

#[tokio::test]
async fn the_deadline_calendar_has_alarms_and_follows_each_change() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (kulka, eas, jtf) = (
        slug_of(&app, KULKA).await,
        slug_of(&app, EAS).await,
        slug_of(&app, JTF).await,
    );
    let response = app.get("/funding.ics?lang=en").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let feed = parse(&response.text().await.unwrap());
    let quarterly = of_call(&feed, &kulka);
    assert!(
        (8..=10).contains(&quarterly.len()),
        "two years of a quarterly rule"
    );
    assert_eq!(of_call(&feed, &eas).len(), 2, "two cut-offs");
    let paused = of_call(&feed, &jtf);
    assert_eq!(value(paused[0], "STATUS"), Some("TENTATIVE"));
    // The city's call closed a month ago: its deadline stays, cancelled, without alarms.
    let closed = of_call(&feed, &slug_of(&app, CITY).await);
    assert_eq!(value(closed[0], "STATUS"), Some("CANCELLED"));
    assert!(closed[0].alarms.is_empty());
    for event in feed
        .events
        .iter()
        .filter(|e| value(e, "STATUS") != Some("CANCELLED"))
    {
        assert_eq!(event.alarms.len(), 2, "14 and 3 days before");
        assert!(value(event, "SUMMARY").unwrap().starts_with("Deadline: "));
    }
    let uids: Vec<String> = quarterly
        .iter()
        .map(|e| value(e, "UID").unwrap().to_owned())
        .collect();

    // A sector's calendar: calls for every sector stay, Enterprise Estonia's (design, games,
    // film) goes for music.
    let music = parse(&app.page("/funding.ics?sector=music&lang=ru").await.1);
    assert!(of_call(&music, &eas).is_empty());
    assert_eq!(of_call(&music, &kulka).len(), quarterly.len());
    assert_eq!(app.get("/funding.ics?sector=Bad!").await.status(), 400);
    assert_eq!(app.get("/funding.ics?lang=xx").await.status(), 400);

    // An edit keeps every UID and raises SEQUENCE, so subscribed calendars update in place.
    let id: i64 = sqlx::query_scalar("SELECT id FROM funding_calls WHERE slug = ?")
        .bind(&kulka)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let editor: Value = app
        .post(
            "/api/coordinator/funding/form",
            Some(&session),
            &[("lang", "en"), ("id", &id.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    let mut form = form_pairs(&editor["form"]);
    form.retain(|(key, _)| key != "form[amount_max]");
    form.push(("form[amount_max]".into(), "8000".into()));
    form.push(("id".into(), id.to_string()));
    form.push(("sequence".into(), editor["sequence"].to_string()));
    let saved = app
        .post_pairs("/api/coordinator/funding/save", Some(&session), &form)
        .await;
    assert_eq!(saved.status(), 200);
    let after = parse(&app.page("/funding.ics?lang=en").await.1);
    let edited = of_call(&after, &kulka);
    assert_eq!(
        edited
            .iter()
            .map(|e| value(e, "UID").unwrap().to_owned())
            .collect::<Vec<_>>(),
        uids
    );
    assert!(edited.iter().all(|e| value(e, "SEQUENCE") == Some("1")));
}

/// A call form as the browser sends it (`form[field]`, `form[list][n]`).
fn form_pairs(form: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (key, value) in form.as_object().unwrap() {
        match value {
            Value::String(text) => pairs.push((format!("form[{key}]"), text.clone())),
            Value::Bool(true) => pairs.push((format!("form[{key}]"), "true".into())),
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    pairs.push((format!("form[{key}][{n}]"), item.as_str().unwrap().into()));
                }
            }
            _ => {}
        }
    }
    pairs
}

fn new_call(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = [
        ("form[funder]", "Ida-Viru Maakonna Arenduskeskus"),
        ("form[title_et]", "Loomeinkubaatori stipendium"),
        ("form[title_en]", "Creative incubator grant"),
        ("form[rule_days]", "15.03 15.09"),
        ("form[rule_time]", "16:00"),
        ("form[rule_next_working_day]", "true"),
        ("form[sectors][0]", "games"),
        ("form[kinds][0]", "freelancer"),
        ("form[amount_min]", "1000"),
        ("form[amount_max]", "5000"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (key, value) in extra {
        pairs.retain(|(k, _)| k != key);
        pairs.push(((*key).to_owned(), (*value).to_owned()));
    }
    pairs
}

#[tokio::test]
async fn the_coordinator_adds_a_call_with_a_rule_and_runs_it_through_its_states() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;

    // Checked as typed: a deadline in the spring gap and a most below the least, with reasons.
    let mut bad = new_call(&[
        ("form[deadlines]", "2027-03-28 03:30"),
        ("form[amount_max]", "500"),
    ]);
    bad.push(("lang".into(), "en".into()));
    let checked: Value = app
        .post_pairs("/api/coordinator/funding/check", Some(&session), &bad)
        .await
        .json()
        .await
        .unwrap();
    let problems: Vec<(&str, &str)> = checked["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["field"].as_str().unwrap(), p["problem"].as_str().unwrap()))
        .collect();
    assert_eq!(
        problems,
        [("amount_max", "MaxBelowMin"), ("deadlines", "InTimeGap")]
    );
    let refused = app
        .post_pairs("/api/coordinator/funding/save", Some(&session), &bad)
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(app.count("funding_calls").await, 4, "nothing half-written");

    // Nobody else may save, check or change a call.
    for path in [
        "/api/coordinator/funding/save",
        "/api/coordinator/funding/check",
        "/api/coordinator/funding/status",
    ] {
        let anonymous = app.post_pairs(path, None, &new_call(&[])).await;
        assert_eq!(anonymous.status(), 401, "{path}");
    }

    let mut good = new_call(&[]);
    good.push(("intent".into(), "open".into()));
    let saved: Value = app
        .post_pairs("/api/coordinator/funding/save", Some(&session), &good)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["slug"], "loomeinkubaatori-stipendium");
    assert_eq!(saved["status"], "open");
    let id = saved["id"].to_string();
    let (_, page) = app.page("/en/funding/loomeinkubaatori-stipendium").await;
    assert!(page.contains("Creative incubator grant"));
    assert!(page.contains("until 16:00 (E"));
    assert!(page.contains("€1,000 – €5,000"));
    // The news feed has it first, as feed readers read it.
    let atom = app.get("/en/funding.atom").await;
    assert_eq!(atom.status(), 200);
    let feed: atom_syndication::Feed = atom.text().await.unwrap().parse().unwrap();
    assert_eq!(feed.entries().len(), 5);
    assert_eq!(
        feed.entries()[0].title().as_str(),
        "Creative incubator grant"
    );
    assert!(
        feed.entries()[0].links()[0]
            .href()
            .ends_with("/en/funding/loomeinkubaatori-stipendium")
    );
    assert_eq!(app.get("/de/funding.atom").await.status(), 404);
    let games = board(&app, "&query[sector]=games&query[kind]=freelancer").await;
    assert!(funders(&games).contains(&"Ida-Viru Maakonna Arenduskeskus"));

    let status = |to: &'static str| {
        let (app, session, id) = (&app, &session, id.clone());
        async move {
            app.post(
                "/api/coordinator/funding/status",
                Some(session),
                &[("id", &id), ("status", to)],
            )
            .await
            .status()
        }
    };
    assert_eq!(status("paused").await, 200);
    let (_, page) = app.page("/en/funding/loomeinkubaatori-stipendium").await;
    assert!(page.contains("Applications are paused"));
    assert_eq!(
        status("draft").await,
        422,
        "a public call never goes back to draft"
    );
    assert_eq!(status("closed").await, 200);
    let past = board(&app, "&query[when]=past").await;
    assert!(funders(&past).contains(&"Ida-Viru Maakonna Arenduskeskus"));
    let deleted = app
        .post(
            "/api/coordinator/funding/delete",
            Some(&session),
            &[("id", &id)],
        )
        .await;
    assert_eq!(deleted.status(), 422, "only drafts are deleted");

    // The next round starts from a copy, as a new draft.
    let round: Value = app
        .post(
            "/api/coordinator/funding/form",
            Some(&session),
            &[("lang", "en"), ("from", &id)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(round["id"], Value::Null);
    assert_eq!(round["form"]["rule_days"], "15.03 15.09");
    let copy: Value = app
        .post_pairs(
            "/api/coordinator/funding/save",
            Some(&session),
            &form_pairs(&round["form"]),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(copy["slug"], "loomeinkubaatori-stipendium-2");
    assert_eq!(copy["status"], "draft");
    assert_eq!(
        app.page("/en/funding/loomeinkubaatori-stipendium-2")
            .await
            .0,
        404
    );
    let copy_id = copy["id"].to_string();
    let deleted = app
        .post(
            "/api/coordinator/funding/delete",
            Some(&session),
            &[("id", &copy_id)],
        )
        .await;
    assert_eq!(deleted.status(), 200);

    let actions = app.audit_actions().await;
    for action in ["funding.created", "funding.status", "funding.deleted"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn funding_subscribers_are_reminded_14_and_3_days_before_once_for_their_sectors() {
    let app = TestApp::spawn().await;
    for (email, topics, sectors, status) in [
        ("disain@x.example", 4, "design", "confirmed"),
        ("muusika@x.example", 4, "music film", "confirmed"),
        ("koik@x.example", 4 | 1, "", "confirmed"),
        ("syndmused@x.example", 1, "", "confirmed"),
        ("ootel@x.example", 4, "", "pending"),
        ("lahkunud@x.example", 4, "", "unsubscribed"),
    ] {
        sqlx::query(
            "INSERT INTO subscribers (email, lang, topics, status, consent, consent_address, sectors)
             VALUES (?, 'et', ?, ?, 'test', '127.0.0.1', ?)",
        )
        .bind(email)
        .bind(topics)
        .bind(status)
        .bind(sectors)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    // Enterprise Estonia's call (design, games, film) closes in 10 days; the paused fund's call
    // sends nothing however near its deadline.
    let calls: Vec<_> = app::funding::store::public_calls(&app.pool)
        .await
        .unwrap()
        .into_iter()
        .filter(|call| call.funder == EAS || call.funder == JTF)
        .collect();
    let eas = calls.iter().find(|call| call.funder == EAS).unwrap();
    let now = jiff::Timestamp::now();
    let deadline = eas.coming(now)[0].1;
    let remind = |at: jiff::Timestamp| {
        let (app, calls) = (&app, &calls);
        async move {
            app::newsletter::remind_funding(&app.pool, calls, super::support::ORIGIN, at)
                .await
                .unwrap()
        }
    };
    assert_eq!(remind(now).await, 3, "design, film and every sector");
    assert_eq!(remind(now).await, 0, "never twice");
    let mail = app.mail_to("disain@x.example").await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].0.starts_with("14 päeva taotlustähtajani: "),
        "{}",
        mail[0].0
    );
    assert!(mail[0].1.contains("kuni kell 16:00 (EE"));
    assert!(mail[0].1.contains("/et/newsletter/subscription?token="));
    for nobody in [
        "syndmused@x.example",
        "ootel@x.example",
        "lahkunud@x.example",
    ] {
        assert!(app.mail_to(nobody).await.is_empty(), "{nobody}");
    }
    let hours = |h: i64| jiff::SignedDuration::from_hours(h);
    assert_eq!(remind(deadline - hours(71)).await, 3, "the 3-day reminder");
    assert_eq!(remind(deadline - hours(1)).await, 0);
    assert_eq!(app.mail_to("koik@x.example").await.len(), 2);
    assert_eq!(
        remind(deadline + hours(1)).await,
        0,
        "none after the deadline"
    );

    // A subscriber chooses the sectors of their reminders behind their own link; an unknown
    // one is refused.
    let token = {
        let body = &app.mail_to("disain@x.example").await[0].1;
        let start = body.find("token=").unwrap() + "token=".len();
        body[start..].split_whitespace().next().unwrap().to_owned()
    };
    let change = |sectors: &'static [&'static str]| {
        let (app, token) = (&app, token.clone());
        async move {
            let mut form = vec![
                ("lang".to_owned(), "et".to_owned()),
                ("token".to_owned(), token),
                ("form[lang]".to_owned(), "et".to_owned()),
                ("form[topics][0]".to_owned(), "funding".to_owned()),
            ];
            for (n, sector) in sectors.iter().enumerate() {
                form.push((format!("form[sectors][{n}]"), (*sector).to_owned()));
            }
            app.post_pairs("/api/newsletter/subscription/change", None, &form)
                .await
                .status()
        }
    };
    assert_eq!(change(&["games", "music"]).await, 200);
    let stored: String = sqlx::query_scalar("SELECT sectors FROM subscribers WHERE email = ?")
        .bind("disain@x.example")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, "games music");
    assert_eq!(change(&["knitting"]).await, 422);
    let (_, page) = app
        .page(&format!("/en/newsletter/subscription?token={token}"))
        .await;
    assert!(page.contains("Funding reminders for these sectors"));
    assert!(page.contains(r#"value="games" checked"#));
}

#[tokio::test]
async fn the_calendar_shows_funding_deadlines_beside_events_when_asked() {
    let app = TestApp::spawn().await;
    let (_, plain) = app.page("/en/events").await;
    assert!(!plain.contains("Funding deadlines</h2>"));
    assert!(plain.contains("Show funding deadlines"), "the toggle");
    let (status, list) = app.page("/en/events?deadlines=show").await;
    assert_eq!(status, 200);
    assert!(list.contains("Funding deadlines</h2>"));
    assert!(list.contains("Export development for creative companies"));
    assert!(
        !list.contains("Narva city culture project grants"),
        "closed"
    );

    // The month of Enterprise Estonia's first cut-off, each deadline on its day.
    let eas: String = sqlx::query_scalar(
        "SELECT min(at) FROM funding_deadlines d JOIN funding_calls c ON c.id = d.call_id
         WHERE c.funder = ?",
    )
    .bind(EAS)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (status, month) = app
        .page(&format!(
            "/en/events?view=month&month={}&deadlines=show",
            &eas[..7]
        ))
        .await;
    assert_eq!(status, 200);
    let cell = month
        .split(&format!(r#"datetime="{}""#, &eas[..10]))
        .nth(1)
        .and_then(|rest| rest.split("</td>").next())
        .unwrap();
    assert!(cell.contains("Deadline: "), "{cell}");
    assert!(cell.contains("Export development for creative companies"));
}

async fn upload_calls(
    app: &TestApp,
    session: Option<&super::support::Session>,
    file: &str,
    confirm: Option<&str>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("calls.csv"),
    );
    if let Some(confirm) = confirm {
        form = form.text("confirm", confirm.to_owned());
    }
    let mut request = app
        .client
        .post(app.url("/api/coordinator/funding/import"))
        .multipart(form);
    if let Some(session) = session {
        request = request.header("cookie", session.cookie_header());
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_file_of_calls_is_checked_line_by_line_then_added_all_at_once() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    assert_eq!(
        upload_calls(&app, None, "funder\nX\n", None).await.status(),
        401
    );

    let bad = "funder;funder_entry;title_et;sectors;deadlines;amount_min;amount_max;status\r\n\
               Loov Euroopa;;Kultuuri koostööprojektid;Disain;2027-05-05 18:00;;200000;open\r\n\
               Linn;pole-sellist-kirjet;Linna toetus;;2027-03-28 03:30;;;\r\n\
               Linn;;Summad tagurpidi;;;5000;100;maybe\r\n";
    let checked: Value = upload_calls(&app, Some(&session), bad, None)
        .await
        .json()
        .await
        .unwrap();
    let problems: Vec<(u64, &str, &str)> = checked["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_str().unwrap(),
                p["problem"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (3, "deadlines", "InTimeGap"),
            (4, "status", "UnknownChoice"),
            (4, "amount_max", "MaxBelowMin"),
        ]
    );
    // Confirmed anyway: nothing half-written.
    let refused: Value = upload_calls(&app, Some(&session), bad, Some("1"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (refused["imported"].as_bool(), refused["changed"].as_bool()),
        (Some(false), Some(true))
    );
    assert_eq!(app.count("funding_calls").await, 4);

    let good = "funder;funder_entry;title_et;title_en;sectors;deadlines;rule_days;amount_max;status\r\n\
                Loov Euroopa;;Kultuuri koostööprojektid;European cooperation projects;Disain, music;2027-05-05 18:00;;200000;open\r\n\
                Jõhvi vald;;Jõhvi kultuurisündmused;;;;15.03 15.09;3000;forecast\r\n";
    let checked: Value = upload_calls(&app, Some(&session), good, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(checked["count"], 2);
    assert_eq!(checked["problems"], serde_json::json!([]));
    let imported: Value = upload_calls(&app, Some(&session), good, Some("2"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(imported["imported"], true);
    assert_eq!(app.count("funding_calls").await, 6);
    let music = board(&app, "&query[sector]=music&query[status]=open").await;
    assert!(funders(&music).contains(&"Loov Euroopa"));
    let (_, page) = app.page("/en/funding/kultuuri-koostooprojektid").await;
    assert!(page.contains("European cooperation projects"));
    assert!(page.contains("18:00 (EEST)"));
    let imported_rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'funding.imported'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(imported_rows, 2);
}
