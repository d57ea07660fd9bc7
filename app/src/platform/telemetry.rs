//! Structured logs: `RUST_LOG` filters, one line per request, as text or JSON, each request's
//! lines carrying its request id.

use tracing_subscriber::EnvFilter;

use super::settings::LogFormat;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let _ = match format {
        LogFormat::Text => logs.try_init(),
        LogFormat::Json => logs.json().flatten_event(true).try_init(),
    };
}
