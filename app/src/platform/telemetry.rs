//! Structured logs: `RUST_LOG` filters, one line per request, as text or JSON, each request's
//! lines carrying its request id.

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

use super::settings::LogFormat;

/// What the server logs when `RUST_LOG` says nothing.
const DEFAULT_FILTER: &str = "info,sqlx=warn,tower_sessions=warn";

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let _ = tracing::subscriber::set_global_default(subscriber(format, filter, std::io::stdout));
}

/// The logs as `format` writes them to `writer`, through `filter`.
pub fn subscriber<W>(format: LogFormat, filter: EnvFilter, writer: W) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_writer(writer);
    match format {
        LogFormat::Text => Box::new(logs.finish()),
        LogFormat::Json => Box::new(logs.json().flatten_event(true).finish()),
    }
}
