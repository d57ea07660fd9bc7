use sqlx::PgPool;

use crate::auth::Actor;
use crate::conversations::{self, Seen};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId};
use crate::messages::queries;
use crate::realtime::Notice;

#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %conversation))]
pub async fn mark_read(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    conversations::access(&mut tx, actor, conversation).await?;
    if crate::inbox_state::after_read(&mut tx, conversation, actor.id, message).await? {
        crate::realtime::notify(&mut tx, &[Notice::read(conversation, actor.id, message)]).await?;
    }
    Ok(tx.commit().await?)
}

pub async fn seen_by(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId) -> Result<Vec<Seen>, AppError> {
    let mut conn = pool.acquire().await?;
    conversations::access(&mut conn, actor, conversation).await?;
    let rows = queries::seen_by(&mut conn, conversation, message).await?;
    Ok(rows.into_iter().map(|row| Seen { name: row.name, at: crate::messages::rfc3339(row.at) }).collect())
}
