//! The newsletter against a real SMTP server: double opt-in from the mailed link, the one-click
//! unsubscribe as mail providers send it (and a GET that does not unsubscribe), who gets what
//! by topic and language, pausing, the archive and its feed, limits under requests sent at
//! once, and a server killed mid-send delivering each edition once.

use crate::mail::{Delivered, MailServer, start_server, until};
use crate::support::{ORIGIN, Session, TestApp};
use app::newsletter::{EditionForm, Item, ThreeLangs, Topic};
use futures::future::join_all;
use std::collections::HashMap;

/// A delivered message, read: subject, text, HTML and its headers by name.
struct Read {
    subject: String,
    text: String,
    html: String,
    headers: HashMap<String, String>,
}

fn read(delivered: &Delivered) -> Read {
    let message = mail_parser::MessageParser::default()
        .parse(&delivered.data)
        .unwrap();
    let headers = message
        .headers_raw()
        .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
        .collect();
    Read {
        subject: message.subject().unwrap_or_default().to_owned(),
        text: message.body_text(0).unwrap_or_default().into_owned(),
        html: message.body_html(0).unwrap_or_default().into_owned(),
        headers,
    }
}

async fn subscribe(app: &TestApp, email: &str, lang: &str, topics: &[&str]) -> reqwest::Response {
    let mut form = vec![
        ("lang".to_owned(), lang.to_owned()),
        ("form[email]".to_owned(), email.to_owned()),
        ("form[lang]".to_owned(), lang.to_owned()),
    ];
    for (index, topic) in topics.iter().enumerate() {
        form.push((format!("form[topics][{index}]"), (*topic).to_owned()));
    }
    app.post_pairs("/api/newsletter/subscribe", None, &form)
        .await
}

/// The token of the `kind` link (`confirm`, `subscription`) in the last message to `email`.
async fn token_in_mail(app: &TestApp, email: &str, kind: &str) -> String {
    let (_, body) = app.mail_to(email).await.pop().expect("a message");
    let marker = format!("/newsletter/{kind}?token=");
    let start = body.find(&marker).expect("a link") + marker.len();
    body[start..].split_whitespace().next().unwrap().to_owned()
}

async fn status(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("SELECT status FROM subscribers WHERE email = ?")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Follows a confirmation link as its page's button does: the subscription and its page's
/// token, or null.
async fn confirm_link(app: &TestApp, lang: &str, token: &str) -> serde_json::Value {
    let answer = app
        .post(
            "/api/newsletter/confirm",
            None,
            &[("lang", lang), ("token", token)],
        )
        .await;
    assert_eq!(answer.status(), 200);
    answer.json().await.unwrap()
}

/// A confirmed subscriber, through the form and the mailed link.
async fn confirmed(app: &TestApp, email: &str, lang: &str, topics: &[&str]) {
    assert_eq!(subscribe(app, email, lang, topics).await.status(), 200);
    let token = token_in_mail(app, email, "confirm").await;
    assert_eq!(confirm_link(app, lang, &token).await[0]["email"], email);
    assert_eq!(status(app, email).await, "confirmed");
}

/// `signed` with its last character changed: a link whose signature is wrong.
fn forge(signed: &str) -> String {
    let (kept, last) = signed.split_at(signed.len() - 1);
    format!("{kept}{}", if last == "0" { "1" } else { "0" })
}

fn three(et: &str, ru: &str, en: &str) -> ThreeLangs {
    ThreeLangs {
        et: et.into(),
        ru: ru.into(),
        en: en.into(),
    }
}

fn item(topic: Topic, title: ThreeLangs, text: ThreeLangs, link: &str) -> Item {
    Item {
        topic,
        link: link.into(),
        title,
        text,
    }
}

/// An edition with an event (in three languages) and a new member (in Estonian only).
fn two_topics() -> EditionForm {
    EditionForm {
        subject: three("Novembri uudised", "Новости ноября", "November news"),
        intro: three("Tere, **loojad**!", "Здравствуйте!", "Hello!"),
        items: vec![
            item(
                Topic::Events,
                three("Võrgustiku kohtumine", "Встреча сети", "Network meeting"),
                three("Narvas", "В Нарве", "In Narva"),
                "/events/vorgustiku-kohtumine",
            ),
            item(
                Topic::Members,
                three("Uus liige: Kohtla Keraamika", "", ""),
                three("<script>alert(1)</script> savinõud", "", ""),
                "/directory/kohtla-keraamika",
            ),
        ],
    }
}

/// Starts an edition as the coordinator, saves `form` into it; its id.
async fn edition(app: &TestApp, session: &Session, form: &EditionForm) -> i64 {
    let started = app
        .post(
            "/api/coordinator/newsletter/editions/start",
            Some(session),
            &[],
        )
        .await;
    assert_eq!(started.status(), 200);
    let id: i64 = started.json().await.unwrap();
    let saved = app
        .client
        .post(app.url("/api/coordinator/newsletter/editions/save"))
        .header("cookie", session.cookie_header())
        .json(&serde_json::json!({ "id": id, "form": form }))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    id
}

async fn send(app: &TestApp, session: &Session, id: i64, at: &str) -> reqwest::Response {
    app.post(
        "/api/coordinator/newsletter/editions/send",
        Some(session),
        &[("id", &id.to_string()), ("at", at)],
    )
    .await
}

/// Sends edition `id` now; how many subscribers it is queued for.
async fn queued(app: &TestApp, session: &Session, id: i64) -> u64 {
    let sent = send(app, session, id, "").await;
    assert_eq!(sent.status(), 200);
    sent.json().await.unwrap()
}

async fn progress(app: &TestApp, session: &Session, id: i64) -> serde_json::Value {
    let panel: serde_json::Value = app
        .post(
            "/api/coordinator/newsletter/editions/get",
            Some(session),
            &[("id", &id.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    panel
}

#[tokio::test]
async fn double_opt_in_confirms_from_the_mailed_link_and_asking_again_tells_only_the_mailbox() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let answer = subscribe(&app, "maria@narva.example", "ru", &["events", "funding"]).await;
    assert_eq!(answer.status(), 200);
    let first_answer = answer.text().await.unwrap();
    assert_eq!(status(&app, "maria@narva.example").await, "pending");

    until("the confirmation mail", async || {
        mail.delivered_to("maria@narva.example").len() == 1
    })
    .await;
    let letter = read(&mail.delivered_to("maria@narva.example")[0]);
    assert_eq!(letter.subject, "Подтвердите подписку на рассылку");
    assert!(
        letter
            .text
            .contains(&format!("{ORIGIN}/ru/newsletter/confirm?token=")),
        "{}",
        letter.text
    );
    let token = token_in_mail(&app, "maria@narva.example", "confirm").await;

    // Opening the link (as a link scanner would) shows a button and confirms nothing.
    let (code, page) = app
        .page(&format!("/ru/newsletter/confirm?token={token}"))
        .await;
    assert_eq!(code, 200);
    assert!(page.contains("Подтверждаю подписку"), "{page}");
    assert_eq!(status(&app, "maria@narva.example").await, "pending");

    let confirmed: serde_json::Value = confirm_link(&app, "ru", &token).await;
    assert_eq!(confirmed[0]["email"], "maria@narva.example");
    assert_eq!(confirmed[0]["topics"], 5, "events and funding");
    assert_eq!(status(&app, "maria@narva.example").await, "confirmed");
    let consent: (String, String) = sqlx::query_as(
        "SELECT consent, consent_address FROM subscribers WHERE email = 'maria@narva.example'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        consent.0.starts_with("Подписываясь, я соглашаюсь"),
        "{consent:?}"
    );
    assert_eq!(consent.1, "127.0.0.1");

    // Asking again: the same answer on the page, a mail with the subscriber's own link, and
    // nothing changed; a stranger's address gets the same answer too.
    let again = subscribe(&app, "Maria@Narva.example", "et", &["members"]).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.text().await.unwrap(), first_answer);
    let (subject, body) = app.mail_to("Maria@Narva.example").await.pop().unwrap();
    assert_eq!(subject, "Sa juba tellid uudiskirja");
    assert!(
        body.contains("/et/newsletter/subscription?token="),
        "{body}"
    );
    assert_eq!(status(&app, "maria@narva.example").await, "confirmed");
    let unknown = subscribe(&app, "someone@else.example", "et", &["members"]).await;
    assert_eq!(unknown.text().await.unwrap(), first_answer);

    // A wrong or forged link confirms nothing.
    let forged = forge(&token);
    let refused: serde_json::Value = confirm_link(&app, "ru", &forged).await;
    assert!(refused.is_null());
}

#[tokio::test]
async fn the_subscribe_form_refuses_bad_input_robots_and_more_than_its_limit_at_once() {
    let app = TestApp::spawn().await;
    let no_topic = subscribe(&app, "a@b.example", "et", &[]).await;
    assert_eq!(no_topic.status(), 422);
    assert!(no_topic.text().await.unwrap().contains("NoTopic"));
    let unknown = subscribe(&app, "a@b.example", "et", &["gossip"]).await;
    assert_eq!(unknown.status(), 422);
    let not_an_email = subscribe(&app, "a@@b", "et", &["events"]).await;
    assert_eq!(not_an_email.status(), 422);
    assert!(not_an_email.text().await.unwrap().contains("NotAnEmail"));
    let robot = app
        .post(
            "/api/newsletter/subscribe",
            None,
            &[
                ("lang", "et"),
                ("form[email]", "robot@b.example"),
                ("form[topics][0]", "events"),
                ("homepage", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(robot.status(), 400);
    assert_eq!(app.count("subscribers").await, 0);

    // 20 requests at once from one address: the limit of 10 an hour holds.
    let answers = join_all((0..20).map(|n| {
        let app = &app;
        async move {
            subscribe(app, &format!("person{n}@b.example"), "et", &["events"])
                .await
                .status()
                .as_u16()
        }
    }))
    .await;
    assert_eq!(
        answers.iter().filter(|code| **code == 200).count(),
        10,
        "{answers:?}"
    );
    assert_eq!(answers.iter().filter(|code| **code == 429).count(), 10);
    assert_eq!(app.count("subscribers").await, 10);
}

#[tokio::test]
async fn each_subscriber_gets_the_edition_in_their_language_with_only_their_topics() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let session = app.coordinator().await;
    confirmed(&app, "ants@x.ee", "et", &["events"]).await;
    confirmed(&app, "olga@x.ee", "ru", &["events", "members"]).await;
    confirmed(&app, "john@x.ee", "en", &["funding"]).await;
    let id = edition(&app, &session, &two_topics()).await;

    // The coordinator's test: every topic, marked, and nothing to unsubscribe from.
    let tested = app
        .post(
            "/api/coordinator/newsletter/editions/test",
            Some(&session),
            &[("id", &id.to_string()), ("lang", "en")],
        )
        .await;
    assert_eq!(tested.json::<String>().await.unwrap(), "piia@ivek.example");
    until("the test", async || {
        mail.delivered_to("piia@ivek.example").len() == 1
    })
    .await;
    let test = read(&mail.delivered_to("piia@ivek.example")[0]);
    assert_eq!(test.subject, "[TEST] November news");
    assert!(test.text.contains("Network meeting") && test.text.contains("Kohtla Keraamika"));
    assert!(!test.headers.contains_key("List-Unsubscribe"));

    assert_eq!(
        queued(&app, &session, id).await,
        2,
        "nothing for funding only"
    );
    until("both editions", async || {
        mail.delivered_to("ants@x.ee").len() == 2 && mail.delivered_to("olga@x.ee").len() == 2
    })
    .await;

    let ants = read(&mail.delivered_to("ants@x.ee")[1]);
    assert_eq!(ants.subject, "Novembri uudised");
    assert!(ants.text.contains("Võrgustiku kohtumine"));
    assert!(
        ants.text
            .contains(&format!("{ORIGIN}/et/events/vorgustiku-kohtumine"))
    );
    assert!(
        !ants.text.contains("Kohtla Keraamika"),
        "not a topic of theirs"
    );
    assert!(
        ants.html.contains("<strong>loojad</strong>"),
        "{}",
        ants.html
    );
    assert!(!ants.text.contains("teises keeles"), "all in Estonian");

    let olga = read(&mail.delivered_to("olga@x.ee")[1]);
    assert_eq!(olga.subject, "Новости ноября");
    assert!(olga.text.contains("Встреча сети"));
    assert!(
        olga.text
            .contains(&format!("{ORIGIN}/ru/events/vorgustiku-kohtumine"))
    );
    assert!(
        olga.text.contains("Uus liige: Kohtla Keraamika"),
        "falls back to Estonian"
    );
    assert!(
        olga.text.contains("Часть этого выпуска на другом языке"),
        "and says so"
    );
    assert!(olga.html.contains("&lt;script&gt;"), "{}", olga.html);
    assert!(!olga.html.contains("<script>"));
    assert!(
        olga.text
            .contains(&format!("{ORIGIN}/ru/newsletter/archive/1"))
    );
    assert!(
        olga.text
            .contains(&format!("{ORIGIN}/ru/newsletter/subscription?token="))
    );
    let unsubscribe = &olga.headers["List-Unsubscribe"];
    assert!(
        unsubscribe.starts_with(&format!("<{ORIGIN}/newsletter/unsubscribe?token=")),
        "{unsubscribe}"
    );
    assert_eq!(
        olga.headers["List-Unsubscribe-Post"],
        "List-Unsubscribe=One-Click"
    );
    assert!(!olga.headers.contains_key("Auto-Submitted"));
    assert_eq!(olga.headers["Content-Language"], "ru");
    assert!(
        mail.delivered_to("john@x.ee").len() == 1,
        "only the confirmation"
    );

    app::newsletter::store::tick(&app.pool).await.unwrap();
    let panel = progress(&app, &session, id).await;
    assert_eq!(panel["status"], "sent");
    assert_eq!(panel["number"], 1);
    assert_eq!(panel["progress"]["sent"], 2);
    assert_eq!(panel["progress"]["total"], 2);

    // A sent edition cannot be edited or sent again.
    assert_eq!(send(&app, &session, id, "").await.status(), 422);

    // The archive has it in every language, escaped; the feed carries it.
    let (code, page) = app.page("/ru/newsletter/archive").await;
    assert_eq!(code, 200);
    assert!(page.contains("Новости ноября"), "{page}");
    let (code, page) = app.page("/en/newsletter/archive/1").await;
    assert_eq!(code, 200);
    assert!(page.contains("November news"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    let feed = app.get("/et/newsletter.atom").await;
    assert_eq!(feed.status(), 200);
    let feed = feed.text().await.unwrap();
    assert!(feed.contains("<title>Novembri uudised</title>"), "{feed}");
    assert!(feed.contains(&format!("{ORIGIN}/et/newsletter/archive/1")));
    assert_eq!(app.page("/et/newsletter/archive/2").await.0, 404);
}

#[tokio::test]
async fn the_one_click_post_unsubscribes_as_a_mail_provider_sends_it_and_a_get_does_not() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let session = app.coordinator().await;
    confirmed(&app, "olga@x.ee", "ru", &["events"]).await;
    let id = edition(&app, &session, &two_topics()).await;
    assert_eq!(send(&app, &session, id, "").await.status(), 200);
    until("the edition", async || {
        mail.delivered_to("olga@x.ee").len() == 2
    })
    .await;
    let header = read(&mail.delivered_to("olga@x.ee")[1]).headers["List-Unsubscribe"].clone();
    let url = header.trim_matches(['<', '>']);
    let path = url.strip_prefix(ORIGIN).unwrap();

    // A link scanner's GET leads to the page with the button and changes nothing.
    let scanned = app.get(path).await;
    assert_eq!(scanned.status(), 303);
    let location = scanned.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/ru/newsletter/subscription?token="),
        "{location}"
    );
    let (code, page) = app.page(&location).await;
    assert_eq!(code, 200);
    assert!(page.contains("Отказаться от рассылки"), "{page}");
    assert_eq!(status(&app, "olga@x.ee").await, "confirmed");

    // Without the one-click body, or with a forged token, nothing happens.
    let no_body = app.client.post(app.url(path)).send().await.unwrap();
    assert_eq!(no_body.status(), 400);
    let forged = app
        .client
        .post(app.url(&forge(path)))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);
    assert_eq!(status(&app, "olga@x.ee").await, "confirmed");

    // As a mail provider sends it: no cookie, no Origin, from its own servers.
    let clicked = app
        .client
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(clicked.status(), 200);
    assert_eq!(status(&app, "olga@x.ee").await, "unsubscribed");

    // The coordinator cannot put the address back, and the next edition skips it.
    let re_added = app
        .post(
            "/api/coordinator/newsletter/subscribers/add",
            Some(&session),
            &[
                ("lang", "et"),
                ("form[email]", "olga@x.ee"),
                ("form[topics][0]", "events"),
                ("source", "paper form at the fair"),
            ],
        )
        .await;
    assert_eq!(re_added.status(), 422);
    assert!(re_added.text().await.unwrap().contains("Unsubscribed"));
    let next = edition(&app, &session, &two_topics()).await;
    assert_eq!(queued(&app, &session, next).await, 0);
}

#[tokio::test]
async fn a_subscriber_changes_language_and_topics_behind_their_link() {
    let app = TestApp::spawn().await;
    confirmed(&app, "ants@x.ee", "et", &["events"]).await;
    let session = app.coordinator().await;
    // Asking again mails the subscriber's own link.
    subscribe(&app, "ants@x.ee", "et", &["events"]).await;
    let token = token_in_mail(&app, "ants@x.ee", "subscription").await;
    let changed = app
        .post(
            "/api/newsletter/subscription/change",
            None,
            &[
                ("lang", "et"),
                ("token", &token),
                ("form[lang]", "en"),
                ("form[topics][0]", "trainings"),
                ("form[topics][1]", "members"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 200);
    let subscription: serde_json::Value = app
        .post("/api/newsletter/subscription", None, &[("token", &token)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(subscription["lang"], "en");
    assert_eq!(subscription["topics"], 2 | 8);
    let overview: serde_json::Value = app
        .post(
            "/api/coordinator/newsletter/subscribers",
            Some(&session),
            &[],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overview["by_lang"][2], serde_json::json!(["en", 1]));
    assert_eq!(overview["by_topic"][1], serde_json::json!(["trainings", 1]));
    let forged = app
        .post(
            "/api/newsletter/subscription/change",
            None,
            &[
                ("lang", "et"),
                ("token", "1.0.00000000000000000000000000000000"),
                ("form[topics][0]", "events"),
            ],
        )
        .await;
    assert_eq!(forged.status(), 422);
}

#[tokio::test]
async fn the_coordinator_adds_with_a_note_exports_safely_and_the_draft_comes_from_the_calendar() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let without_note = app
        .post(
            "/api/coordinator/newsletter/subscribers/add",
            Some(&session),
            &[
                ("lang", "et"),
                ("form[email]", "mari@x.ee"),
                ("form[topics][0]", "events"),
            ],
        )
        .await;
    assert_eq!(without_note.status(), 400, "the note is required");
    let added = app
        .post(
            "/api/coordinator/newsletter/subscribers/add",
            Some(&session),
            &[
                ("lang", "et"),
                ("form[email]", "mari@x.ee"),
                ("form[topics][0]", "events"),
                ("source", "=HYPERLINK(\"http://evil.example\") paper form"),
            ],
        )
        .await;
    assert_eq!(added.status(), 200);
    assert_eq!(status(&app, "mari@x.ee").await, "confirmed");
    assert!(
        app.audit_actions()
            .await
            .contains(&"newsletter.add_subscriber".to_owned())
    );
    let csv = app
        .get_as("/api/coordinator/newsletter/subscribers.csv", &session)
        .await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert!(csv.contains("mari@x.ee;et;events;confirmed"), "{csv}");
    assert!(
        csv.contains("'=HYPERLINK"),
        "no formula runs in Excel: {csv}"
    );
    assert_eq!(
        app.get("/api/coordinator/newsletter/subscribers.csv")
            .await
            .status(),
        401
    );

    // The draft lists the demo calendar's coming events with their links and places.
    let started = app
        .post(
            "/api/coordinator/newsletter/editions/start",
            Some(&session),
            &[],
        )
        .await;
    let id: i64 = started.json().await.unwrap();
    let panel = progress(&app, &session, id).await;
    assert_eq!(panel["status"], "draft");
    let items = panel["form"]["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(
        |item| item["link"].as_str().unwrap().starts_with("/events/")
            || item["link"].as_str().unwrap().starts_with("/funding/")
            || item["link"].as_str().unwrap().starts_with("/directory/")
    ));
    // The demo board's Enterprise Estonia call closes in 10 days; the paused, far and closed
    // ones are left out.
    let funding: Vec<&serde_json::Value> = items
        .iter()
        .filter(|item| item["topic"] == "funding")
        .collect();
    assert_eq!(funding.len(), 1, "{funding:?}");
    assert_eq!(
        funding[0]["title"]["en"],
        "Export development for creative companies"
    );
    assert!(funding[0]["text"]["ru"].as_str().unwrap().contains("Срок "));
    assert!(
        items
            .iter()
            .any(|item| item["text"]["en"].as_str().unwrap().contains("places left")),
        "{items:?}"
    );
    let preview = app
        .get_as(
            &format!("/api/coordinator/newsletter/{id}/preview?lang=ru&format=html"),
            &session,
        )
        .await;
    assert_eq!(preview.status(), 200);
    assert!(
        preview.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );
    assert!(preview.text().await.unwrap().contains("<html lang=\"ru\">"));
    assert_eq!(
        app.get(&format!("/api/coordinator/newsletter/{id}/preview?lang=ru"))
            .await
            .status(),
        401
    );

    // Bad content is refused with the field it concerns, and nothing is saved.
    let mut bad = two_topics();
    bad.items[0].link = "javascript:alert(1)".into();
    let refused = app
        .client
        .post(app.url("/api/coordinator/newsletter/editions/save"))
        .header("cookie", session.cookie_header())
        .json(&serde_json::json!({ "id": id, "form": bad }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("NotAWebAddress"));
    let bad_time = send(&app, &session, id, "2026-13-45T25:00").await;
    assert_eq!(bad_time.status(), 422);
    assert_eq!(progress(&app, &session, id).await["status"], "draft");
}

#[tokio::test]
async fn a_scheduled_edition_waits_for_its_time_and_a_paused_one_sends_nothing_until_resumed() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let session = app.coordinator().await;
    for n in 0..5 {
        confirmed(&app, &format!("reader{n}@x.ee"), "et", &["events"]).await;
    }
    until("the confirmations", async || mail.delivered().len() == 5).await;
    let id = edition(&app, &session, &two_topics()).await;
    assert_eq!(
        send(&app, &session, id, "2099-12-01T09:00").await.status(),
        200
    );
    let panel = progress(&app, &session, id).await;
    assert_eq!(panel["status"], "scheduled");
    assert_eq!(panel["send_at"], "2099-12-01 09:00");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(mail.delivered().len(), 5, "held until its time");

    let paused = app
        .post(
            "/api/coordinator/newsletter/editions/pause",
            Some(&session),
            &[("id", &id.to_string()), ("paused", "true")],
        )
        .await;
    assert_eq!(paused.status(), 200);
    sqlx::query("UPDATE editions SET send_at = '2020-01-01T00:00:00Z' WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    app::newsletter::store::tick(&app.pool).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        mail.delivered().len(),
        5,
        "paused: nothing goes even when due"
    );
    assert_eq!(progress(&app, &session, id).await["status"], "paused");

    let resumed = app
        .post(
            "/api/coordinator/newsletter/editions/pause",
            Some(&session),
            &[("id", &id.to_string()), ("paused", "false")],
        )
        .await;
    assert_eq!(resumed.status(), 200);
    until("the edition to everyone", async || {
        mail.delivered().len() == 10
    })
    .await;
    assert!(
        app.audit_actions()
            .await
            .contains(&"newsletter.resume".to_owned())
    );
}

/// 300 subscribers, the server killed (SIGKILL) while the mail server holds one message
/// half-way, and started again: each subscriber gets the edition exactly once.
#[tokio::test]
async fn a_server_killed_mid_send_delivers_the_edition_to_each_subscriber_once() {
    use app::platform::audit::Actor;
    let mail = MailServer::start();
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("newsletter.db");
    let pool = server::startup::open_database(&format!("sqlite://{}", database.display()), 1)
        .await
        .unwrap();
    let recipients: Vec<String> = (1..=300)
        .map(|n| match n {
            150 => "stall@x.ee".to_owned(),
            n => format!("reader-{n:03}@x.ee"),
        })
        .collect();
    for (n, email) in recipients.iter().enumerate() {
        sqlx::query(
            "INSERT INTO subscribers (email, lang, topics, status, consent, consent_address)
             VALUES (?, ?, 15, 'confirmed', 'test', '127.0.0.1')",
        )
        .bind(email)
        .bind(["et", "ru", "en"][n % 3])
        .execute(&pool)
        .await
        .unwrap();
    }
    let id = app::newsletter::store::start(&pool, &two_topics(), Actor::COMMAND_LINE)
        .await
        .unwrap();
    let queued = app::newsletter::store::send(&pool, id, None, Actor::COMMAND_LINE)
        .await
        .unwrap();
    assert_eq!(queued, 300);

    mail.stall(true);
    let mut first = start_server(&database, &mail);
    until("the mailer to reach subscriber 150", async || {
        mail.offers("stall@x.ee") == 1
    })
    .await;
    first.kill().unwrap();
    first.wait().unwrap();
    assert_eq!(mail.delivered().len(), 149);
    mail.stall(false);

    let mut second = start_server(&database, &mail);
    until("every edition to be sent", async || {
        sqlx::query_scalar::<_, String>("SELECT status FROM editions WHERE id = ?")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
            == "sent"
    })
    .await;
    second.kill().unwrap();
    second.wait().unwrap();

    let mut times: HashMap<String, usize> = HashMap::new();
    for message in mail.delivered() {
        for to in message.to {
            *times.entry(to).or_default() += 1;
        }
    }
    assert_eq!(times.len(), 300);
    assert!(times.values().all(|n| *n == 1), "each exactly once");
    let russian = read(&mail.delivered_to("reader-002@x.ee")[0]);
    assert_eq!(russian.subject, "Новости ноября");
}

async fn add(app: &TestApp, session: &Session, email: &str) {
    let added = app
        .post(
            "/api/coordinator/newsletter/subscribers/add",
            Some(session),
            &[
                ("lang", "et"),
                ("form[email]", email),
                ("form[topics][0]", "events"),
                ("source", "signed up on paper at the Jõhvi fair"),
            ],
        )
        .await;
    assert_eq!(added.status(), 200);
}

#[tokio::test]
async fn a_mailbox_refused_for_good_is_bouncing_and_the_next_edition_skips_it() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let session = app.coordinator().await;
    add(&app, &session, "bounce@x.ee").await;
    add(&app, &session, "ants@x.ee").await;
    let first = edition(&app, &session, &two_topics()).await;
    assert_eq!(queued(&app, &session, first).await, 2);
    until("the refusal", async || {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM mail_bounces WHERE address = 'bounce@x.ee'",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 1
    })
    .await;
    let overview: serde_json::Value = app
        .post(
            "/api/coordinator/newsletter/subscribers",
            Some(&session),
            &[],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        overview["by_status"][1],
        serde_json::json!(["confirmed", 1])
    );
    assert_eq!(overview["by_status"][3], serde_json::json!(["bouncing", 1]));
    let next = edition(&app, &session, &two_topics()).await;
    assert_eq!(queued(&app, &session, next).await, 1);
}

#[tokio::test]
async fn subscriptions_left_unconfirmed_for_a_week_are_deleted() {
    let app = TestApp::spawn().await;
    assert_eq!(
        subscribe(&app, "old@x.ee", "et", &["events"])
            .await
            .status(),
        200
    );
    assert_eq!(
        subscribe(&app, "new@x.ee", "et", &["events"])
            .await
            .status(),
        200
    );
    sqlx::query(
        "UPDATE subscribers SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-8 days')
         WHERE email = 'old@x.ee'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let forgotten = app::newsletter::store::forget_unconfirmed(&app.pool)
        .await
        .unwrap();
    assert_eq!(forgotten, 1);
    let left: Vec<String> = sqlx::query_scalar("SELECT email FROM subscribers")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, ["new@x.ee"]);
}
