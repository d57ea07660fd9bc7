//! Server-side sessions in PostgreSQL behind an HttpOnly, SameSite=Lax cookie.

use std::time::Duration as StdDuration;

use sqlx::PgPool;
use time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

pub const COOKIE_NAME: &str = "confer_session";

pub async fn layer(pool: &PgPool, secure: bool) -> Result<SessionManagerLayer<PostgresStore>, sqlx::Error> {
    let store = PostgresStore::new(pool.clone());
    store.migrate().await?;
    tokio::spawn(store.clone().continuously_delete_expired(StdDuration::from_secs(3600)));
    Ok(SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(Duration::days(14))))
}
