//! Building and running the application: database, migrations, state, router, listener, and a
//! graceful shutdown. `main` and the integration tests start the server the same way.
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use super::config::Config;
use super::state::AppState;
use super::{auth, db, repo, router};

pub struct Application {
    listener: TcpListener,
    state: AppState,
    stop: tokio::sync::watch::Sender<bool>,
}

impl Application {
    /// Opens the database, applies pending migrations and binds the listener (port 0 picks a
    /// free one).
    pub async fn build(config: Config, leptos_options: LeptosOptions) -> anyhow::Result<Self> {
        super::assets::check(&leptos_options)?;
        let db = db::connect(&config).await?;
        db::migrate_up(&db)
            .await
            .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))?;
        if !config.site_addr.ip().is_loopback() && config.public_origin.is_none() {
            tracing::warn!(
                addr = %config.site_addr,
                "listening beyond loopback without PUBLIC_URL: the cross-site check trusts the Host \
                 header, and cookies are not Secure; set PUBLIC_URL to the address people use"
            );
        }
        let listener = TcpListener::bind(config.site_addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.site_addr))?;
        let hashing = auth::password::PasswordWorkers::start(config.argon2_max_parallel)
            .map_err(|e| anyhow::anyhow!("cannot start the password hashing threads: {e}"))?;
        let db = repo::Db::new(db, db::sqlite_reader(&config)).with_quotas(config.quotas);
        let quotas = super::quotas::Quotas::new(config.quotas);
        let list_cache = Arc::new(super::list_cache::ListCache::new(config.list_cache_mb));
        let row_cache = Arc::new(super::row_cache::RowCache::new(config.row_cache_mb));
        let page_cache = Arc::new(super::page_cache::PageCache::new(config.page_cache_mb));
        let ai_http = crate::server::assistant::provider::http_client(&config.ai)
            .map_err(|e| anyhow::anyhow!("cannot build the model provider's HTTP client: {e}"))?;
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let state = AppState {
            stopping,
            streams: Arc::new(super::events::Streams::default()),
            quotas,
            ai_http,
            list_cache,
            row_cache,
            page_cache,
            db,
            config: Arc::new(config),
            leptos_options,
            hashing,
        };
        Ok(Self { listener, state, stop })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn db(&self) -> &DatabaseConnection {
        self.state.db.connection()
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let Self { listener, state, stop } = self;
        let shutdown = async move {
            shutdown.await;
            // the event streams end now; the requests in flight finish
            stop.send_replace(true);
        };
        tokio::task::spawn_blocking(auth::password::warm_up);
        let sweeper = tokio::spawn(sweep_expired(state.db.connection().clone()));
        let background = start_background(&state)?;
        let app = router::build(state.clone());
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await?;
        sweeper.abort();
        for task in background {
            task.abort();
        }
        state.db.connection().clone().close().await.ok();
        Ok(())
    }
}

/// The change listener (PostgreSQL), the reminder scheduler and the mailer of this instance.
fn start_background(state: &AppState) -> anyhow::Result<Vec<tokio::task::JoinHandle<()>>> {
    let mut tasks = Vec::new();
    let db = &state.db;
    if sea_orm::ConnectionTrait::get_database_backend(db.connection()) == sea_orm::DbBackend::Postgres {
        let pool = db.connection().get_postgres_connection_pool().clone();
        tasks.push(tokio::spawn(super::events::listen(pool, db.events().clone())));
    }
    let wake = match &state.config.smtp {
        Some(smtp) => {
            let mailer = super::mailer::Mailer::new(smtp)?;
            let wake = Arc::new(tokio::sync::Notify::new());
            tasks.push(tokio::spawn(mailer.run(db.clone(), Arc::clone(&wake))));
            Some(wake)
        }
        None => None,
    };
    if state.config.scheduler {
        tasks.push(tokio::spawn(super::scheduler::run(
            db.clone(),
            wake,
            state.config.public_origin.clone(),
        )));
    }
    Ok(tasks)
}

/// Deletes expired sessions, old rate-limit windows, old deleted tasks and expired OAuth codes
/// and tokens every ten minutes.
async fn sweep_expired(db: DatabaseConnection) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(e) = repo::sessions::delete_expired(&db).await {
            tracing::warn!(error = %e, "could not delete expired sessions");
        }
        // windows are read back one window late (sliding), so keep two days of them
        let two_days_ago = super::now_millis() - 2 * 86_400_000;
        if let Err(e) = repo::rate_limits::delete_older_than(&db, two_days_ago).await {
            tracing::warn!(error = %e, "could not delete old rate-limit windows");
        }
        if let Err(e) = repo::tasks::sweep_trash(&db).await {
            tracing::warn!(error = %e, "could not forget old deleted tasks");
        }
        if let Err(e) = repo::oauth::sweep(&db).await {
            tracing::warn!(error = %e, "could not forget expired OAuth codes and tokens");
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
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
