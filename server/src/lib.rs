//! The server: settings, start-up, seeding and the HTTP router around the Leptos app.
// The app's page views are deeply nested types, and their futures are laid out here, where
// the router renders them (the coordinator's event table needs more than the default 128).
#![recursion_limit = "256"]

pub mod accounts;
pub mod backup;
pub mod bench;
pub mod conditional;
pub mod config;
pub mod directory_files;
pub mod exports;
pub mod feeds;
pub mod language;
pub mod mailer;
pub mod metrics;
pub mod newsletter;
pub mod page_cache;
pub mod security;
pub mod seed;
pub mod sessions;
pub mod startup;

use anyhow::Context;
use config::{Command, Settings, SyntheticArgs};

/// Runs one subcommand of the `server` binary.
pub async fn run(settings: Settings, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let application = startup::Application::build(&settings).await?;
            tracing::info!("serving on http://{}", application.local_addr());
            application.run_until(shutdown_signal()).await
        }
        Command::Migrate => {
            startup::open_database(&settings.database_url, settings.database_connections)
                .await?
                .close()
                .await;
            tracing::info!("the database is migrated");
            Ok(())
        }
        Command::SeedDemo => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let added = seed::demo::seed_if_empty(&pool)
                .await
                .context("adding the demo data")?;
            if !added {
                tracing::warn!("the database already has data: demo data not added");
            }
            pool.close().await;
            Ok(())
        }
        Command::SeedSynthetic(SyntheticArgs {
            members,
            events,
            calls,
            seed,
            anchor_date,
        }) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let anchor = anchor_date.unwrap_or_else(seed::today_in_tallinn);
            let mut generated = seed::synthetic::generate(members, events, seed, anchor);
            generated.calls = seed::synthetic::calls(calls, seed, anchor);
            seed::synthetic::insert(&pool, &generated)
                .await
                .context("adding the synthetic data (nothing was added)")?;
            tracing::info!(members, events, calls, seed, %anchor, "added synthetic data");
            pool.close().await;
            Ok(())
        }
        Command::AddUser(args) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let typed = accounts::read_password(std::io::stdin())?;
            let outcome = accounts::add_user(&pool, &args, &typed).await;
            pool.close().await;
            let added = outcome?;
            match added.generated_password {
                Some(password) => println!(
                    "Added {} ({}). Its password, shown only this once:\n{password}",
                    added.email, added.role
                ),
                None => println!("Added {} ({}).", added.email, added.role),
            }
            Ok(())
        }
        Command::BenchSearch(args) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let outcome = bench::run(&pool, &args).await;
            pool.close().await;
            outcome
        }
        Command::ExportDirectory(args) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let outcome = directory_files::export(&pool, &args).await;
            pool.close().await;
            outcome
        }
        Command::ImportDirectory(args) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let outcome = directory_files::import(&pool, &args).await;
            pool.close().await;
            outcome
        }
        Command::BenchNewsletter(args) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let outcome = bench::newsletter(&pool, &args).await;
            pool.close().await;
            outcome
        }
        Command::BenchCertificate(args) => bench::certificate(&args),
        Command::BenchReport(args) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let outcome = bench::report(&pool, &args).await;
            pool.close().await;
            outcome
        }
        Command::Backup(args) => {
            let pool =
                startup::open_database(&settings.database_url, settings.database_connections)
                    .await?;
            let outcome = backup::back_up(&pool, &args.file).await;
            pool.close().await;
            let copy = outcome?;
            println!(
                "Wrote {} ({} bytes) in {:.2} s, checked.",
                copy.file.display(),
                copy.bytes,
                copy.took.as_secs_f64()
            );
            Ok(())
        }
        Command::Restore(args) => {
            let started = std::time::Instant::now();
            match backup::restore(&settings.database_url, &args.file).await? {
                Some(kept) => println!(
                    "Restored {} in {:.2} s; the replaced database is kept as {}.",
                    args.file.display(),
                    started.elapsed().as_secs_f64(),
                    kept.display()
                ),
                None => println!("Restored {}.", args.file.display()),
            }
            Ok(())
        }
        Command::SendTestMail(args) => {
            let mailer = mailer::Mailer::new(&settings.mail)?
                .context("SMTP_URL is not set: there is no mail server to send with")?;
            mailer.send_test(&args.to).await?;
            println!("sent a test message to {}", args.to);
            Ok(())
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// A failed download or feed as its status, the cause logged (`AppError` logs a database error
/// with its line as it converts): 503 while the database is busy, else 500.
pub(crate) fn failure(error: impl Into<app::error::AppError>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let error: app::error::AppError = error.into();
    axum::http::StatusCode::from_u16(error.status_code())
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
        .into_response()
}
