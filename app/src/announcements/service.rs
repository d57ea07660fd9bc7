//! Course announcements: read by everyone who sees the course, posted by its staff, changed
//! by their author and the organisation's admins.

use sqlx::{PgConnection, PgPool};

use super::model::Announcement;
use super::policy::{can_announce, can_change_announcement};
use super::queries;
use crate::auth::Actor;
use crate::courses::CourseStatus;
use crate::error::AppError;
use crate::ids::{AnnouncementId, CourseId};
use crate::messages::MessageBody;

/// The course's announcements, newest first, for anyone who sees the course.
pub async fn list(pool: &PgPool, actor: &Actor, course: CourseId) -> Result<Vec<Announcement>, AppError> {
    let mut conn = pool.acquire().await?;
    crate::courses::service::standing(&mut conn, actor, course).await?;
    let rows = queries::list(&mut conn, course).await?;
    Ok(rows
        .into_iter()
        .map(|row| Announcement {
            id: row.id,
            editable: can_change_announcement(actor, row.author_id == actor.id).is_ok().then_some(row.body),
            author_name: row.author_name,
            author_avatar: row.author_avatar,
            html: row.html,
            created_at: crate::messages::rfc3339(row.created_at),
            edited: row.edited,
        })
        .collect())
}

/// Posts an announcement on the course's page; each of its learners gets an email about it.
/// An archived course takes no new ones.
#[tracing::instrument(skip_all, fields(actor = %actor.id, course = %course))]
pub async fn post(pool: &PgPool, actor: &Actor, course: CourseId, body: &str) -> Result<AnnouncementId, AppError> {
    let body = MessageBody::parse(body)?;
    let mut tx = pool.begin().await?;
    let (status, my_role) = crate::courses::service::standing(&mut tx, actor, course).await?;
    can_announce(actor, my_role)?;
    if status == CourseStatus::Archived {
        return Err(AppError::Conflict("This course is archived: its history stays readable, but nothing new is posted.".into()));
    }
    let id = queries::insert(&mut tx, actor.org_id, course, actor.id, &body).await?;
    queries::queue_emails(&mut tx, course, id).await?;
    tx.commit().await?;
    Ok(id)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, announcement = %id))]
pub async fn edit(pool: &PgPool, actor: &Actor, id: AnnouncementId, body: &str) -> Result<(), AppError> {
    let body = MessageBody::parse(body)?;
    let mut tx = pool.begin().await?;
    check_change(&mut tx, actor, id).await?;
    queries::update(&mut tx, id, &body).await?;
    Ok(tx.commit().await?)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, announcement = %id))]
pub async fn delete(pool: &PgPool, actor: &Actor, id: AnnouncementId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    check_change(&mut tx, actor, id).await?;
    queries::delete(&mut tx, id).await?;
    Ok(tx.commit().await?)
}

/// An announcement the actor sees (else "not found") and may change (else "forbidden").
async fn check_change(conn: &mut PgConnection, actor: &Actor, id: AnnouncementId) -> Result<(), AppError> {
    let placed = queries::placed(conn, actor.org_id, id).await?;
    crate::courses::service::standing(conn, actor, placed.course).await?;
    can_change_announcement(actor, placed.author == actor.id)
}
