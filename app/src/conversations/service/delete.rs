use sqlx::PgPool;

use super::access;
use crate::auth::Actor;
use crate::conversations::policy::can_delete_chat;
use crate::error::AppError;
use crate::ids::ConversationId;

/// Removes the chat from the actor's inbox and history; a new message brings it back.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn delete_for_me(pool: &PgPool, actor: &Actor, id: ConversationId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    can_delete_chat(&access(&mut tx, actor, id).await?)?;
    crate::inbox_state::after_clear(&mut tx, id, actor.id).await?;
    crate::realtime::notify(&mut tx, &[crate::realtime::Notice::changed_for(id, actor.id)]).await?;
    Ok(tx.commit().await?)
}
