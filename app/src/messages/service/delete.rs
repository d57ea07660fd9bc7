use sqlx::{PgConnection, PgPool};

use crate::auth::Actor;
use crate::conversations::{self, policy};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::queries;
use crate::realtime::Notice;

/// Deletes a message for everyone, and a post with its thread: its author, or an admin of the
/// organisation who is a member.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %conversation, message = %message))]
pub async fn delete(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    conversations::access(&mut tx, actor, conversation).await?;
    let author = queries::author_of(&mut tx, conversation, message).await?;
    policy::can_delete_message(actor, author == actor.id)?;
    let deleted = queries::soft_delete(&mut tx, conversation, message).await?;
    if !deleted.is_empty() {
        crate::inbox_state::after_delete(&mut tx, conversation, &deleted).await?;
        crate::realtime::notify(&mut tx, &[Notice::deleted(conversation, message)]).await?;
    }
    Ok(tx.commit().await?)
}

/// Deletes for everyone all that `author` wrote in the conversation and the threads they
/// started, in the caller's transaction: for a participant who leaves a group, or is removed
/// from it with their messages.
pub async fn delete_all_by(conn: &mut PgConnection, conversation: ConversationId, author: UserId) -> Result<(), AppError> {
    let deleted = queries::soft_delete_by(conn, conversation, author).await?;
    if !deleted.is_empty() {
        crate::inbox_state::after_delete(conn, conversation, &deleted).await?;
        let notices: Vec<Notice> = deleted.iter().map(|gone| Notice::deleted(conversation, gone.id)).collect();
        crate::realtime::notify(conn, &notices).await?;
    }
    Ok(())
}
