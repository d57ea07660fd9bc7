//! Who is signed in: the session says which user and epoch; the database says whether it holds.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use leptos::prelude::use_context;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use tower_sessions::Session;

use super::model::{Actor, CurrentUser};
use super::queries;
use crate::error::AppError;
use crate::ids::UserId;

const KEY: &str = "auth";

#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct SessionUser {
    pub user_id: UserId,
    pub epoch: i32,
}

pub fn pool() -> Result<PgPool, AppError> {
    use_context::<PgPool>().ok_or_else(|| AppError::internal("no database pool in this context"))
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(AppError::internal)
}

/// The client's address, for throttling; "unknown" when the server was not told it.
pub async fn client_address() -> String {
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// Starts a fresh session for `user`: a new id, so a planted session id is worthless.
pub async fn begin(session: &Session, user: SessionUser) -> Result<(), AppError> {
    session.cycle_id().await.map_err(AppError::internal)?;
    session.insert(KEY, user).await.map_err(AppError::internal)
}

pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(AppError::internal)
}

/// The signed-in user, or `None`. A session of a deactivated user, or one from before the
/// user's sessions were ended, is removed on the spot.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    user_of(&pool()?, &session().await?).await
}

/// The user a session belongs to, for handlers outside server functions too.
pub async fn user_of(pool: &PgPool, session: &Session) -> Result<Option<CurrentUser>, AppError> {
    let Some(stored) = session.get::<SessionUser>(KEY).await.map_err(AppError::internal)? else {
        return Ok(None);
    };
    let user = queries::current_user(pool, stored.user_id, stored.epoch).await?;
    if user.is_none() {
        end(session).await?;
    }
    Ok(user)
}

/// Whether the session with this id still signs its user in: it exists, and its user is active
/// and has not had their sessions ended since.
pub async fn still_signed_in(pool: &PgPool, id: tower_sessions::session::Id) -> Result<bool, AppError> {
    use tower_sessions::SessionStore;
    let store = tower_sessions_sqlx_store::PostgresStore::new(pool.clone());
    let Some(record) = store.load(&id).await.map_err(AppError::internal)? else { return Ok(false) };
    let Some(value) = record.data.get(KEY) else { return Ok(false) };
    let stored = match serde_json::from_value::<SessionUser>(value.clone()) {
        Ok(stored) => stored,
        Err(err) => {
            tracing::warn!(error = %err, "a session's user cannot be read; it signs nobody in");
            return Ok(false);
        }
    };
    Ok(queries::current_user(pool, stored.user_id, stored.epoch).await?.is_some())
}

/// The first line of every server function that needs a signed-in user.
pub async fn require_user() -> Result<Actor, AppError> {
    current_user().await?.map(|user| user.actor).ok_or(AppError::Unauthenticated)
}
