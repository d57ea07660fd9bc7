use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::ids::{ClientMessageId, ConversationId, CourseId, OrgId, UserId};

/// Records the broadcast; `None` when this author already sent one under this client id.
pub async fn record(
    conn: &mut PgConnection,
    org: OrgId,
    course: CourseId,
    author: UserId,
    client_id: ClientMessageId,
) -> Result<Option<Uuid>, AppError> {
    Ok(sqlx::query_scalar!(
        "INSERT INTO broadcasts (id, org_id, course_id, author_id, client_id) VALUES (gen_random_uuid(), $1, $2, $3, $4)
         ON CONFLICT (author_id, client_id) DO NOTHING RETURNING id",
        org as OrgId,
        course as CourseId,
        author as UserId,
        client_id as ClientMessageId,
    )
    .fetch_optional(conn)
    .await?)
}

/// How many learners an earlier broadcast under this client id reached.
pub async fn earlier(conn: &mut PgConnection, author: UserId, client_id: ClientMessageId) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT recipients::bigint AS "recipients!" FROM broadcasts WHERE author_id = $1 AND client_id = $2"#,
        author as UserId,
        client_id as ClientMessageId,
    )
    .fetch_one(conn)
    .await?)
}

pub async fn set_recipients(conn: &mut PgConnection, id: Uuid, recipients: i64) -> Result<(), AppError> {
    sqlx::query!("UPDATE broadcasts SET recipients = $2::bigint WHERE id = $1", id, recipients).execute(conn).await?;
    Ok(())
}

/// The sender's direct chat with each learner of the course, created where missing, all in
/// set-based statements. A new chat's two members come from its key rather than a join back
/// to the learners, whose size the planner cannot know for a course enrolled just now. The
/// chats are read in a second statement, so that one a concurrent "start chat" committed
/// meanwhile is found too.
///
/// Both statements start from the same `learners` CTE: the course's active learners but the
/// sender (those of `only`, unless it is empty), each with the key of their direct chat. A
/// new chat is shared from the start with the sender's default teammates. It is written out in each, since the query
/// macros take only a string literal; keep the two copies alike.
pub async fn direct_chats(
    conn: &mut PgConnection,
    org: OrgId,
    course: CourseId,
    sender: UserId,
    only: &[UserId],
) -> Result<Vec<ConversationId>, AppError> {
    sqlx::query!(
        "WITH learners AS (
             SELECT e.user_id, direct_key(e.user_id, $3) AS key
             FROM enrolments e JOIN users u ON u.id = e.user_id
             WHERE e.org_id = $1 AND e.course_id = $2 AND e.role = 'learner' AND u.active AND e.user_id <> $3
               AND (cardinality($4::uuid[]) = 0 OR e.user_id = ANY($4))),
              teammates AS (SELECT t AS id FROM default_teammates($3) t),
              made AS (INSERT INTO conversations (id, org_id, kind, owner_id, direct_key)
                       SELECT gen_random_uuid(), $1, CASE WHEN EXISTS (SELECT 1 FROM teammates) THEN 'shared' ELSE 'direct' END::conversation_kind,
                              $3, key FROM learners
                       ON CONFLICT (org_id, direct_key) DO NOTHING RETURNING id, direct_key),
              pairs AS (INSERT INTO conversation_members (org_id, conversation_id, user_id)
                        SELECT $1, made.id, unnest(string_to_array(made.direct_key, ':')::uuid[]) FROM made)
         INSERT INTO conversation_members (org_id, conversation_id, user_id)
         SELECT $1, made.id, teammates.id FROM made, teammates",
        org as OrgId,
        course as CourseId,
        sender as UserId,
        only as &[UserId],
    )
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query_scalar!(
        r#"WITH learners AS (
             SELECT e.user_id, direct_key(e.user_id, $3) AS key
             FROM enrolments e JOIN users u ON u.id = e.user_id
             WHERE e.org_id = $1 AND e.course_id = $2 AND e.role = 'learner' AND u.active AND e.user_id <> $3
               AND (cardinality($4::uuid[]) = 0 OR e.user_id = ANY($4)))
         SELECT c.id AS "id: ConversationId" FROM learners l JOIN conversations c ON c.org_id = $1 AND c.direct_key = l.key"#,
        org as OrgId,
        course as CourseId,
        sender as UserId,
        only as &[UserId],
    )
    .fetch_all(conn)
    .await?)
}
