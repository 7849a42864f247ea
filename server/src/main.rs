use clap::Parser;
use server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates and frees many small strings on every worker thread; glibc's
// allocator spent a fifth of the directory page's time on them (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")),
        )
        .init();
    let cli = Cli::parse();
    server::run(cli.settings, cli.command.unwrap_or(Command::Serve)).await
}
