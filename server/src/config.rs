//! Settings, read once from the command line or the environment, each with a default, so that
//! `target/release/server` started from the repository root serves the whole site.

use clap::{Args, Parser, Subcommand};
use leptos::config::LeptosOptions;
use std::net::SocketAddr;

#[derive(Parser, Debug)]
#[command(
    name = "server",
    version,
    about = "The Ida-Viru Creative Cluster's web platform"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Serve the site (the default): migrate, add demo data to an empty database, listen.
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Add the demo data (a few dozen entries and a year of events) unless the database has data.
    SeedDemo,
    /// Add deterministic, fictional data in any amount, for load tests and benchmarks.
    SeedSynthetic(SyntheticArgs),
    /// Add an admin or coordinator account. The password is read from standard input; with
    /// nothing there (or a terminal), a strong one is generated and printed once.
    AddUser(AddUserArgs),
    /// Time the directory search: seed an empty database with synthetic entries, then run a
    /// fixed mix of queries and print the percentiles.
    BenchSearch(BenchSearchArgs),
    /// Write every directory entry to a CSV file (UTF-8 with a BOM, for Excel and LibreOffice).
    ExportDirectory(ExportArgs),
    /// Read a CSV file into the directory: print what would change and every problem; with no
    /// problem (and without --dry-run), write all rows in one transaction.
    ImportDirectory(ImportArgs),
    /// Check the mail settings: connect to SMTP_URL and send a short message to an address.
    SendTestMail(SendTestMailArgs),
    /// Time the newsletter's draft over the calendar and directory in the database; with
    /// --send, send one drafted edition to every confirmed subscriber (queued in the outbox).
    BenchNewsletter(BenchNewsletterArgs),
    /// Time the report for funders over a year of synthetic events, registrations and
    /// attendance (seeded into the database when it has none).
    BenchReport(BenchReportArgs),
    /// Time writing a certificate of attendance as a PDF, in each language, and print its size.
    BenchCertificate(BenchCertificateArgs),
    /// Write a consistent copy of the database to a file (while the server serves, too), check
    /// it, and print its size and the time it took.
    Backup(FileArgs),
    /// Replace the database with a copy made by `backup`, keeping the replaced file beside it.
    /// Refuses while a server serves the database, and refuses a file that is not this
    /// platform's database, is damaged, or was made by a newer version of the server.
    Restore(FileArgs),
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct FileArgs {
    pub file: std::path::PathBuf,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct BenchReportArgs {
    /// Reports to time.
    #[arg(long, default_value_t = 20)]
    pub runs: u32,
    /// Events to generate over 2025–2027 (about half fall in 2026, the year reported).
    #[arg(long, default_value_t = 1000)]
    pub events: u32,
    /// Registrations to spread over the events of 2026, four in five marked present.
    #[arg(long, default_value_t = 20_000)]
    pub registrations: u32,
    /// Directory entries their organisations are found in.
    #[arg(long, default_value_t = 5_000)]
    pub entries: u32,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct BenchCertificateArgs {
    /// Certificates to write in each language.
    #[arg(long, default_value_t = 200)]
    pub runs: u32,
    /// Also keep one of each language in this folder, to open and read.
    #[arg(long)]
    pub keep: Option<std::path::PathBuf>,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct BenchNewsletterArgs {
    /// Drafts to time.
    #[arg(long, default_value_t = 20)]
    pub runs: u32,
    /// Then send one edition to every confirmed subscriber.
    #[arg(long)]
    pub send: bool,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct SendTestMailArgs {
    /// The address to send the test message to.
    #[arg(long)]
    pub to: String,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct ExportArgs {
    /// The file to write.
    pub file: std::path::PathBuf,
    /// Cells separated by semicolons (what Estonian Excel expects) or commas.
    #[arg(long, value_enum, default_value_t = SeparatorArg::Semicolon)]
    pub separator: SeparatorArg,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeparatorArg {
    Semicolon,
    Comma,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct ImportArgs {
    /// The CSV file to read (either separator, with or without a BOM).
    pub file: std::path::PathBuf,
    /// Only print what would change.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct AddUserArgs {
    /// The sign-in email address.
    #[arg(long)]
    pub email: String,
    #[arg(long, value_enum)]
    pub role: RoleArg,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleArg {
    /// Manages accounts (and everything a coordinator does).
    Admin,
    /// Manages the directory and the calendar.
    Coordinator,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct BenchSearchArgs {
    /// Synthetic entries to search (seeded when the database is empty).
    #[arg(long, default_value_t = 50_000)]
    pub entries: u32,
    /// Queries in the mix.
    #[arg(long, default_value_t = 1000)]
    pub queries: u32,
    /// Seed of the entries and of the query mix.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Args, Debug, Clone, PartialEq, Eq)]
pub struct SyntheticArgs {
    /// Directory entries to generate.
    #[arg(long, default_value_t = 1000)]
    pub members: u32,
    /// Events to generate, spread over a year before and a year after the anchor date.
    #[arg(long, default_value_t = 200)]
    pub events: u32,
    /// Funding calls to generate, with deadlines around the anchor date.
    #[arg(long, default_value_t = 0)]
    pub calls: u32,
    /// The random seed: the same seed and anchor date give the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The day events are spread around (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub anchor_date: Option<jiff::civil::Date>,
}

#[derive(Args, Debug, Clone)]
pub struct Settings {
    /// Address to listen on.
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub site_addr: SocketAddr,
    /// SQLite database; the file and its folder are created when absent.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/loomeklaster.db",
        global = true
    )]
    pub database_url: String,
    /// Connections to the database the server keeps open at most.
    #[arg(long, env = "DATABASE_CONNECTIONS", default_value_t = 8, global = true)]
    pub database_connections: u32,
    /// The site's public origin, for absolute links (default: http://<site-addr>).
    #[arg(long, env = "PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Fill an empty database with demo data at start-up. Default: only for a site served on
    /// this machine without a public URL (development); a real deployment starts empty.
    #[arg(long, env = "DEMO_DATA", action = clap::ArgAction::Set, global = true)]
    pub demo_data: Option<bool>,
    /// Folder with the built site (wasm, JS, CSS, public files).
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
    /// Folder under the site root with the wasm, JS and CSS.
    #[arg(
        long,
        env = "LEPTOS_SITE_PKG_DIR",
        default_value = "pkg",
        global = true
    )]
    pub site_pkg_dir: String,
    /// Base name of the wasm, JS and CSS files.
    #[arg(
        long,
        env = "LEPTOS_OUTPUT_NAME",
        default_value = "loomeklaster",
        global = true
    )]
    pub output_name: String,
    /// Whether the files under pkg/ are named by their content's hash, as `cargo leptos build`
    /// names them (`hash-files` in Cargo.toml), listing the names in `hash.txt` beside the
    /// server binary. Default: when that file is there.
    #[arg(long, env = "LEPTOS_HASH_FILES", action = clap::ArgAction::Set, global = true)]
    pub hash_files: Option<bool>,
    /// A session ends this long after its last request ("2h", "30m").
    #[arg(long, env = "SESSION_IDLE", default_value = "2h", global = true)]
    pub session_idle: jiff::SignedDuration,
    /// A session ends this long after signing in, however active ("12h").
    #[arg(long, env = "SESSION_LIFETIME", default_value = "12h", global = true)]
    pub session_lifetime: jiff::SignedDuration,
    /// Mark the session cookie Secure (sent over https only) and name it `__Host-session`.
    /// Default: on, unless the public origin is http on this machine (localhost, 127.0.0.1).
    #[arg(long, env = "SECURE_COOKIES", action = clap::ArgAction::Set, global = true)]
    pub secure_cookies: Option<bool>,
    /// Behind a reverse proxy: the header it writes the client's address into (`X-Real-IP`), used
    /// for the sign-in limits and the audit log. Unset, the peer address is the client's; never
    /// set it without a proxy that overwrites the header, or clients could choose their address.
    #[arg(long, env = "CLIENT_IP_HEADER", global = true)]
    pub client_ip_header: Option<String>,
    #[command(flatten)]
    pub mail: MailSettings,
    #[command(flatten)]
    pub backups: BackupSettings,
    /// Opens `/metrics` (Prometheus's text format) to requests bearing this token
    /// (`Authorization: Bearer …`, at least 16 characters). Unset: `/metrics` is not there.
    #[arg(long, env = "METRICS_TOKEN", global = true, value_parser = metrics_token)]
    pub metrics_token: Option<String>,
    /// Port of cargo-leptos's live-reload socket in development.
    #[arg(
        long,
        env = "LEPTOS_RELOAD_PORT",
        default_value_t = 3001,
        global = true
    )]
    pub reload_port: u32,
}

/// The server's own copies of the database: none without `BACKUP_DIR`.
#[derive(Args, Debug, Clone)]
pub struct BackupSettings {
    /// The folder the server writes a copy of the database into, every BACKUP_EVERY (the first
    /// at start when the last is older). Unset: the server makes no copies.
    #[arg(long, env = "BACKUP_DIR", global = true)]
    pub backup_dir: Option<std::path::PathBuf>,
    /// How often a copy is made ("24h", "6h"; from 1 minute to 31 days).
    #[arg(long, env = "BACKUP_EVERY", default_value = "24h", global = true,
          value_parser = backup_interval)]
    pub backup_every: jiff::SignedDuration,
    /// How many days keep their newest copy.
    #[arg(long, env = "BACKUP_KEEP_DAILY", default_value_t = 7, global = true)]
    pub backup_keep_daily: usize,
    /// How many weeks (Monday to Sunday) keep their newest copy, besides the daily ones.
    #[arg(long, env = "BACKUP_KEEP_WEEKLY", default_value_t = 4, global = true)]
    pub backup_keep_weekly: usize,
}

impl Default for BackupSettings {
    fn default() -> Self {
        Self {
            backup_dir: None,
            backup_every: jiff::SignedDuration::from_hours(24),
            backup_keep_daily: 7,
            backup_keep_weekly: 4,
        }
    }
}

fn metrics_token(text: &str) -> Result<String, String> {
    if text.chars().count() >= 16 && text.chars().all(|c| c.is_ascii_graphic()) {
        Ok(text.to_owned())
    } else {
        Err("at least 16 printable ASCII characters, no spaces".into())
    }
}

fn backup_interval(text: &str) -> Result<jiff::SignedDuration, String> {
    let every: jiff::SignedDuration = text.parse().map_err(|e| format!("{e}"))?;
    let range = jiff::SignedDuration::from_mins(1)..=jiff::SignedDuration::from_hours(31 * 24);
    if range.contains(&every) {
        Ok(every)
    } else {
        Err("from 1 minute to 31 days".into())
    }
}

/// How mail leaves: without `SMTP_URL`, it does not (messages wait in the outbox).
#[derive(Args, Debug, Clone)]
pub struct MailSettings {
    /// The SMTP server: `smtp://user:pass@host:587` (STARTTLS, required), `smtps://user:pass@host:465`
    /// (TLS), `smtp://localhost:25` (a relay on this machine, plain; elsewhere plain only with
    /// `?tls=none`). Unset: no mail is sent.
    #[arg(long, env = "SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// The sender of every message: `Ida-Viru Loomeklaster <info@loomeklaster.ee>`. Needed with
    /// SMTP_URL.
    #[arg(long, env = "MAIL_FROM", global = true)]
    pub mail_from: Option<String>,
    /// The most messages sent per second (what the SMTP provider allows).
    #[arg(long, env = "MAIL_RATE", default_value_t = 10.0, global = true)]
    pub mail_rate: f64,
    /// The delay before a message is tried again after a temporary failure; each further
    /// delay is four times the last ("1m": 1, 4, 16, 64 minutes…).
    #[arg(long, env = "MAIL_RETRY_AFTER", default_value = "1m", global = true)]
    pub mail_retry_after: jiff::SignedDuration,
    /// Tries before a message that keeps failing temporarily is given up as failed.
    #[arg(long, env = "MAIL_TRIES", default_value_t = 7, global = true)]
    pub mail_tries: u32,
    /// A PEM file with the RSA private key (PKCS#1) that signs every message with DKIM, for the
    /// domain of MAIL_FROM. Unset: messages are not signed (the SMTP provider may sign them).
    #[arg(long, env = "DKIM_KEY_FILE", global = true)]
    pub dkim_key_file: Option<std::path::PathBuf>,
    /// The DKIM selector: the public key is published at `<selector>._domainkey.<domain>`.
    #[arg(
        long,
        env = "DKIM_SELECTOR",
        default_value = "loomeklaster",
        global = true
    )]
    pub dkim_selector: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            mail_from: None,
            mail_rate: 10.0,
            mail_retry_after: jiff::SignedDuration::from_mins(1),
            mail_tries: 7,
            dkim_key_file: None,
            dkim_selector: "loomeklaster".into(),
        }
    }
}

/// Where cargo-leptos lists the hashed names, beside the server binary (Leptos's default).
const HASH_FILE: &str = "hash.txt";

impl Settings {
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(self.output_name.as_str())
            .site_root(self.site_root.as_str())
            .site_pkg_dir(self.site_pkg_dir.as_str())
            .site_addr(self.site_addr)
            .reload_port(self.reload_port)
            .hash_files(self.hash_files.unwrap_or_else(|| {
                std::env::current_exe().is_ok_and(|exe| exe.with_file_name(HASH_FILE).is_file())
            }))
            .hash_file(HASH_FILE.into())
            .build()
    }

    /// Whether an empty database gets the demo data: as set, else only when the site is served
    /// on this machine (loopback) with no public URL, as in development and the embedded default.
    pub fn demo_data(&self) -> bool {
        self.demo_data
            .unwrap_or_else(|| self.public_url.is_none() && self.site_addr.ip().is_loopback())
    }

    /// Refuses settings that would serve sessions insecurely without anyone noticing: a server
    /// reachable from other machines (bound beyond loopback, or behind a proxy that sends the
    /// client's address) with no public URL would send session cookies without `Secure` and no
    /// HSTS. Setting `SECURE_COOKIES` says the choice was made on purpose.
    pub fn check_exposure(&self) -> anyhow::Result<()> {
        let reachable = !self.site_addr.ip().is_loopback() || self.client_ip_header.is_some();
        if reachable && self.public_url.is_none() && self.secure_cookies.is_none() {
            anyhow::bail!(
                "the site is reachable from other machines ({}) but PUBLIC_URL is not set, so \
                 session cookies would not be Secure and no HSTS would be sent: set PUBLIC_URL \
                 to the site's https address (e.g. PUBLIC_URL=https://loomeklaster.ee), or set \
                 SECURE_COOKIES=false to serve plain http on a private network on purpose",
                if self.client_ip_header.is_some() {
                    "CLIENT_IP_HEADER is set".to_owned()
                } else {
                    format!("listening on {}", self.site_addr)
                }
            );
        }
        Ok(())
    }

    pub fn session_policy(&self) -> app::accounts::api::auth::SessionPolicy {
        app::accounts::api::auth::SessionPolicy {
            idle: self.session_idle,
            lifetime: self.session_lifetime,
        }
    }

    /// Whether the session cookie is Secure: as set, else on unless the site is served over
    /// plain http on this machine.
    pub fn secure_cookies(&self, public_origin: &str) -> bool {
        self.secure_cookies.unwrap_or_else(|| {
            let local = ["http://localhost", "http://127.0.0.1", "http://[::1]"];
            !local.iter().any(|prefix| {
                public_origin
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
            })
        })
    }

    pub fn public_origin(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{bound}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_mean_serve_on_the_embedded_default() {
        let cli = Cli::try_parse_from(["server"]).unwrap();
        assert_eq!(cli.command, None);
        assert_eq!(cli.settings.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(cli.settings.database_url, "sqlite://data/loomeklaster.db");
        assert!(
            cli.settings.demo_data(),
            "the embedded default shows the demo data"
        );
        assert!(cli.settings.check_exposure().is_ok());
    }

    #[test]
    fn a_deployment_starts_empty_unless_asked_for_demo_data() {
        let public = Cli::try_parse_from(["server", "--public-url", "https://loomeklaster.ee"])
            .unwrap()
            .settings;
        assert!(!public.demo_data());
        let exposed = Cli::try_parse_from([
            "server",
            "--site-addr",
            "0.0.0.0:3000",
            "--public-url",
            "https://loomeklaster.ee",
        ])
        .unwrap()
        .settings;
        assert!(!exposed.demo_data());
        let asked = Cli::try_parse_from([
            "server",
            "--public-url",
            "https://x.ee",
            "--demo-data",
            "true",
        ])
        .unwrap()
        .settings;
        assert!(asked.demo_data());
    }

    #[test]
    fn a_server_reachable_from_elsewhere_without_a_public_url_refuses_to_start() {
        for arguments in [
            vec!["server", "--site-addr", "0.0.0.0:3000"],
            vec!["server", "--client-ip-header", "X-Real-IP"],
        ] {
            let settings = Cli::try_parse_from(&arguments).unwrap().settings;
            let refusal = settings.check_exposure().unwrap_err().to_string();
            assert!(refusal.contains("PUBLIC_URL"), "{arguments:?}: {refusal}");
        }
        for arguments in [
            vec![
                "server",
                "--site-addr",
                "0.0.0.0:3000",
                "--public-url",
                "https://loomeklaster.ee",
            ],
            vec![
                "server",
                "--site-addr",
                "0.0.0.0:3000",
                "--secure-cookies",
                "false",
            ],
        ] {
            let settings = Cli::try_parse_from(&arguments).unwrap().settings;
            assert!(settings.check_exposure().is_ok(), "{arguments:?}");
        }
    }

    #[test]
    fn synthetic_seeding_takes_counts_and_a_seed() {
        let cli = Cli::try_parse_from([
            "server",
            "seed-synthetic",
            "--members",
            "50",
            "--events",
            "7",
            "--seed",
            "42",
            "--anchor-date",
            "2026-11-26",
        ])
        .unwrap();
        let Some(Command::SeedSynthetic(args)) = cli.command else {
            panic!("not seed-synthetic")
        };
        assert_eq!((args.members, args.events, args.seed), (50, 7, 42));
        assert_eq!(args.anchor_date, Some(jiff::civil::date(2026, 11, 26)));
    }

    #[test]
    fn add_user_takes_an_email_and_one_of_two_roles() {
        let cli = Cli::try_parse_from([
            "server",
            "add-user",
            "--email",
            "a@b.example",
            "--role",
            "admin",
        ])
        .unwrap();
        assert_eq!(
            cli.command,
            Some(Command::AddUser(AddUserArgs {
                email: "a@b.example".into(),
                role: RoleArg::Admin
            }))
        );
        assert!(
            Cli::try_parse_from([
                "server",
                "add-user",
                "--email",
                "a@b.example",
                "--role",
                "root"
            ])
            .is_err()
        );
    }

    #[test]
    fn sessions_last_two_hours_idle_and_twelve_in_all_with_secure_cookies_beyond_localhost() {
        let settings = Cli::try_parse_from(["server"]).unwrap().settings;
        assert_eq!(settings.session_idle, jiff::SignedDuration::from_hours(2));
        assert_eq!(
            settings.session_lifetime,
            jiff::SignedDuration::from_hours(12)
        );
        assert!(!settings.secure_cookies("http://127.0.0.1:3000"));
        assert!(!settings.secure_cookies("http://localhost:3000"));
        assert!(settings.secure_cookies("https://loomeklaster.ee"));
        assert!(settings.secure_cookies("http://loomeklaster.ee"));
        assert!(settings.secure_cookies("http://localhost.evil.example"));
        let forced = Cli::try_parse_from(["server", "--secure-cookies", "true"])
            .unwrap()
            .settings;
        assert!(forced.secure_cookies("http://127.0.0.1:3000"));
        let short = Cli::try_parse_from(["server", "--session-idle", "30m"])
            .unwrap()
            .settings;
        assert_eq!(short.session_idle, jiff::SignedDuration::from_mins(30));
    }

    #[test]
    fn settings_can_follow_the_subcommand() {
        let cli = Cli::try_parse_from(["server", "migrate", "--database-url", "sqlite::memory:"])
            .unwrap();
        assert_eq!(cli.command, Some(Command::Migrate));
        assert_eq!(cli.settings.database_url, "sqlite::memory:");
    }
}
