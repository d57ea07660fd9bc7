use sqlx::PgConnection;

use super::{Notice, NoticeKind};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, StreamId, UserId};

/// Tells every instance, once this transaction commits, what changed: ids only, the database
/// stays the source of truth. One statement for any number of notices.
pub async fn notify(conn: &mut PgConnection, notices: &[Notice]) -> Result<(), AppError> {
    let kinds: Vec<&str> = notices.iter().map(|n| n.kind.into()).collect();
    let conversations: Vec<Option<ConversationId>> = notices.iter().map(|n| n.conversation).collect();
    let messages: Vec<Option<MessageId>> = notices.iter().map(|n| n.message).collect();
    let users: Vec<Option<UserId>> = notices.iter().map(|n| n.user).collect();
    let streams: Vec<Option<StreamId>> = notices.iter().map(|n| n.stream).collect();
    sqlx::query!(
        "SELECT pg_notify('confer_events', json_build_object('kind', k, 'conversation', c, 'message', m, 'user', u, 'stream', s)::text)
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[]) AS t(k, c, m, u, s)",
        &kinds as &[&str],
        &conversations as &[Option<ConversationId>],
        &messages as &[Option<MessageId>],
        &users as &[Option<UserId>],
        &streams as &[Option<StreamId>],
    )
    .execute(conn)
    .await?;
    Ok(())
}

impl Notice {
    pub fn posted(conversation: ConversationId, message: MessageId) -> Self {
        Self { kind: NoticeKind::Posted, conversation: Some(conversation), message: Some(message), user: None, stream: None }
    }

    pub fn edited(conversation: ConversationId, message: MessageId) -> Self {
        Self { kind: NoticeKind::Edited, conversation: Some(conversation), message: Some(message), user: None, stream: None }
    }

    pub fn deleted(conversation: ConversationId, message: MessageId) -> Self {
        Self { kind: NoticeKind::Deleted, conversation: Some(conversation), message: Some(message), user: None, stream: None }
    }

    pub fn read(conversation: ConversationId, reader: UserId, message: MessageId) -> Self {
        Self { kind: NoticeKind::Read, conversation: Some(conversation), message: Some(message), user: Some(reader), stream: None }
    }

    /// The conversation changed for its members: its name, members or settings.
    pub fn changed(conversation: ConversationId) -> Self {
        Self { kind: NoticeKind::Changed, conversation: Some(conversation), message: None, user: None, stream: None }
    }

    /// The conversation changed for one member only (they deleted it from their inbox).
    pub fn changed_for(conversation: ConversationId, member: UserId) -> Self {
        Self { kind: NoticeKind::Changed, conversation: Some(conversation), message: None, user: Some(member), stream: None }
    }

    pub fn sessions_ended(user: UserId) -> Self {
        Self { kind: NoticeKind::SessionsEnded, conversation: None, message: None, user: Some(user), stream: None }
    }

    pub fn watching(user: UserId, stream: StreamId, conversation: Option<ConversationId>) -> Self {
        Self { kind: NoticeKind::Watching, conversation, message: None, user: Some(user), stream: Some(stream) }
    }
}
