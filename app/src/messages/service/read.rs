use sqlx::PgPool;

use crate::auth::Actor;
use crate::conversations::naming::Viewer;
use crate::conversations::{self, Seen};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, StreamId, UserId};
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

/// Marks what arrived in conversations their readers watch as read, a burst's worth in one
/// transaction, each with its receipt. Several member rows are written, so the conversations
/// are locked first, as every such writer does; sends into them then never deadlock with it.
pub async fn read_on_delivery(pool: &PgPool, reads: &[(UserId, ConversationId, MessageId)]) -> Result<(), AppError> {
    if reads.is_empty() {
        return Ok(());
    }
    let mut conversations: Vec<ConversationId> = reads.iter().map(|&(_, conversation, _)| conversation).collect();
    conversations.sort_unstable();
    conversations.dedup();
    let mut tx = pool.begin().await?;
    crate::inbox_state::lock(&mut tx, &conversations).await?;
    let mut notices = Vec::with_capacity(reads.len());
    for &(reader, conversation, message) in reads {
        if crate::inbox_state::after_read(&mut tx, conversation, reader, message).await? {
            notices.push(Notice::read(conversation, reader, message));
        }
    }
    crate::realtime::notify(&mut tx, &notices).await?;
    Ok(tx.commit().await?)
}

/// Tells the instances which conversation the actor's `stream` watches (`None`: none): what
/// arrives there is then read as it arrives. Only a member may watch. The watcher's pages then
/// get the conversation's inbox row as it is now: the page that opened the conversation may
/// have been rendered before its opening was recorded as reading.
pub async fn watch(pool: &PgPool, actor: &Actor, stream: StreamId, conversation: Option<ConversationId>) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    let mut notices = vec![Notice::watching(actor.id, stream, conversation)];
    if let Some(conversation) = conversation {
        conversations::access(&mut conn, actor, conversation).await?;
        notices.push(Notice::changed_for(conversation, actor.id));
    }
    crate::realtime::notify(&mut conn, &notices).await
}

pub async fn seen_by(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId) -> Result<Vec<Seen>, AppError> {
    let mut conn = pool.acquire().await?;
    let naming = conversations::access(&mut conn, actor, conversation).await?.naming;
    let viewer = Viewer { id: actor.id, role: actor.role };
    let rows = queries::seen_by(&mut conn, conversation, message).await?;
    Ok(rows
        .into_iter()
        .map(|row| Seen { name: naming.name(viewer, row.user, &row.first_name, &row.last_name), at: crate::messages::rfc3339(row.at) })
        .collect())
}
