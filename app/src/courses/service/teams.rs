//! A course's teams and who is in them; each team's chat follows.

use sqlx::PgPool;

use super::access;
use crate::auth::Actor;
use crate::conversations::service::follow_course;
use crate::courses::queries;
use crate::error::AppError;
use crate::ids::{CourseId, TeamId, UserId};
use crate::org::policy::can_administer_org;
use crate::org::short_text;

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
