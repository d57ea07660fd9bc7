use sqlx::PgConnection;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::Deleted;

/// Takes the locks that every writer of several member rows takes first: the conversations',
/// by id (`lock_conversations` in migration 0008: `NO KEY UPDATE`, so messages keep
/// referencing them). A transaction that then writes member rows of these conversations, one
/// at a time or many at once, never waits in a cycle with a send.
pub async fn lock(conn: &mut PgConnection, conversations: &[ConversationId]) -> Result<(), AppError> {
    sqlx::query!("SELECT lock_conversations($1)", conversations as &[ConversationId]).execute(conn).await?;
    Ok(())
}

/// After sending `messages` (at most one per conversation): previews, unread counters, the
/// author's read pointer and the email outbox, written by one call of `record_sends`
/// (migration 0024) under the conversations' locks. The call is made by the transaction's
/// COMMIT (migration 0010), so the locks are held for the commit only; the transaction reads
/// none of it before.
pub async fn after_send(
    conn: &mut PgConnection,
    conversations: &[ConversationId],
    messages: &[MessageId],
    author: UserId,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO sends_to_record (conversations, messages, sender) VALUES ($1, $2, $3)",
        conversations as &[ConversationId],
        messages as &[MessageId],
        author as UserId,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the reader's pointer forward to `message`, never backwards, and recounts what is left
/// unread. The recount is its own statement so that it sees every send that committed while
/// the first one waited for the member's row. `false` when the pointer did not move.
pub async fn after_read(conn: &mut PgConnection, conversation: ConversationId, user: UserId, message: MessageId) -> Result<bool, AppError> {
    let moved = sqlx::query!(
        "UPDATE conversation_members m SET last_read_message_id = x.id, read_position = x.created_at, last_read_at = clock_timestamp()
         FROM messages x
         WHERE x.id = $3 AND x.conversation_id = $1 AND m.conversation_id = $1 AND m.user_id = $2
           AND (m.read_position IS NULL OR x.created_at > m.read_position)",
        conversation as ConversationId,
        user as UserId,
        message as MessageId,
    )
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!(
        "UPDATE conversation_members SET unread_count = count_unread($1, $2) WHERE conversation_id = $1 AND user_id = $2",
        conversation as ConversationId,
        user as UserId
    )
    .execute(conn)
    .await?;
    Ok(true)
}

/// After messages were deleted (a message, or a post with its thread): they leave the unread
/// counts of members who had not read them, and the preview when one was the last message.
pub async fn after_delete(conn: &mut PgConnection, conversation: ConversationId, deleted: &[Deleted]) -> Result<(), AppError> {
    let ids: Vec<MessageId> = deleted.iter().map(|d| d.id).collect();
    let authors: Vec<UserId> = deleted.iter().map(|d| d.author).collect();
    let times: Vec<OffsetDateTime> = deleted.iter().map(|d| d.at).collect();
    lock(conn, &[conversation]).await?;
    sqlx::query!(
        "WITH gone AS (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) AS g(id, author, at)),
              uncounted AS (
                  UPDATE conversation_members m SET unread_count = greatest(m.unread_count - n.unread, 0)
                  FROM (SELECT m2.user_id, count(*) AS unread FROM conversation_members m2 JOIN gone
                          ON unread_for_member(m2.user_id, m2.read_position, m2.cleared_at, gone.author, gone.at, NULL)
                        WHERE m2.conversation_id = $1 GROUP BY m2.user_id) n
                  WHERE m.conversation_id = $1 AND m.user_id = n.user_id)
         UPDATE conversations SET last_preview = NULL WHERE id = $1 AND last_message_id = ANY($2)",
        conversation as ConversationId,
        &ids as &[MessageId],
        &authors as &[UserId],
        &times as &[OffsetDateTime],
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// "Delete chat" for one member: gone from their inbox, its history hidden, nothing unread.
pub async fn after_clear(conn: &mut PgConnection, conversation: ConversationId, user: UserId) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE conversation_members SET hidden = true, cleared_at = clock_timestamp(), unread_count = 0 WHERE conversation_id = $1 AND user_id = $2",
        conversation as ConversationId,
        user as UserId
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// How many stored values a repair changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    pub counters: i64,
    pub previews: i64,
}

/// Recomputes every stored counter and preview (of one conversation, or all) from the
/// messages, and says how many were wrong: zero, unless something bypassed this module. The
/// SQL function `repair_inbox_state` (migration 0021) does it, for backfills too.
pub async fn repair(conn: &mut PgConnection, conversation: Option<ConversationId>) -> Result<Drift, AppError> {
    Ok(sqlx::query_as!(
        Drift,
        r#"SELECT counters AS "counters!", previews AS "previews!" FROM repair_inbox_state($1)"#,
        conversation as Option<ConversationId>
    )
    .fetch_one(conn)
    .await?)
}

/// After a message was edited: the preview follows when it is the last message.
pub async fn after_edit(conn: &mut PgConnection, conversation: ConversationId, message: MessageId, plain: &str) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE conversations SET last_preview = preview_of($3) WHERE id = $1 AND last_message_id = $2",
        conversation as ConversationId,
        message as MessageId,
        plain,
    )
    .execute(conn)
    .await?;
    Ok(())
}
