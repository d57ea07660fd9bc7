//! Uploading a picture (a person's, or a group's), and serving uploaded pictures to the same
//! organisation.

use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use object_store::path::Path as StorePath;
use object_store::PutPayload;
use sqlx::PgPool;
use tower_sessions::Session;

use super::queries;
use crate::auth::session::user_of;
use crate::platform::files::Files;

pub const MAX_BYTES: usize = 2 * 1024 * 1024;
use super::model::UPLOAD_PREFIX as PREFIX;

/// The image kind, from the file's first bytes; the name and declared type are not trusted.
pub fn image_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some(("png", "image/png")),
        [0xFF, 0xD8, 0xFF, ..] => Some(("jpg", "image/jpeg")),
        [b'G', b'I', b'F', b'8', ..] => Some(("gif", "image/gif")),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(("webp", "image/webp")),
        _ => None,
    }
}

/// `POST /profile/avatar` (multipart, field `avatar`): answers with a redirect back to the
/// profile, carrying `?avatar=saved` or `?avatar_error=...`, so it works as a plain form.
pub async fn upload(State(pool): State<PgPool>, State(files): State<Files>, session: Session, mut form: Multipart) -> Response {
    let Ok(Some(user)) = user_of(&pool, &session).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let stored = match store_picture(&files, &mut form).await {
        Ok(stored) => stored,
        Err(reason) => return back_to("/profile", Err(reason)),
    };
    // A database error was logged where it arose.
    match queries::set_avatar(&pool, user.actor.id, &stored).await {
        Ok(()) => back_to("/profile", Ok(())),
        Err(_) => back_to("/profile", Err("The picture could not be saved. Please try again.")),
    }
}

/// Stores the picture of the form's `avatar` field and answers with the value that shows it
/// (`upload:` and its name), or with why it was refused, in words for the person.
pub async fn store_picture(files: &Files, form: &mut Multipart) -> Result<String, &'static str> {
    let bytes = read_field(form).await?;
    let (ext, _) = image_kind(&bytes).ok_or("Choose a PNG, JPEG, GIF or WebP picture.")?;
    let name = format!("{}.{ext}", uuid::Uuid::now_v7());
    if let Err(err) = files.put(&StorePath::from(format!("avatars/{name}")), PutPayload::from(bytes)).await {
        tracing::error!(error = %err, "uploaded picture could not be stored");
        return Err("The picture could not be stored. Please try again.");
    }
    Ok(format!("{PREFIX}{name}"))
}

async fn read_field(form: &mut Multipart) -> Result<bytes::Bytes, &'static str> {
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() != Some("avatar") {
            continue;
        }
        let bytes = field.bytes().await.map_err(|err| {
            tracing::info!(error = %err, "an uploaded picture could not be read");
            "The picture is larger than 2 MB."
        })?;
        if bytes.is_empty() {
            return Err("Choose a picture first.");
        }
        if bytes.len() > MAX_BYTES {
            return Err("The picture is larger than 2 MB.");
        }
        return Ok(bytes);
    }
    Err("Choose a picture first.")
}

/// Back to the page of the upload form, saying how it went: `?avatar=saved`, or
/// `?avatar_error=` and why not.
pub fn back_to(page: &str, outcome: Result<(), &str>) -> Response {
    let pair = match outcome {
        Ok(()) => ("avatar", "saved"),
        Err(reason) => ("avatar_error", reason),
    };
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs([pair]).finish();
    Redirect::to(&format!("{page}?{query}")).into_response()
}

/// `GET /avatars/uploads/:name`: only to signed-in people of the picture owner's organisation.
pub async fn serve(State(pool): State<PgPool>, State(files): State<Files>, session: Session, Path(name): Path<String>) -> Response {
    let Ok(Some(viewer)) = user_of(&pool, &session).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    // A database error was logged where it arose, and answers like a picture of another organisation.
    let owned = queries::avatar_in_org(&pool, viewer.actor.org_id, &format!("{PREFIX}{name}")).await;
    if !matches!(owned, Ok(true)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let stored = match files.get(&StorePath::from(format!("avatars/{name}"))).await {
        Ok(stored) => stored.bytes().await,
        Err(err) => Err(err),
    };
    let bytes = match stored {
        Ok(bytes) => bytes,
        Err(err) => {
            // Someone shows this picture, so its file should be there.
            tracing::error!(error = %err, avatar = %name, "uploaded avatar could not be read");
            return StatusCode::NOT_FOUND.into_response();
        }
    };
    let content_type = image_kind(&bytes).map(|(_, mime)| mime).unwrap_or("application/octet-stream");
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, "attachment"),
            (header::CACHE_CONTROL, "private, max-age=86400"),
        ],
        Body::from(bytes),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_first_bytes() {
        assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n...").map(|k| k.0), Some("png"));
        assert_eq!(image_kind(b"\xFF\xD8\xFF\xE0").map(|k| k.0), Some("jpg"));
        assert_eq!(image_kind(b"RIFF1234WEBPVP8 ").map(|k| k.0), Some("webp"));
        assert_eq!(image_kind(b"<svg onload=alert(1)>"), None);
        assert_eq!(image_kind(b"<html>"), None);
    }
}
