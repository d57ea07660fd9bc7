//! Course chats, whose people follow the course's enrolments and teams.

use sqlx::PgConnection;

use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, UserId};

/// A membership that `sync_course_chats` changed.
pub struct RosterChange {
    pub conversation: ConversationId,
    pub user: UserId,
    pub joined: bool,
}

/// Brings the course's chats in line with its enrolments and teams (creating any that are
/// missing), for everyone or for `person` only: the SQL function of migration 0014.
pub async fn sync_course_chats(conn: &mut PgConnection, course: CourseId, person: Option<UserId>) -> Result<Vec<RosterChange>, AppError> {
    Ok(sqlx::query_as!(
        RosterChange,
        r#"SELECT conversation_id AS "conversation!: ConversationId", user_id AS "user!: UserId", joined AS "joined!"
           FROM sync_course_chats($1, $2)"#,
        course as CourseId,
        person as Option<UserId>,
    )
    .fetch_all(conn)
    .await?)
}

/// Closes a course's chats to posts, or opens them again; returns them.
pub async fn close_course_chats(conn: &mut PgConnection, course: CourseId, closed: bool) -> Result<Vec<ConversationId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"UPDATE conversations SET locked = $2 WHERE course_id = $1 AND roster IS NOT NULL RETURNING id AS "id: ConversationId""#,
        course as CourseId,
        closed,
    )
    .fetch_all(conn)
    .await?)
}
