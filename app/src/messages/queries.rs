use sqlx::PgConnection;
use time::OffsetDateTime;

use super::model::{MessageContext, MessageView};
use crate::error::AppError;
use crate::ids::{ClientMessageId, ConversationId, MessageId, OrgId, UserId};

const COLUMNS: &str = "m.id, m.client_id, m.author_id, u.first_name || ' ' || u.last_name, u.avatar,
    CASE WHEN m.deleted_at IS NULL THEN m.body_html ELSE '' END, m.deleted_at IS NOT NULL,
    m.context_title, m.context_url, m.created_at, m.conversation_id";

type Row = (MessageId, ClientMessageId, UserId, String, Option<String>, String, bool, Option<String>, Option<String>, OffsetDateTime, ConversationId);

fn view(row: Row) -> (MessageView, ConversationId) {
    let (id, client_id, author_id, author_name, author_avatar, html, deleted, context_title, context_url, at, conversation) = row;
    let message = MessageView { id, client_id, author_id, author_name, author_avatar, html, deleted, context_title, context_url, created_at: super::rfc3339(at) };
    (message, conversation)
}

/// The message an author already sent under this client id, if any.
pub async fn by_client_id(conn: &mut PgConnection, author: UserId, client_id: ClientMessageId) -> Result<Option<(MessageView, ConversationId)>, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM messages m JOIN users u ON u.id = m.author_id WHERE m.author_id = $1 AND m.client_id = $2"
    ))
    .bind(author)
    .bind(client_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(view))
}

pub struct NewMessage<'a> {
    pub org: OrgId,
    pub conversation: ConversationId,
    pub author: UserId,
    pub client_id: ClientMessageId,
    pub body: &'a str,
    pub html: &'a str,
    pub context: Option<&'a MessageContext>,
}

/// Inserts the message; `None` when a concurrent retry with the same client id won.
pub async fn insert(conn: &mut PgConnection, new: &NewMessage<'_>) -> Result<Option<MessageId>, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, context_title, context_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (author_id, client_id) DO NOTHING RETURNING id",
    )
    .bind(MessageId::new())
    .bind(new.org)
    .bind(new.conversation)
    .bind(new.author)
    .bind(new.client_id)
    .bind(new.body)
    .bind(new.html)
    .bind(new.context.map(|c| c.title.as_str()))
    .bind(new.context.and_then(|c| c.url.as_deref()))
    .fetch_optional(conn)
    .await?)
}

/// One message from `author` in each of `conversations`; returns their ids.
pub async fn insert_each(conn: &mut PgConnection, org: OrgId, author: UserId, conversations: &[ConversationId], body: &str, html: &str) -> Result<Vec<MessageId>, AppError> {
    let conversations: Vec<uuid::Uuid> = conversations.iter().map(|c| c.0).collect();
    Ok(sqlx::query_scalar(
        "INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html)
         SELECT gen_random_uuid(), $1, c, $2, gen_random_uuid(), $4, $5 FROM unnest($3::uuid[]) AS c
         RETURNING id",
    )
    .bind(org)
    .bind(author)
    .bind(&conversations)
    .bind(body)
    .bind(html)
    .fetch_all(conn)
    .await?)
}

/// After sending `messages` (at most one per conversation): each conversation moves up every
/// inbox with its message as the preview (unless a newer one got there first), comes back for
/// those who deleted it, counts as unread for the others who have not read past it, and the
/// author has read everything up to it. Each member row is updated under its lock, so a read
/// or send that committed meanwhile is seen in the row's newest values.
pub async fn after_send(conn: &mut PgConnection, messages: &[MessageId], author: UserId) -> Result<(), AppError> {
    let messages: Vec<uuid::Uuid> = messages.iter().map(|m| m.0).collect();
    sqlx::query(
        "WITH sent AS (SELECT id, conversation_id, created_at, body FROM messages WHERE id = ANY($1)),
              moved AS (UPDATE conversations c SET last_message_at = sent.created_at, last_message_id = sent.id, last_preview = left(sent.body, 200)
                        FROM sent WHERE c.id = sent.conversation_id AND c.last_message_at <= sent.created_at)
         UPDATE conversation_members m SET hidden = false,
                unread_count = CASE
                    WHEN m.user_id = $2 THEN (
                        SELECT count(*)::integer FROM messages x
                        WHERE x.conversation_id = m.conversation_id AND x.author_id <> $2 AND x.deleted_at IS NULL
                          AND x.created_at > GREATEST(sent.created_at, m.read_position, m.cleared_at))
                    WHEN sent.created_at > COALESCE(GREATEST(m.read_position, m.cleared_at), '-infinity') THEN m.unread_count + 1
                    ELSE m.unread_count END,
                last_read_message_id = CASE WHEN m.user_id = $2 AND sent.created_at > COALESCE(m.read_position, '-infinity') THEN sent.id ELSE m.last_read_message_id END,
                read_position = CASE WHEN m.user_id = $2 THEN GREATEST(m.read_position, sent.created_at) ELSE m.read_position END,
                last_read_at = CASE WHEN m.user_id = $2 THEN clock_timestamp() ELSE m.last_read_at END
         FROM sent
         WHERE m.conversation_id = sent.conversation_id",
    )
    .bind(&messages)
    .bind(author)
    .execute(conn)
    .await?;
    Ok(())
}

/// Tells every instance, once this transaction commits, that these conversations changed; ids
/// only, the database stays the source of truth.
pub async fn notify(conn: &mut PgConnection, conversations: &[ConversationId], kind: &str) -> Result<(), AppError> {
    let conversations: Vec<uuid::Uuid> = conversations.iter().map(|c| c.0).collect();
    sqlx::query("SELECT pg_notify('confer_events', json_build_object('conversation', c, 'kind', $2::text)::text) FROM unnest($1::uuid[]) AS c")
        .bind(&conversations)
        .bind(kind)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn get(conn: &mut PgConnection, id: MessageId) -> Result<MessageView, AppError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM messages m JOIN users u ON u.id = m.author_id WHERE m.id = $1"))
        .bind(id)
        .fetch_one(conn)
        .await?;
    Ok(view(row).0)
}

/// Up to `limit` messages before `before` (or the newest), newest first, by keyset.
pub async fn page(conn: &mut PgConnection, conversation: ConversationId, before: Option<MessageId>, after: Option<OffsetDateTime>, limit: i64) -> Result<Vec<MessageView>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM messages m JOIN users u ON u.id = m.author_id
         WHERE m.conversation_id = $1
           AND ($2::uuid IS NULL OR (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = $2 AND conversation_id = $1))
           AND m.created_at > COALESCE($3, '-infinity')
         ORDER BY m.created_at DESC, m.id DESC LIMIT $4"
    ))
    .bind(conversation)
    .bind(before)
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| view(r).0).collect())
}

pub struct ReadState {
    pub my_position: Option<OffsetDateTime>,
    /// The earliest read position among the other members.
    pub others_position: Option<OffsetDateTime>,
}

pub async fn read_state(conn: &mut PgConnection, conversation: ConversationId, user: UserId) -> Result<ReadState, AppError> {
    let (my_position, others_position) = sqlx::query_as(
        "SELECT (SELECT read_position FROM conversation_members WHERE conversation_id = $1 AND user_id = $2),
                (SELECT CASE WHEN bool_and(read_position IS NOT NULL) THEN min(read_position) END
                 FROM conversation_members WHERE conversation_id = $1 AND user_id <> $2)",
    )
    .bind(conversation)
    .bind(user)
    .fetch_one(conn)
    .await?;
    Ok(ReadState { my_position, others_position })
}

/// Moves the viewer's read pointer forward to `message`, never backwards, and recounts what
/// is left unread. The recount is its own statement so that it sees every send that committed
/// while the first one waited for the member's row.
pub async fn mark_read(conn: &mut PgConnection, conversation: ConversationId, user: UserId, message: MessageId) -> Result<bool, AppError> {
    let moved = sqlx::query(
        "UPDATE conversation_members m SET last_read_message_id = x.id, read_position = x.created_at, last_read_at = clock_timestamp()
         FROM messages x
         WHERE x.id = $3 AND x.conversation_id = $1 AND m.conversation_id = $1 AND m.user_id = $2
           AND (m.read_position IS NULL OR x.created_at > m.read_position)",
    )
    .bind(conversation)
    .bind(user)
    .bind(message)
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE conversation_members SET unread_count = count_unread($1, $2) WHERE conversation_id = $1 AND user_id = $2")
        .bind(conversation)
        .bind(user)
        .execute(conn)
        .await?;
    Ok(true)
}

/// Who has read up to `message`, and when they last read, excluding its author.
pub async fn seen_by(conn: &mut PgConnection, conversation: ConversationId, message: MessageId) -> Result<Vec<(String, OffsetDateTime)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.first_name || ' ' || u.last_name, m.last_read_at
         FROM messages x
         JOIN conversation_members m ON m.conversation_id = x.conversation_id AND m.user_id <> x.author_id
         JOIN users u ON u.id = m.user_id
         WHERE x.id = $2 AND x.conversation_id = $1 AND m.read_position >= x.created_at
         ORDER BY m.last_read_at",
    )
    .bind(conversation)
    .bind(message)
    .fetch_all(conn)
    .await?)
}

pub async fn author_of(conn: &mut PgConnection, conversation: ConversationId, message: MessageId) -> Result<UserId, AppError> {
    Ok(sqlx::query_scalar("SELECT author_id FROM messages WHERE id = $2 AND conversation_id = $1 AND deleted_at IS NULL")
        .bind(conversation)
        .bind(message)
        .fetch_one(conn)
        .await?)
}

/// Deleting keeps the row, so replies and receipts stay in place; its text is gone, from the
/// inbox preview too, and so is its place in the unread counts of members who had not read it. `false` when a concurrent
/// delete got there first.
pub async fn soft_delete(conn: &mut PgConnection, conversation: ConversationId, message: MessageId) -> Result<bool, AppError> {
    let deleted: i64 = sqlx::query_scalar(
        "WITH gone AS (
             UPDATE messages SET deleted_at = clock_timestamp(), body = '', body_html = ''
             WHERE id = $2 AND conversation_id = $1 AND deleted_at IS NULL RETURNING author_id, created_at),
         uncounted AS (
             UPDATE conversation_members m SET unread_count = m.unread_count - 1
             FROM gone
             WHERE m.conversation_id = $1 AND m.user_id <> gone.author_id AND m.unread_count > 0
               AND gone.created_at > COALESCE(GREATEST(m.read_position, m.cleared_at), '-infinity')),
         unpreviewed AS (
             UPDATE conversations SET last_preview = NULL WHERE id = $1 AND last_message_id = $2 AND EXISTS (SELECT 1 FROM gone))
         SELECT count(*) FROM gone",
    )
    .bind(conversation)
    .bind(message)
    .fetch_one(conn)
    .await?;
    Ok(deleted > 0)
}
