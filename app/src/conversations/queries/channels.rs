//! Announcement channels: everyone of one course role, in a course or in the organisation.

use sqlx::PgConnection;

use super::roster::RosterChange;
use crate::conversations::model::ChannelChoice;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, OrgId, UserId};

/// The channel for `role` in `course` (or the organisation's), created if it is missing, owned
/// by `owner`; the existing one otherwise.
pub async fn find_or_create_channel(
    conn: &mut PgConnection,
    org: OrgId,
    course: Option<CourseId>,
    role: CourseRole,
    owner: UserId,
    title: &str,
) -> Result<ConversationId, AppError> {
    sqlx::query!(
        "INSERT INTO conversations (id, org_id, kind, owner_id, course_id, channel_role, title)
         VALUES ($1, $2, 'channel', $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        ConversationId::new() as ConversationId,
        org as OrgId,
        owner as UserId,
        course as Option<CourseId>,
        role as CourseRole,
        title,
    )
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query_scalar!(
        r#"SELECT id AS "id: ConversationId" FROM conversations
           WHERE org_id = $1 AND kind = 'channel' AND course_id IS NOT DISTINCT FROM $2 AND channel_role = $3"#,
        org as OrgId,
        course as Option<CourseId>,
        role as CourseRole,
    )
    .fetch_one(conn)
    .await?)
}

/// Brings channels in line with enrolments (`sync_channels`, migration 0022): `channel` alone
/// when given, otherwise the course's channels and, for a change of `person`'s enrolments, the
/// organisation's; for everyone or for `person` only.
pub async fn sync_channels(
    conn: &mut PgConnection,
    channel: Option<ConversationId>,
    course: Option<CourseId>,
    person: Option<UserId>,
) -> Result<Vec<RosterChange>, AppError> {
    Ok(sqlx::query_as!(
        RosterChange,
        r#"SELECT conversation_id AS "conversation!: ConversationId", user_id AS "user!: UserId", joined AS "joined!"
           FROM sync_channels($1, $2, $3)"#,
        channel as Option<ConversationId>,
        course as Option<CourseId>,
        person as Option<UserId>,
    )
    .fetch_all(conn)
    .await?)
}

/// Where the actor may open a channel: every active course, with the organisation's own first
/// (for admins), or the active courses they teach; with each role's channel if it exists.
pub async fn channel_choices(conn: &mut PgConnection, org: OrgId, actor: UserId, admin: bool) -> Result<Vec<ChannelChoice>, AppError> {
    let rows = sqlx::query!(
        r#"WITH places AS (
               SELECT NULL::uuid AS course, NULL::text AS title WHERE $3
               UNION ALL
               SELECT c.id, c.title FROM courses c
               WHERE c.org_id = $1 AND c.status = 'active'
                 AND ($3 OR EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id AND e.user_id = $2 AND e.role = 'instructor')))
           SELECT p.course AS "course?: CourseId", p.title AS "title?", r.role AS "role!: CourseRole", v.id AS "existing?: ConversationId"
           FROM places p CROSS JOIN unnest(enum_range(NULL::course_role)) AS r(role)
           LEFT JOIN conversations v ON v.org_id = $1 AND v.kind = 'channel' AND v.course_id IS NOT DISTINCT FROM p.course AND v.channel_role = r.role
           ORDER BY p.course IS NOT NULL, p.title, r.role"#,
        org as OrgId,
        actor as UserId,
        admin,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| ChannelChoice { course: r.course, course_title: r.title, role: r.role, existing: r.existing }).collect())
}

/// A course as a channel's creator stands in it.
pub struct CourseStanding {
    pub title: String,
    pub role: Option<CourseRole>,
}

/// The course's title and the user's role in it; `None` when the organisation has no such course.
pub async fn standing(conn: &mut PgConnection, org: OrgId, course: CourseId, user: UserId) -> Result<Option<CourseStanding>, AppError> {
    Ok(sqlx::query_as!(
        CourseStanding,
        r#"SELECT c.title, e.role AS "role?: CourseRole" FROM courses c
           LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = $3
           WHERE c.org_id = $1 AND c.id = $2"#,
        org as OrgId,
        course as CourseId,
        user as UserId,
    )
    .fetch_optional(conn)
    .await?)
}
