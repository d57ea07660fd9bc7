use sqlx::PgConnection;

use super::{Notice, NoticeKind};
use crate::error::AppError;
use crate::ids::{AnnouncementId, ConversationId, CourseId, MessageId, StreamId, UserId};

/// Tells every instance, once this transaction commits, what changed: ids only, the database
/// stays the source of truth. One statement for any number of notices.
pub async fn notify(conn: &mut PgConnection, notices: &[Notice]) -> Result<(), AppError> {
    let kinds: Vec<&str> = notices.iter().map(|n| n.kind.into()).collect();
    let conversations: Vec<Option<ConversationId>> = notices.iter().map(|n| n.conversation).collect();
    let messages: Vec<Option<MessageId>> = notices.iter().map(|n| n.message).collect();
    let users: Vec<Option<UserId>> = notices.iter().map(|n| n.user).collect();
    let streams: Vec<Option<StreamId>> = notices.iter().map(|n| n.stream).collect();
    let courses: Vec<Option<CourseId>> = notices.iter().map(|n| n.course).collect();
    let announcements: Vec<Option<AnnouncementId>> = notices.iter().map(|n| n.announcement).collect();
    sqlx::query!(
        "SELECT pg_notify('confer_events', json_build_object('kind', k, 'conversation', c, 'message', m, 'user', u, 'stream', s,
                                                            'course', co, 'announcement', a)::text)
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[]) AS t(k, c, m, u, s, co, a)",
        &kinds as &[&str],
        &conversations as &[Option<ConversationId>],
        &messages as &[Option<MessageId>],
        &users as &[Option<UserId>],
        &streams as &[Option<StreamId>],
        &courses as &[Option<CourseId>],
        &announcements as &[Option<AnnouncementId>],
    )
    .execute(conn)
    .await?;
    Ok(())
}

impl Notice {
    fn of(kind: NoticeKind) -> Self {
        Self { kind, conversation: None, message: None, user: None, stream: None, course: None, announcement: None }
    }

    pub fn posted(conversation: ConversationId, message: MessageId) -> Self {
        Self { conversation: Some(conversation), message: Some(message), ..Self::of(NoticeKind::Posted) }
    }

    pub fn edited(conversation: ConversationId, message: MessageId) -> Self {
        Self { conversation: Some(conversation), message: Some(message), ..Self::of(NoticeKind::Edited) }
    }

    pub fn deleted(conversation: ConversationId, message: MessageId) -> Self {
        Self { conversation: Some(conversation), message: Some(message), ..Self::of(NoticeKind::Deleted) }
    }

    pub fn read(conversation: ConversationId, reader: UserId, message: MessageId) -> Self {
        Self { conversation: Some(conversation), message: Some(message), user: Some(reader), ..Self::of(NoticeKind::Read) }
    }

    /// The conversation changed for its members: its name, members or settings.
    pub fn changed(conversation: ConversationId) -> Self {
        Self { conversation: Some(conversation), ..Self::of(NoticeKind::Changed) }
    }

    /// The conversation changed for one member only (they deleted it from their inbox).
    pub fn changed_for(conversation: ConversationId, member: UserId) -> Self {
        Self { conversation: Some(conversation), user: Some(member), ..Self::of(NoticeKind::Changed) }
    }

    pub fn sessions_ended(user: UserId) -> Self {
        Self { user: Some(user), ..Self::of(NoticeKind::SessionsEnded) }
    }

    pub fn watching(user: UserId, stream: StreamId, conversation: Option<ConversationId>) -> Self {
        Self { conversation, user: Some(user), stream: Some(stream), ..Self::of(NoticeKind::Watching) }
    }

    /// A course's announcement was posted, edited or deleted.
    pub fn announced(course: CourseId, announcement: AnnouncementId) -> Self {
        Self { course: Some(course), announcement: Some(announcement), ..Self::of(NoticeKind::Announced) }
    }
}
