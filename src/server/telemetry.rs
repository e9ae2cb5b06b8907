//! Structured logs through `tracing`; `RUST_LOG` picks the level, `LOG_FORMAT=json` the format.
use tracing_subscriber::{fmt, EnvFilter};

pub fn init(json: bool) {
    // (a cookie of a session ended elsewhere, “Sign out everywhere”, is an ordinary request: its
    // session layer's "possibly suspicious activity" warning is left out)
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_sessions=warn,tower_sessions_core::session=error")
    });
    // stderr: stdout is the protocol channel of `taskpilot mcp`, and the output of admin commands
    let builder = fmt()
        .with_env_filter(filter)
        .with_target(true)
        .with_writer(std::io::stderr);
    // A second init (tests start several apps in one process) is harmless, so its error is ignored.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
