//! The Confer server: settings, logs, database, migrations, sessions, router.

use std::process::ExitCode;
use std::sync::Arc;

use app::platform::database::{self, Database};
use app::platform::router::{self, AppState};
use app::platform::settings::Settings;
use app::platform::{sessions, telemetry};
use leptos::config::get_configuration;

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("confer: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let settings = Arc::new(Settings::from_env()?);
    let mut leptos_options = get_configuration(None)?.leptos_options;
    leptos_options.site_addr = settings.addr;

    let db = Database::open(&settings).await?;
    if db.is_embedded() {
        tracing::info!(data_dir = %settings.data_dir.display(), "using the embedded PostgreSQL cluster");
    }
    let served = serve(&settings, leptos_options, &db).await;
    db.close().await?;
    served
}

async fn serve(settings: &Arc<Settings>, leptos_options: leptos::config::LeptosOptions, db: &Database) -> Result<(), Box<dyn std::error::Error>> {
    database::migrate(&db.pool).await?;
    let sessions = sessions::layer(&db.pool, settings.secure_cookies).await?;
    let state = AppState { leptos_options, pool: db.pool.clone(), settings: settings.clone() };
    let listener = tokio::net::TcpListener::bind(settings.addr).await?;
    tracing::info!("Confer is listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router::build(state, sessions)).with_graceful_shutdown(shutdown_signal()).await?;
    tracing::info!("shutting down");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate.recv() => {},
    }
}
