use clap::Parser;
use server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates and frees many small strings on every worker thread; glibc's
// allocator spent a fifth of the directory page's time on them (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    // Lines for people by default; LOG_FORMAT=json for a log collector: one JSON object a line,
    // with the fields of the request's span (its id, method and path).
    match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_env_filter(filter)
            .init(),
        Ok("text") | Err(_) => tracing_subscriber::fmt().with_env_filter(filter).init(),
        Ok(other) => anyhow::bail!("LOG_FORMAT is \"{other}\": use text or json"),
    }
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let outcome = runtime.block_on(server::run(
        cli.settings,
        cli.command.unwrap_or(Command::Serve),
    ));
    // A task still running after the server has stopped (given up on at shutdown) must not
    // keep the process alive.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    outcome
}
