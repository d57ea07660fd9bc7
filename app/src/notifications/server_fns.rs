use leptos::prelude::*;

use super::NotifyLevel;
#[cfg(feature = "ssr")]
use crate::auth::{require_user, session::pool};
use crate::error::AppError;
use crate::ids::ConversationId;

/// Sets how much the caller hears of a conversation; `mute_hours` mutes "every message" for
/// that long (0 or none: no mute).
#[server(endpoint = "set_notifications", output = crate::wire::Answer)]
pub async fn set_notifications(conversation: ConversationId, level: NotifyLevel, mute_hours: Option<u32>) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::set_level(&pool()?, &actor, conversation, level, mute_hours.unwrap_or(0)).await
}
