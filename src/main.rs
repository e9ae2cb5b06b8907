//! The server binary: configuration, telemetry, then `serve` or an admin command.

/// mimalloc: cheaper small allocations than glibc's malloc on the request path, and Argon2's
/// 19 MiB blocks go back to the system after a sign-in burst instead of staying resident in
/// per-thread arenas (RSS after 50 sign-ins: 423 MB with glibc; see benches/RESULTS.md).
#[cfg(feature = "ssr")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use clap::Parser;
    use taskpilot::server::{cli, config::Config, telemetry};

    // A missing .env is normal; a broken one is worth saying.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("warning: .env could not be read: {e}");
        }
    }
    let args = cli::Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(problems) => {
            for problem in problems {
                eprintln!("configuration error: {problem}");
            }
            return std::process::ExitCode::from(2);
        }
    };
    telemetry::init(config.log_json);

    let result = match args.command {
        None | Some(cli::Command::Serve) => serve(config).await,
        Some(command) => cli::run(&config, command).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "ssr")]
async fn serve(config: taskpilot::server::config::Config) -> anyhow::Result<()> {
    use taskpilot::server::startup::{shutdown_signal, Application};

    let mut leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| anyhow::anyhow!("leptos configuration: {e}"))?
        .leptos_options;
    leptos_options.site_addr = config.site_addr;
    let app = Application::build(config, leptos_options).await?;
    tracing::info!("listening on http://{}", app.local_addr()?);
    app.run_until(shutdown_signal()).await
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser bundle starts from `lib.rs::hydrate`.
}
