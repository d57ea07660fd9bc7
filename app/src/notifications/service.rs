//! How much a member hears of a conversation: each member sets their own.

use sqlx::{PgConnection, PgPool};

use super::{NotifyLevel, NotifySetting, MUTE_HOURS};
use crate::auth::Actor;
use crate::error::AppError;
use crate::ids::ConversationId;

/// Sets the actor's level for a conversation they are in, muted for `mute_hours` (one of
/// [`MUTE_HOURS`], or 0 for no mute).
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %conversation))]
pub async fn set_level(
    pool: &PgPool,
    actor: &Actor,
    conversation: ConversationId,
    level: NotifyLevel,
    mute_hours: u32,
) -> Result<(), AppError> {
    if mute_hours != 0 && !MUTE_HOURS.iter().any(|(hours, _)| *hours == mute_hours) {
        return Err(AppError::validation("mute_hours", "Choose one of the mutes offered."));
    }
    let mut conn = pool.acquire().await?;
    crate::conversations::service::access(&mut conn, actor, conversation).await?;
    super::queries::set_level(&mut conn, conversation, actor.id, level, mute_hours).await
}

/// The member's setting, for the conversation's settings.
pub async fn setting(conn: &mut PgConnection, actor: &Actor, conversation: ConversationId) -> Result<NotifySetting, AppError> {
    let (level, muted_until) = super::queries::level(conn, conversation, actor.id).await?;
    Ok(NotifySetting { level, muted_until: muted_until.map(crate::messages::rfc3339) })
}
