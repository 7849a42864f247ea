//! The app under test: the real router on a port of its own, with its own SQLite file.

use app::accounts::store::{Role, add_account};
use app::platform::audit::Actor;
use server::{config::Settings, startup::Application};
use std::net::SocketAddr;
use tempfile::TempDir;
use tokio::sync::oneshot;

/// One app at a time. Each test runs its own tokio runtime, and Leptos keeps some state per
/// process: with several runtimes building routers and rendering at once, a render now and then
/// never finished (about one run in six). A real server has one runtime, and concurrent
/// renders there are tested by `concurrent_searches_all_answer`.
pub static ONE_APP_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The site's public origin in the tests.
pub const ORIGIN: &str = "https://loomeklaster.example";

/// The password every test account gets.
pub const PASSWORD: &str = "Narva jõgi voolab põhja poole";

pub struct TestApp {
    _serial: tokio::sync::MutexGuard<'static, ()>,
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub pool: sqlx::SqlitePool,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _folder: TempDir,
}

pub fn settings(database_url: String) -> Settings {
    Settings {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        database_url,
        // One connection: a request that held one while asking for another would wait for
        // itself, so every test here fails on such a deadlock instead of hiding it.
        database_connections: 1,
        public_url: Some(ORIGIN.into()),
        demo_data: Some(true),
        // The public files as cargo-leptos copies them into the site; the wasm is not needed here.
        site_root: concat!(env!("CARGO_MANIFEST_DIR"), "/../public").into(),
        site_pkg_dir: "pkg".into(),
        output_name: "loomeklaster".into(),
        hash_files: Some(false),
        reload_port: 3001,
        session_idle: jiff::SignedDuration::from_hours(2),
        session_lifetime: jiff::SignedDuration::from_hours(12),
        secure_cookies: None,
        client_ip_header: None,
        mail: Default::default(),
        backups: Default::default(),
        metrics_token: None,
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// An app whose settings `change` adjusts first.
    pub async fn spawn_with(change: impl FnOnce(&mut Settings)) -> Self {
        let folder = tempfile::tempdir().unwrap();
        let database_url = format!("sqlite://{}/data/test.db", folder.path().display());
        let mut settings = settings(database_url);
        change(&mut settings);
        Self::spawn_with_settings(folder, settings).await
    }

    pub async fn spawn_on(folder: TempDir, database_url: String) -> Self {
        Self::spawn_with_settings(folder, settings(database_url)).await
    }

    async fn spawn_with_settings(folder: TempDir, settings: Settings) -> Self {
        // Held from building the router (which renders the app to list its routes) to the end.
        let serial = ONE_APP_AT_A_TIME.lock().await;
        let application = Application::build(&settings).await.unwrap();
        let address = application.local_addr();
        let pool = application.pool().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(application.run_until(async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            _serial: serial,
            address,
            client,
            pool,
            stop: Some(stop),
            server: Some(server),
            _folder: folder,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Stops the server the way SIGTERM does and waits until it has closed down.
    pub async fn shut_down(&mut self) -> anyhow::Result<()> {
        self.stop.take().unwrap().send(()).unwrap();
        self.server.take().unwrap().await.unwrap()
    }

    /// Stops the server, closes its pool and answers its folder, for a test that starts
    /// another on the same database.
    pub async fn stop(mut self) -> TempDir {
        self.shut_down().await.unwrap();
        self.pool.close().await;
        self._folder
    }

    /// An account with [`PASSWORD`]; its id.
    pub async fn add_account(&self, email: &str, role: Role) -> i64 {
        add_account(&self.pool, email, role, Some(PASSWORD), Actor::COMMAND_LINE)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT id FROM users WHERE email = ?")
            .bind(email)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Posts `form` to a server function (or any path), with the session cookie if given.
    pub async fn post(
        &self,
        path: &str,
        session: Option<&Session>,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).form(form);
        if let Some(session) = session {
            request = request.header("cookie", session.cookie_header());
        }
        request.send().await.unwrap()
    }

    /// Adds a coordinator account and signs in as it.
    pub async fn coordinator(&self) -> Session {
        self.add_account("piia@ivek.example", Role::Coordinator)
            .await;
        self.log_in("piia@ivek.example", PASSWORD).await
    }

    /// How many rows `table` has.
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Posts `pairs` built up by a test (see [`with`]).
    pub async fn post_pairs(
        &self,
        path: &str,
        session: Option<&Session>,
        pairs: &[(String, String)],
    ) -> reqwest::Response {
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post(path, session, &borrowed).await
    }

    /// GETs `path` as a browser navigating to it does (asking for HTML), with the session
    /// cookie if given.
    pub async fn navigate(&self, path: &str, session: Option<&Session>) -> reqwest::Response {
        let mut request = self
            .client
            .get(self.url(path))
            .header("accept", "text/html");
        if let Some(session) = session {
            request = request.header("cookie", session.cookie_header());
        }
        request.send().await.unwrap()
    }

    /// GETs `path` with the session cookie.
    pub async fn get_as(&self, path: &str, session: &Session) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", session.cookie_header())
            .send()
            .await
            .unwrap()
    }

    pub async fn log_in_response(&self, email: &str, password: &str) -> reqwest::Response {
        self.post(
            "/api/login",
            None,
            &[("lang", "et"), ("email", email), ("password", password)],
        )
        .await
    }

    /// Signs in and returns the session.
    pub async fn log_in(&self, email: &str, password: &str) -> Session {
        let response = self.log_in_response(email, password).await;
        assert_eq!(response.status(), 200, "signing in as {email}");
        Session::from_response(&response).expect("a session cookie after signing in")
    }

    /// The email of the signed-in account the session stands for, if any.
    pub async fn who(&self, session: &Session) -> Option<String> {
        let response = self.post("/api/account", Some(session), &[]).await;
        assert_eq!(response.status(), 200);
        let account: serde_json::Value = response.json().await.unwrap();
        account["email"].as_str().map(str::to_owned)
    }

    /// The id of the event `slug` and its form as the coordinator's editor loads it (JSON).
    pub async fn event_editor(
        &self,
        session: &Session,
        slug: &str,
        lang: &str,
    ) -> (i64, serde_json::Value) {
        let id: i64 = sqlx::query_scalar("SELECT id FROM events WHERE slug = ?")
            .bind(slug)
            .fetch_one(&self.pool)
            .await
            .unwrap();
        let editor = self
            .post(
                "/api/coordinator/events/form",
                Some(session),
                &[("lang", lang), ("id", &id.to_string())],
            )
            .await
            .json()
            .await
            .unwrap();
        (id, editor)
    }

    /// The messages waiting in the outbox for `recipient`, oldest first: (subject, body).
    pub async fn mail_to(&self, recipient: &str) -> Vec<(String, String)> {
        sqlx::query_as("SELECT subject, body FROM outbox WHERE recipient = ? ORDER BY id")
            .bind(recipient)
            .fetch_all(&self.pool)
            .await
            .unwrap()
    }

    /// The private registration (or booking) page whose link the last message to `recipient` carries, as a
    /// path on this site.
    pub async fn private_link_of(&self, recipient: &str) -> String {
        let (_, body) = self.mail_to(recipient).await.pop().expect("a message");
        body.split_whitespace()
            .filter_map(|word| word.strip_prefix(ORIGIN))
            .find(|path| path.contains("/registration/") || path.contains("/counselling/"))
            .expect("a link to the private page")
            .to_owned()
    }

    /// The id of event `slug`.
    pub async fn event_id(&self, slug: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM events WHERE slug = ?")
            .bind(slug)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Registers `name` (`email`, mail in `lang`) for event `event` as the coordinator does by
    /// hand; the registration's id.
    pub async fn add_registration(
        &self,
        session: &Session,
        event: i64,
        (name, email, organisation): (&str, &str, &str),
        lang: &str,
    ) -> i64 {
        let added = self
            .post(
                "/api/coordinator/events/registrations/add",
                Some(session),
                &[
                    ("id", &event.to_string()),
                    ("name", name),
                    ("email", email),
                    ("organisation", organisation),
                    ("lang", lang),
                ],
            )
            .await;
        assert_eq!(added.status(), 200, "registering {name}");
        sqlx::query_scalar(
            "SELECT id FROM registrations WHERE event_id = ? AND email = ? AND status <> 'cancelled'",
        )
        .bind(event)
        .bind(email)
        .fetch_one(&self.pool)
        .await
        .unwrap()
    }

    /// Marks registration `registration` of event `event` present, as the attendance page
    /// sends a tap.
    pub async fn mark_present(&self, session: &Session, event: i64, registration: i64) {
        let marked = self
            .client
            .post(self.url("/api/coordinator/attendance/sync"))
            .header("cookie", session.cookie_header())
            .json(
                &serde_json::json!({ "lang": "et", "id": event, "walk_ins": [],
                "marks": [{ "registration": registration, "present": true, "clock": 1 }] }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(marked.status(), 200);
    }

    pub async fn audit_actions(&self) -> Vec<String> {
        sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .unwrap()
    }
}

/// A session cookie as the browser holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub name: String,
    pub value: String,
    /// The whole `Set-Cookie` line it came in.
    pub set_cookie: String,
}

impl Session {
    pub fn from_response(response: &reqwest::Response) -> Option<Session> {
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|line| line.to_str().ok())
            .find_map(|line| {
                let (name, rest) = line.split_once('=')?;
                let value = rest.split(';').next()?;
                (name.ends_with("session") && !value.is_empty()).then(|| Session {
                    name: name.to_owned(),
                    value: value.to_owned(),
                    set_cookie: line.to_owned(),
                })
            })
    }

    pub fn cookie_header(&self) -> String {
        format!("{}={}", self.name, self.value)
    }
}

/// `form` with each of `extra`'s fields set (replacing the value it had).
pub fn with(mut form: Vec<(String, String)>, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push(((*key).to_owned(), (*value).to_owned()));
    }
    form
}
