//! `/healthz`: 200 when the database answers and the live events' listener listens, 503
//! when either does not: an instance that is not listening yet would miss events.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use sqlx::PgPool;

use crate::realtime::Hub;

pub async fn healthz(State(pool): State<PgPool>, State(hub): State<Hub>) -> (StatusCode, &'static str) {
    if !hub.is_listening() {
        return (StatusCode::SERVICE_UNAVAILABLE, "not yet listening to live events");
    }
    let ping = super::queries::ping(&pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok"),
        Ok(Err(err)) => {
            tracing::error!(error = %err, "health check: the database refused");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::error!("health check: the database did not answer within 2 s");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
