use sqlx::{PgConnection, PgPool};

use super::model::{CourseAdminView, CourseForm, CourseRole, CourseStatus, CourseSummary, CourseView};
use super::policy::can_view_course;
use super::queries;
use crate::auth::Actor;
use crate::conversations::service::{follow_course, set_course_chats};
use crate::error::AppError;
use crate::ids::{CourseId, TeamId, UserId};
use crate::org::policy::can_administer_org;
use crate::org::short_text;

pub async fn list(pool: &PgPool, actor: &Actor) -> Result<Vec<CourseSummary>, AppError> {
    let all = actor.role.is_org_admin();
    queries::list(pool, actor.org_id, actor.id, all).await
}

/// Loads a course through the actor's membership (or org administration).
async fn access(conn: &mut PgConnection, actor: &Actor, id: CourseId) -> Result<queries::CourseRow, AppError> {
    let row = queries::course(conn, actor.org_id, id, actor.id).await?;
    can_view_course(actor, row.my_role)?;
    Ok(row)
}

pub async fn view(pool: &PgPool, actor: &Actor, id: CourseId) -> Result<CourseView, AppError> {
    view_on(&mut *pool.acquire().await?, actor, id).await
}

async fn view_on(conn: &mut PgConnection, actor: &Actor, id: CourseId) -> Result<CourseView, AppError> {
    let row = access(&mut *conn, actor, id).await?;
    let staff = queries::members(conn, id, true).await?;
    // The button leads where the server would let it: the same target, the same policy.
    let can_contact_staff =
        row.my_role == Some(CourseRole::Learner) && crate::conversations::service::may_contact_instructor(conn, actor, id).await?;
    Ok(CourseView {
        id: row.id,
        title: row.title,
        status: row.status,
        learner_dm_policy: row.learner_dm_policy,
        course_chats: row.course_chats,
        my_role: row.my_role,
        staff,
        can_contact_staff,
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
    let members = queries::members(&mut conn, id, false).await?;
    let teams = queries::teams(&mut conn, id).await?;
    Ok(CourseAdminView { course, members, teams })
}

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

#[tracing::instrument(skip_all, fields(actor = %actor.id, course = %course))]
pub async fn create_team(pool: &PgPool, actor: &Actor, course: CourseId, name: &str) -> Result<TeamId, AppError> {
    can_administer_org(actor)?;
    let name = short_text("name", "The team name", name, 80)?;
    let mut tx = pool.begin().await?;
    access(&mut tx, actor, course).await?;
    let id = queries::insert_team(&mut tx, actor.org_id, course, &name).await?;
    follow_course(&mut tx, course, None).await?;
    tx.commit().await?;
    Ok(id)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, team = %team))]
pub async fn set_team_member(pool: &PgPool, actor: &Actor, team: TeamId, user: UserId, member: bool) -> Result<(), AppError> {
    can_administer_org(actor)?;
    let mut tx = pool.begin().await?;
    let course = queries::team_course(&mut tx, actor.org_id, team).await?;
    if member {
        queries::add_team_member(&mut tx, actor.org_id, team, user).await?;
    } else {
        queries::remove_team_member(&mut tx, team, user).await?;
    }
    follow_course(&mut tx, course, Some(user)).await?;
    Ok(tx.commit().await?)
}
