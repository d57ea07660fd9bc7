use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::conversations::naming::Viewer;
use crate::conversations::{self, policy, ConversationKind, GroupStyle};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::model::{MessagePage, MessageView};
use crate::messages::queries::{self, MessageRow};

/// These messages as stored: each viewer sees them through the conversation's naming, and
/// what they may do with them is theirs to add.
pub async fn stored(pool: &PgPool, ids: &[MessageId]) -> Result<Vec<MessageRow>, AppError> {
    queries::get_many(pool, ids).await
}

pub const PAGE_SIZE: i64 = 50;

/// A page as the reader opens it: the newest page counts as read, with or without JavaScript,
/// so that counts, receipts and the email decision are right. Its unread marker still shows
/// where the reader had stopped.
pub async fn open(pool: &PgPool, actor: &Actor, conversation: ConversationId, before: Option<MessageId>) -> Result<MessagePage, AppError> {
    let page = page(pool, actor, conversation, before).await?;
    if let (None, Some(_)) = (before, page.first_unread) {
        if let Some(last) = page.last_from_others(actor.id) {
            super::mark_read(pool, actor, conversation, last).await?;
        }
    }
    Ok(page)
}

/// The conversation opened at `at` (a search result): the page that shows it with about half
/// a page of newer messages, or the newest page, which counts as read, when `at` is among
/// those. A message the reader does not see opens the newest page.
pub async fn open_at(pool: &PgPool, actor: &Actor, conversation: ConversationId, at: MessageId) -> Result<MessagePage, AppError> {
    let key = {
        let mut conn = pool.acquire().await?;
        let membership = conversations::access(&mut conn, actor, conversation).await?;
        let feed = (membership.kind, membership.style) == (ConversationKind::Group, GroupStyle::Feed);
        queries::page_around(&mut conn, conversation, at, actor.id, PAGE_SIZE / 2, feed).await?
    };
    let mut page = match key {
        None => open(pool, actor, conversation, None).await?,
        Some(before) => MessagePage { newer: true, ..page(pool, actor, conversation, Some(before)).await? },
    };
    page.anchor = page.messages.iter().any(|m| m.id == at).then_some(at);
    Ok(page)
}

/// A page of the conversation by keyset, oldest first, with where the viewer stopped reading
/// and what they may do with each message.
pub async fn page(pool: &PgPool, actor: &Actor, conversation: ConversationId, before: Option<MessageId>) -> Result<MessagePage, AppError> {
    let mut conn = pool.acquire().await?;
    let membership = conversations::access(&mut conn, actor, conversation).await?;
    let viewer = Viewer { id: actor.id, role: actor.role };
    let (mut rows, older) = match (membership.kind, membership.style) {
        (ConversationKind::Group, GroupStyle::Feed) => feed(&mut conn, conversation, before, actor.id, membership.cleared_at).await?,
        _ => {
            let mut rows = queries::page(&mut conn, conversation, before, actor.id, PAGE_SIZE + 1).await?;
            let older = (rows.len() as i64 > PAGE_SIZE).then(|| {
                rows.truncate(PAGE_SIZE as usize);
                rows.last().map(|m| m.id)
            });
            (rows, older.flatten())
        }
    };
    rows.reverse();
    let first_unread = rows.iter().find(|row| row.is_unread()).map(|row| row.id);
    let last_seen = match (
        rows.iter().rev().find(|row| row.author() == actor.id),
        queries::others_position(&mut conn, conversation, actor.id).await?,
    ) {
        (Some(mine), Some(others)) => others >= mine.created_at(),
        _ => false,
    };
    let mut messages: Vec<MessageView> = rows.iter().map(|row| row.view(membership.naming, viewer)).collect();
    for message in &mut messages {
        message.can_delete = policy::can_delete_message(actor, message.author_id == actor.id).is_ok();
    }
    Ok(MessagePage { messages, older, first_unread, last_seen, ..Default::default() })
}

/// A page of a feed, newest first: [`PAGE_SIZE`] posts (the pinned ones too on the first
/// page) with all their replies, and the post to continue from. Three statements, however
/// long the history.
async fn feed(
    conn: &mut PgConnection,
    conversation: ConversationId,
    before: Option<MessageId>,
    reader: UserId,
    cleared_at: Option<OffsetDateTime>,
) -> Result<(Vec<MessageRow>, Option<MessageId>), AppError> {
    let mut posts = queries::feed_posts(conn, conversation, before, cleared_at, PAGE_SIZE + 1).await?;
    let older = (posts.len() as i64 > PAGE_SIZE).then(|| {
        posts.truncate(PAGE_SIZE as usize);
        posts.last().copied()
    });
    if before.is_none() {
        posts.extend(queries::pinned_posts(conn, conversation, cleared_at).await?);
    }
    Ok((queries::threads(conn, &posts, reader).await?, older.flatten()))
}
