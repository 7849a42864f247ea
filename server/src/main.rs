use clap::Parser;
use server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates and frees many small strings on every worker thread; glibc's
// allocator spent a fifth of the directory page's time on them (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")),
        )
        .init();
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
