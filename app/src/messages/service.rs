use sqlx::{PgConnection, PgPool};

use super::body::MessageBody;
use super::model::{MessageContext, MessagePage, MessageView, Outgoing};
use super::queries::{self, NewMessage};
use crate::auth::Actor;
use crate::conversations::{self, policy};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId};

pub const PAGE_SIZE: i64 = 50;

/// Sends a message: idempotent by the client's id, all writes (message, read pointers,
/// email outbox) in one transaction, the event published by that transaction's commit.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %input.conversation))]
pub async fn send(pool: &PgPool, actor: &Actor, input: Outgoing, context: Option<MessageContext>) -> Result<MessageView, AppError> {
    let mut tx = pool.begin().await?;
    conversations::access(&mut tx, actor, input.conversation).await?;
    if let Some((existing, conversation)) = queries::by_client_id(&mut tx, actor.id, input.client_id).await? {
        return if conversation == input.conversation { Ok(existing) } else { Err(AppError::Conflict("That message id is taken.".into())) };
    }
    let body = MessageBody::parse(&input.body)?;
    let html = body.to_html();
    let new = NewMessage {
        org: actor.org_id,
        conversation: input.conversation,
        author: actor.id,
        client_id: input.client_id,
        body: body.as_str(),
        html: &html,
        context: context.as_ref(),
    };
    let Some(id) = queries::insert(&mut tx, &new).await? else {
        // A concurrent retry of the same message committed first: answer with it.
        drop(tx);
        let mut conn = pool.acquire().await?;
        return queries::by_client_id(&mut conn, actor.id, input.client_id).await?.map(|(m, _)| m).ok_or(AppError::Internal);
    };
    queries::after_send(&mut tx, &[id], actor.id).await?;
    crate::notifications::outbox::enqueue(&mut tx, &[input.conversation], actor.id).await?;
    queries::notify(&mut tx, &[input.conversation], "message").await?;
    let view = queries::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// One message from the actor in each of `conversations`, in the caller's transaction, with
/// everything a send does: read pointers, unread counts, previews, emails and live events.
/// Set-based: the same few statements for one conversation or ten thousand.
pub async fn send_to_each(conn: &mut PgConnection, actor: &Actor, conversations: &[ConversationId], body: &MessageBody) -> Result<(), AppError> {
    let ids = queries::insert_each(conn, actor.org_id, actor.id, conversations, body.as_str(), &body.to_html()).await?;
    queries::after_send(conn, &ids, actor.id).await?;
    crate::notifications::outbox::enqueue(conn, conversations, actor.id).await?;
    queries::notify(conn, conversations, "message").await
}

/// A page of the conversation by keyset, oldest first, with where the viewer stopped reading.
pub async fn page(pool: &PgPool, actor: &Actor, conversation: ConversationId, before: Option<MessageId>) -> Result<MessagePage, AppError> {
    let mut conn = pool.acquire().await?;
    let membership = conversations::access(&mut conn, actor, conversation).await?;
    let mut messages = queries::page(&mut conn, conversation, before, membership.cleared_at, PAGE_SIZE + 1).await?;
    let older = (messages.len() as i64 > PAGE_SIZE).then(|| {
        messages.truncate(PAGE_SIZE as usize);
        messages.last().map(|m| m.id)
    });
    messages.reverse();
    let state = queries::read_state(&mut conn, conversation, actor.id).await?;
    let position = state.my_position.map(super::rfc3339);
    let first_unread = messages
        .iter()
        .find(|m| m.author_id != actor.id && position.as_ref().is_none_or(|p| &m.created_at > p))
        .map(|m| m.id);
    let last_seen = match (messages.iter().rev().find(|m| m.author_id == actor.id), state.others_position) {
        (Some(mine), Some(others)) => super::rfc3339(others) >= mine.created_at,
        _ => false,
    };
    Ok(MessagePage { messages, older: older.flatten(), first_unread, last_seen })
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %conversation))]
pub async fn mark_read(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    conversations::access(&mut tx, actor, conversation).await?;
    if queries::mark_read(&mut tx, conversation, actor.id, message).await? {
        queries::notify(&mut tx, &[conversation], "read").await?;
    }
    Ok(tx.commit().await?)
}

pub async fn seen_by(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId) -> Result<Vec<crate::conversations::Seen>, AppError> {
    let mut conn = pool.acquire().await?;
    conversations::access(&mut conn, actor, conversation).await?;
    let rows = queries::seen_by(&mut conn, conversation, message).await?;
    Ok(rows.into_iter().map(|(name, at)| crate::conversations::Seen { name, at: super::rfc3339(at) }).collect())
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %conversation, message = %message))]
pub async fn delete(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    conversations::access(&mut tx, actor, conversation).await?;
    let author = queries::author_of(&mut tx, conversation, message).await?;
    policy::can_delete_message(actor, author == actor.id)?;
    if queries::soft_delete(&mut tx, conversation, message).await? {
        queries::notify(&mut tx, &[conversation], "deleted").await?;
    }
    Ok(tx.commit().await?)
}
