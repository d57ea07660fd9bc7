use sqlx::PgExecutor;

use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, UserId};

/// A message that matched, with its best passage marked.
pub struct Match {
    pub id: MessageId,
    pub conversation: ConversationId,
    pub marked: String,
}

/// Up to `limit` messages that `reader` sees (in a conversation they are in, since they last
/// cleared it, not deleted) matching `query` as a web search reads it, newest first. The
/// excerpt is made only for the rows returned. A chat deleted from the inbox (hidden) shows
/// nothing from before its deletion, and shows again with the next message: its row is left
/// out, which lets the inbox's index find the reader's chats.
pub async fn matching(conn: impl PgExecutor<'_>, reader: UserId, query: &str, limit: i64) -> Result<Vec<Match>, AppError> {
    Ok(sqlx::query_as!(
        Match,
        r#"SELECT m.id AS "id: MessageId", m.conversation_id AS "conversation: ConversationId",
                  ts_headline('english', m.plain, q,
                              'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=35, MinWords=15')
                      AS "marked!"
           FROM websearch_to_tsquery('english', $2) q,
                conversation_members r JOIN messages m ON m.conversation_id = r.conversation_id
           WHERE r.user_id = $1 AND NOT r.hidden AND m.search @@ q AND m.deleted_at IS NULL AND visible_to_member(m.created_at, r.cleared_at)
           ORDER BY m.created_at DESC, m.id DESC LIMIT $3"#,
        reader as UserId,
        query,
        limit,
    )
    .fetch_all(conn)
    .await?)
}
