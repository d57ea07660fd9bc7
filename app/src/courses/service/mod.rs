//! Courses' services: reading a course, and one file per kind of change.

mod enrolment;
mod lifecycle;
mod teams;

use sqlx::{PgConnection, PgPool};

pub use enrolment::{enrol, enrol_by_title, unenrol};
pub use lifecycle::{create, set_status, update};
pub use teams::{create_team, set_team_member};

use super::model::{CourseAdminView, CourseRole, CourseStatus, CourseSummary, CourseView, RosterEntry};
use super::policy::{can_see_roster, can_view_course};
use super::queries;
use crate::auth::Actor;
use crate::error::AppError;
use crate::ids::CourseId;
use crate::org::policy::can_administer_org;

pub async fn list(pool: &PgPool, actor: &Actor) -> Result<Vec<CourseSummary>, AppError> {
    let all = actor.role.is_org_admin();
    queries::list(pool, actor.org_id, actor.id, all).await
}

/// Loads a course through the actor's membership (or org administration).
pub(super) async fn access(conn: &mut PgConnection, actor: &Actor, id: CourseId) -> Result<queries::CourseRow, AppError> {
    let row = queries::course(conn, actor.org_id, id, actor.id).await?;
    can_view_course(actor, row.my_role)?;
    Ok(row)
}

pub async fn view(pool: &PgPool, actor: &Actor, id: CourseId) -> Result<CourseView, AppError> {
    view_on(&mut *pool.acquire().await?, actor, id).await
}

async fn view_on(conn: &mut PgConnection, actor: &Actor, id: CourseId) -> Result<CourseView, AppError> {
    let row = access(&mut *conn, actor, id).await?;
    let mut roster = queries::roster(conn, id).await?;
    // Everyone sees the staff, without their email addresses; the rest is for the roster's readers.
    let staff: Vec<RosterEntry> = roster.iter().filter(|entry| entry.role.is_staff()).cloned().collect();
    // The button leads where the server would let it: the same target, the same policy.
    let can_contact_staff =
        row.my_role == Some(CourseRole::Learner) && crate::conversations::service::may_contact_instructor(conn, actor, id).await?;
    if can_see_roster(actor, row.my_role).is_err() {
        roster.clear();
    } else {
        let people: Vec<_> = roster.iter().map(|entry| entry.user_id).collect();
        let reachable = crate::conversations::service::reachable(conn, actor, &people).await?;
        for entry in &mut roster {
            entry.can_message = reachable.contains(&entry.user_id);
        }
    }
    Ok(CourseView {
        id: row.id,
        title: row.title,
        status: row.status,
        learner_dm_policy: row.learner_dm_policy,
        course_chats: row.course_chats,
        my_role: row.my_role,
        staff,
        can_contact_staff,
        roster,
    })
}

/// Whether a course the actor may see is archived, and the actor's role in it.
pub async fn standing(conn: &mut PgConnection, actor: &Actor, id: CourseId) -> Result<(CourseStatus, Option<CourseRole>), AppError> {
    let row = access(conn, actor, id).await?;
    Ok((row.status, row.my_role))
}

pub async fn admin_view(pool: &PgPool, actor: &Actor, id: CourseId) -> Result<CourseAdminView, AppError> {
    can_administer_org(actor)?;
    let mut conn = pool.acquire().await?;
    let course = view_on(&mut conn, actor, id).await?;
    let members = queries::members(&mut conn, id).await?;
    let teams = queries::teams(&mut conn, id).await?;
    Ok(CourseAdminView { course, members, teams })
}
