//! Creating a course, changing its settings, archiving it.

use sqlx::PgPool;

use super::access;
use crate::auth::Actor;
use crate::conversations::service::{follow_course, set_course_chats};
use crate::courses::model::{CourseForm, CourseStatus};
use crate::courses::queries;
use crate::error::AppError;
use crate::ids::CourseId;
use crate::org::policy::can_administer_org;

#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create(pool: &PgPool, actor: &Actor, form: CourseForm) -> Result<CourseId, AppError> {
    can_administer_org(actor)?;
    let settings = form.parse()?;
    let mut tx = pool.begin().await?;
    let id = queries::insert(&mut tx, actor.org_id, &settings).await?;
    follow_course(&mut tx, id, None).await?;
    tx.commit().await?;
    Ok(id)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, course = %id))]
pub async fn update(pool: &PgPool, actor: &Actor, id: CourseId, form: CourseForm) -> Result<(), AppError> {
    can_administer_org(actor)?;
    let settings = form.parse()?;
    let mut tx = pool.begin().await?;
    let before = access(&mut tx, actor, id).await?;
    queries::update(&mut tx, actor.org_id, id, &settings).await?;
    if before.course_chats != settings.course_chats {
        set_course_chats(&mut tx, id, settings.course_chats).await?;
    }
    Ok(tx.commit().await?)
}

/// Archiving keeps everything: members, teams and every conversation stay readable.
#[tracing::instrument(skip_all, fields(actor = %actor.id, course = %id))]
pub async fn set_status(pool: &PgPool, actor: &Actor, id: CourseId, status: CourseStatus) -> Result<(), AppError> {
    can_administer_org(actor)?;
    let mut tx = pool.begin().await?;
    access(&mut tx, actor, id).await?;
    queries::set_status(&mut tx, actor.org_id, id, status).await?;
    Ok(tx.commit().await?)
}
