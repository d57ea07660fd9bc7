use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{AnnouncementId, CourseId, DepartmentId, OrgId, UserId};
use crate::messages::MessageBody;
use crate::people::OrgRole;

/// An announcement as stored, with its author's name.
pub struct AnnouncementRow {
    pub id: AnnouncementId,
    pub author_id: UserId,
    pub author_name: String,
    pub author_avatar: Option<String>,
    pub body: String,
    pub html: String,
    pub created_at: OffsetDateTime,
    pub edited: bool,
}

/// The course's announcements, newest first.
pub async fn list(conn: impl PgExecutor<'_>, course: CourseId) -> Result<Vec<AnnouncementRow>, AppError> {
    select(conn, Some(course), &[]).await
}

/// These announcements, newest first; deleted ones are left out.
pub async fn get_many(conn: impl PgExecutor<'_>, ids: &[AnnouncementId]) -> Result<Vec<AnnouncementRow>, AppError> {
    select(conn, None, ids).await
}

async fn select(conn: impl PgExecutor<'_>, course: Option<CourseId>, ids: &[AnnouncementId]) -> Result<Vec<AnnouncementRow>, AppError> {
    Ok(sqlx::query_as!(
        AnnouncementRow,
        r#"SELECT a.id AS "id: AnnouncementId", a.author_id AS "author_id: UserId",
                  full_name(u.first_name, u.last_name) AS "author_name!",
                  u.avatar AS author_avatar, a.body, a.body_html AS html, a.created_at, a.edited_at IS NOT NULL AS "edited!"
           FROM announcements a JOIN users u ON u.id = a.author_id
           WHERE a.course_id = $1 OR a.id = ANY($2) ORDER BY a.created_at DESC, a.id DESC"#,
        course as Option<CourseId>,
        ids as &[AnnouncementId],
    )
    .fetch_all(conn)
    .await?)
}

/// Each of `people` who is in the organisation of one of `courses`, with their standing
/// there: who they are in the organisation and their role in the course, if any.
pub struct CourseViewer {
    pub course: CourseId,
    pub actor: Actor,
    pub course_role: Option<CourseRole>,
}

pub async fn viewers(conn: impl PgExecutor<'_>, courses: &[CourseId], people: &[UserId]) -> Result<Vec<CourseViewer>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT c.id AS "course: CourseId", u.id AS "id: UserId", u.org_id AS "org_id: OrgId", u.role AS "role: OrgRole",
                  u.department_id AS "department_id: DepartmentId", e.role AS "course_role?: CourseRole"
           FROM courses c JOIN users u ON u.org_id = c.org_id AND u.id = ANY($2) AND u.active
           LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = u.id
           WHERE c.id = ANY($1)"#,
        courses as &[CourseId],
        people as &[UserId],
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| CourseViewer {
            course: row.course,
            actor: Actor { id: row.id, org_id: row.org_id, role: row.role, department_id: row.department_id },
            course_role: row.course_role,
        })
        .collect())
}

pub async fn insert(
    conn: &mut PgConnection,
    org: OrgId,
    course: CourseId,
    author: UserId,
    body: &MessageBody,
) -> Result<AnnouncementId, AppError> {
    let id = AnnouncementId::new();
    sqlx::query!(
        "INSERT INTO announcements (id, org_id, course_id, author_id, body, body_html, plain) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id as AnnouncementId,
        org as OrgId,
        course as CourseId,
        author as UserId,
        body.as_str(),
        body.to_html(),
        body.to_plain(),
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Where an announcement of the organisation is, and who wrote it.
pub struct Placed {
    pub course: CourseId,
    pub author: UserId,
}

pub async fn placed(conn: &mut PgConnection, org: OrgId, id: AnnouncementId) -> Result<Placed, AppError> {
    sqlx::query_as!(
        Placed,
        r#"SELECT course_id AS "course: CourseId", author_id AS "author: UserId" FROM announcements WHERE org_id = $1 AND id = $2"#,
        org as OrgId,
        id as AnnouncementId,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn update(conn: &mut PgConnection, id: AnnouncementId, body: &MessageBody) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE announcements SET body = $2, body_html = $3, plain = $4, edited_at = clock_timestamp() WHERE id = $1",
        id as AnnouncementId,
        body.as_str(),
        body.to_html(),
        body.to_plain(),
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete(conn: &mut PgConnection, id: AnnouncementId) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM announcements WHERE id = $1", id as AnnouncementId).execute(conn).await?;
    Ok(())
}

/// An email to each active learner of the course about the new announcement, through the
/// outbox: it goes out after the usual delay, to those who want email.
pub async fn queue_emails(conn: &mut PgConnection, course: CourseId, id: AnnouncementId) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO email_outbox (id, org_id, recipient_id, announcement_id)
         SELECT gen_random_uuid(), e.org_id, e.user_id, $2
         FROM enrolments e JOIN users u ON u.id = e.user_id
         WHERE e.course_id = $1 AND e.role = 'learner' AND u.active",
        course as CourseId,
        id as AnnouncementId,
    )
    .execute(conn)
    .await?;
    Ok(())
}
