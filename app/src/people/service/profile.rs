use sqlx::PgPool;

use crate::auth::Actor;
use crate::error::AppError;
use crate::org::short_text;
use crate::people::model::{ProfileForm, AVATAR_PRESETS, UPLOAD_PREFIX};
use crate::people::queries;

pub async fn update_profile(pool: &PgPool, actor: &Actor, form: ProfileForm) -> Result<(), AppError> {
    let first = short_text("first_name", "The first name", &form.first_name, 80)?;
    let last = short_text("last_name", "The last name", &form.last_name, 80)?;
    let current = queries::avatar(pool, actor.id).await?;
    let avatar = match form.avatar.trim() {
        "" => None,
        preset if AVATAR_PRESETS.contains(&preset) => Some(preset),
        // Keeping one's own uploaded picture; another person's file name is refused.
        upload if upload.starts_with(UPLOAD_PREFIX) && current.as_deref() == Some(upload) => Some(upload),
        _ => return Err(AppError::validation("avatar", "Choose one of the offered pictures.")),
    };
    queries::set_profile(pool, actor.id, &first, &last, avatar, form.email_notifications.is_some()).await
}
