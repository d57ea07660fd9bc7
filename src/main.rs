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
    let settings = match Settings::from_env() {
        Ok(settings) => Arc::new(settings),
        Err(err) => {
            eprintln!("confer: {err}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(settings.log_format);
    match run(settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("confer: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(settings: Arc<Settings>) -> Result<(), Box<dyn std::error::Error>> {
    let mut leptos_options = app::platform::delivery::with_hashed_names(get_configuration(None)?.leptos_options);
    leptos_options.site_addr = settings.addr;

    let db = Database::open(&settings).await?;
    if db.is_embedded() {
        tracing::info!(data_dir = %settings.data_dir.display(), "using the embedded PostgreSQL cluster");
    }
    let served = serve(&settings, leptos_options, &db).await;
    db.close().await?;
    served
}

async fn serve(
    settings: &Arc<Settings>,
    leptos_options: leptos::config::LeptosOptions,
    db: &Database,
) -> Result<(), Box<dyn std::error::Error>> {
    database::migrate(&db.pool).await?;
    let sessions = sessions::layer(&db.pool, settings.secure_cookies).await?;
    if settings.seed_demo {
        if let Some(logins) = app::demo::seed_if_empty(&db.pool).await? {
            print_demo_logins(settings, &logins);
        }
    }
    let hub = app::realtime::Hub::new();
    hub.spawn_listener(db.pool.clone());
    app::notifications::worker::spawn(db.pool.clone(), settings.mailer()?, settings.email());
    let files = app::platform::files::local(&settings.data_dir)?;
    let state = AppState { leptos_options, pool: db.pool.clone(), settings: settings.clone(), hub: hub.clone(), files };
    let listener = tokio::net::TcpListener::bind(settings.addr).await?;
    tracing::info!("Confer is listening on http://{}", listener.local_addr()?);
    let service = router::build(state, sessions).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            hub.close();
        })
        .await?;
    tracing::info!("shutting down");
    Ok(())
}

fn print_demo_logins(settings: &Settings, logins: &app::demo::DemoLogins) {
    println!("\nA demo organisation was created. Sign in at http://{} with:", settings.addr);
    for (role, email) in &logins.accounts {
        println!("  {role:<11} {email}");
    }
    println!("  password    {}\n", app::demo::PASSWORD);
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate.recv() => {},
    }
}
