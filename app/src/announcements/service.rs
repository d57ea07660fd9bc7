//! Course announcements: read by everyone who sees the course, posted by its staff, changed
//! by their author and the organisation's admins.

use std::collections::HashMap;

use sqlx::{PgConnection, PgPool};

use super::model::Announcement;
use super::policy::{can_announce, can_change_announcement};
use super::queries::{self, AnnouncementRow};
use crate::auth::Actor;
use crate::courses::policy::can_view_course;
use crate::courses::CourseStatus;
use crate::error::AppError;
use crate::ids::{AnnouncementId, CourseId, UserId};
use crate::messages::MessageBody;
use crate::realtime::{notify, LiveEvent, Notice, NoticeKind};

/// The course's announcements, newest first, for anyone who sees the course.
pub async fn list(pool: &PgPool, actor: &Actor, course: CourseId) -> Result<Vec<Announcement>, AppError> {
    let mut conn = pool.acquire().await?;
    crate::courses::service::standing(&mut conn, actor, course).await?;
    let rows = queries::list(&mut *conn, course).await?;
    Ok(rows.iter().map(|row| row.view(actor)).collect())
}

/// The events a burst of notices makes about announcements, for those of the `listening`
/// users who see the course: the announcement as each of them sees it, or its deletion. Two
/// queries, however long the burst.
pub async fn live_events(pool: &PgPool, notices: &[Notice], listening: &[UserId]) -> Result<Vec<(UserId, LiveEvent)>, AppError> {
    let changed: Vec<(CourseId, AnnouncementId)> = notices
        .iter()
        .filter(|notice| notice.kind == NoticeKind::Announced)
        .filter_map(|notice| Some((notice.course?, notice.announcement?)))
        .collect();
    let mut courses: Vec<CourseId> = changed.iter().map(|(course, _)| *course).collect();
    courses.sort_unstable();
    courses.dedup();
    let viewers = queries::viewers(pool, &courses, listening).await?;
    let viewers: Vec<_> = viewers.iter().filter(|v| can_view_course(&v.actor, v.course_role).is_ok()).collect();
    if viewers.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<AnnouncementId> = changed.iter().map(|(_, id)| *id).collect();
    let rows: HashMap<AnnouncementId, AnnouncementRow> =
        queries::get_many(pool, &ids).await?.into_iter().map(|row| (row.id, row)).collect();
    let mut events = Vec::new();
    for (course, id) in changed {
        for viewer in viewers.iter().filter(|viewer| viewer.course == course) {
            let announcement = rows.get(&id).map(|row| row.view(&viewer.actor));
            events.push((viewer.actor.id, LiveEvent::Announced { course, id, announcement }));
        }
    }
    Ok(events)
}

impl AnnouncementRow {
    /// As `viewer` sees it: with its Markdown when they may change it.
    fn view(&self, viewer: &Actor) -> Announcement {
        Announcement {
            id: self.id,
            editable: can_change_announcement(viewer, self.author_id == viewer.id).is_ok().then(|| self.body.clone()),
            author_name: self.author_name.clone(),
            author_avatar: self.author_avatar.clone(),
            html: self.html.clone(),
            created_at: crate::messages::rfc3339(self.created_at),
            edited: self.edited,
        }
    }
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
    notify(&mut tx, &[Notice::announced(course, id)]).await?;
    tx.commit().await?;
    Ok(id)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, announcement = %id))]
pub async fn edit(pool: &PgPool, actor: &Actor, id: AnnouncementId, body: &str) -> Result<(), AppError> {
    let body = MessageBody::parse(body)?;
    let mut tx = pool.begin().await?;
    let course = check_change(&mut tx, actor, id).await?;
    queries::update(&mut tx, id, &body).await?;
    notify(&mut tx, &[Notice::announced(course, id)]).await?;
    Ok(tx.commit().await?)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, announcement = %id))]
pub async fn delete(pool: &PgPool, actor: &Actor, id: AnnouncementId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let course = check_change(&mut tx, actor, id).await?;
    queries::delete(&mut tx, id).await?;
    notify(&mut tx, &[Notice::announced(course, id)]).await?;
    Ok(tx.commit().await?)
}

/// An announcement the actor sees (else "not found") and may change (else "forbidden"): its
/// course.
async fn check_change(conn: &mut PgConnection, actor: &Actor, id: AnnouncementId) -> Result<CourseId, AppError> {
    let placed = queries::placed(conn, actor.org_id, id).await?;
    crate::courses::service::standing(conn, actor, placed.course).await?;
    can_change_announcement(actor, placed.author == actor.id)?;
    Ok(placed.course)
}
