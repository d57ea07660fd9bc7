//! `POST /messages/:id/photo` (multipart, field `avatar`): a group's managers upload its photo
//! from its settings, as a plain form, and come back to them told how it went.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;
use tower_sessions::Session;

use super::service;
use crate::auth::session::user_of;
use crate::ids::ConversationId;
use crate::people::avatar_upload::{back_to, store_picture};
use crate::platform::files::Files;

pub async fn upload(
    State(pool): State<PgPool>,
    State(files): State<Files>,
    session: Session,
    Path(id): Path<ConversationId>,
    mut form: Multipart,
) -> Response {
    let Ok(Some(user)) = user_of(&pool, &session).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    // Refused before anything is stored: a non-member gets "not found", as everywhere.
    if let Err(err) = service::check_manage(&pool, &user.actor, id).await {
        return (StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), err.to_string()).into_response();
    }
    let settings = format!("/messages/{id}/people");
    let stored = match store_picture(&files, &mut form).await {
        Ok(stored) => stored,
        Err(reason) => return back_to(&settings, Err(reason)),
    };
    match service::set_group_photo(&pool, &user.actor, id, &stored).await {
        Ok(()) => back_to(&settings, Ok(())),
        Err(err) => back_to(&settings, Err(&err.to_string())),
    }
}
