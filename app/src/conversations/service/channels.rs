//! Announcement channels: one click opens one for everyone of a course role, in a course or
//! in the whole organisation; its people then follow enrolments, and only staff post.

use sqlx::PgPool;

use crate::auth::Actor;
use crate::conversations::model::ChannelChoice;
use crate::conversations::policy::can_create_channel;
use crate::conversations::queries;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId};
use crate::realtime::{notify, Notice};

/// Opens the channel for `role` in `course` (or the organisation's, for `None`), or finds the
/// one already open; everyone it names finds it in their inbox at once.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create_channel(pool: &PgPool, actor: &Actor, course: Option<CourseId>, role: CourseRole) -> Result<ConversationId, AppError> {
    let mut tx = pool.begin().await?;
    let standing = match course {
        Some(course) => Some(queries::standing(&mut tx, actor.org_id, course, actor.id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    can_create_channel(actor, standing.as_ref().and_then(|s| s.role), course.is_none())?;
    let labels = crate::org::service::labels(&mut tx, actor.org_id).await?;
    let choice = ChannelChoice { course, course_title: standing.map(|s| s.title), role, existing: None };
    let mut title: String = format!("Announcements: {}", choice.audience(&labels)).chars().take(super::NAME_MAX).collect();
    title = title.trim().to_owned();
    let id = queries::find_or_create_channel(&mut tx, actor.org_id, course, role, actor.id, &title).await?;
    queries::sync_channels(&mut tx, Some(id), None, None).await?;
    notify(&mut tx, &[Notice::changed(id)]).await?;
    tx.commit().await?;
    Ok(id)
}

/// Where the actor may open channels, and those already open there.
pub async fn channel_choices(pool: &PgPool, actor: &Actor) -> Result<Vec<ChannelChoice>, AppError> {
    if actor.role == crate::people::OrgRole::Learner {
        return Err(AppError::Forbidden);
    }
    let mut conn = pool.acquire().await?;
    queries::channel_choices(&mut conn, actor.org_id, actor.id, actor.role.is_org_admin()).await
}
