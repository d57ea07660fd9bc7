//! The inbox as each viewer sees it, from the stored inbox state (`inbox_rows` in SQL).

use sqlx::PgPool;
use time::OffsetDateTime;

use crate::conversations::model::{ConversationKind, InboxEntry};
use crate::error::AppError;
use crate::ids::{ConversationId, UserId};
use crate::people::OrgRole;

/// One conversation as an inbox shows it to one viewer (`inbox_rows` in SQL).
struct InboxRow {
    viewer: UserId,
    viewer_role: OrgRole,
    hidden: bool,
    id: ConversationId,
    kind: ConversationKind,
    title: Option<String>,
    other_name: Option<String>,
    other_avatar: Option<String>,
    preview: Option<String>,
    last_message_at: OffsetDateTime,
    unread: i32,
    mentioned: bool,
}

impl InboxRow {
    fn entry(self) -> InboxEntry {
        InboxEntry {
            id: self.id,
            kind: self.kind,
            title: self.title.or(self.other_name).unwrap_or_else(|| "Conversation".into()),
            avatar: self.other_avatar,
            preview: self.preview.map(|p| p.chars().take(120).collect()),
            last_message_at: crate::messages::rfc3339(self.last_message_at),
            unread: i64::from(self.unread),
            mentioned: self.mentioned,
        }
    }
}

/// The whole inbox in one query, whatever the number of conversations, and without reading
/// messages at all: previews and unread counts are stored (`inbox_state`).
pub async fn inbox(pool: &PgPool, user: UserId) -> Result<Vec<InboxEntry>, AppError> {
    let rows = sqlx::query_as!(
        InboxRow,
        r#"SELECT viewer AS "viewer!: UserId", viewer_role AS "viewer_role!: OrgRole", hidden AS "hidden!", id AS "id!: ConversationId",
                  kind AS "kind!: ConversationKind", title, other_name, other_avatar, preview, last_message_at AS "last_message_at!", unread AS "unread!",
                  mentioned AS "mentioned!"
           FROM inbox_rows(ARRAY[$1::uuid]) WHERE NOT hidden
           ORDER BY last_message_at DESC, id DESC"#,
        user as UserId,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(InboxRow::entry).collect())
}

/// A viewer's row of a conversation, for a live event: `None` when it is not in their inbox.
pub struct ViewerRow {
    pub viewer: UserId,
    pub role: OrgRole,
    pub conversation: ConversationId,
    pub entry: Option<InboxEntry>,
}

/// The rows of these conversations for those of `viewers` who are their members, in one query.
pub async fn viewer_rows(pool: &PgPool, conversations: &[ConversationId], viewers: &[UserId]) -> Result<Vec<ViewerRow>, AppError> {
    let rows = sqlx::query_as!(
        InboxRow,
        r#"SELECT viewer AS "viewer!: UserId", viewer_role AS "viewer_role!: OrgRole", hidden AS "hidden!", id AS "id!: ConversationId",
                  kind AS "kind!: ConversationKind", title, other_name, other_avatar, preview, last_message_at AS "last_message_at!", unread AS "unread!",
                  mentioned AS "mentioned!"
           FROM inbox_rows($1::uuid[]) WHERE id = ANY($2::uuid[])"#,
        viewers as &[UserId],
        conversations as &[ConversationId],
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ViewerRow { viewer: row.viewer, role: row.viewer_role, conversation: row.id, entry: (!row.hidden).then(|| row.entry()) })
        .collect())
}
