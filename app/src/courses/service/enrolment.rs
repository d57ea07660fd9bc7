//! Enrolling people in a course and unenrolling them; the course's chats follow.

use sqlx::{PgConnection, PgPool};

use super::access;
use crate::auth::Actor;
use crate::conversations::service::follow_course;
use crate::courses::model::CourseRole;
use crate::courses::queries;
use crate::error::AppError;
use crate::ids::{CourseId, UserId};
use crate::org::policy::can_administer_org;

#[tracing::instrument(skip_all, fields(actor = %actor.id, course = %course))]
pub async fn enrol(pool: &PgPool, actor: &Actor, course: CourseId, user: UserId, role: CourseRole) -> Result<(), AppError> {
    can_administer_org(actor)?;
    let mut tx = pool.begin().await?;
    access(&mut tx, actor, course).await?;
    queries::enrol(&mut tx, actor.org_id, course, user, role).await?;
    follow_course(&mut tx, course, Some(user)).await?;
    Ok(tx.commit().await?)
}

/// Enrols by course title, inside an import's transaction.
pub async fn enrol_by_title(conn: &mut PgConnection, actor: &Actor, title: &str, user: UserId, role: CourseRole) -> Result<(), AppError> {
    can_administer_org(actor)?;
    let course = queries::id_by_title(conn, actor.org_id, title)
        .await?
        .ok_or_else(|| AppError::validation("courses", format!("There is no course titled \"{title}\".")))?;
    queries::enrol(&mut *conn, actor.org_id, course, user, role).await?;
    follow_course(conn, course, Some(user)).await
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, course = %course))]
pub async fn unenrol(pool: &PgPool, actor: &Actor, course: CourseId, user: UserId) -> Result<(), AppError> {
    can_administer_org(actor)?;
    let mut tx = pool.begin().await?;
    access(&mut tx, actor, course).await?;
    queries::unenrol(&mut tx, course, user).await?;
    follow_course(&mut tx, course, Some(user)).await?;
    Ok(tx.commit().await?)
}
