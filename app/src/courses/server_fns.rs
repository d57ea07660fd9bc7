use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::model::{CourseAdminView, CourseForm, CourseRole, CourseStatus, CourseSummary, CourseView};
use crate::error::AppError;
use crate::ids::{CourseId, TeamId, UserId};

#[cfg(feature = "ssr")]
use crate::auth::{require_user, session::pool};

#[server(endpoint = "list_courses", output = crate::wire::Answer)]
pub async fn list_courses() -> Result<Vec<CourseSummary>, AppError> {
    let actor = require_user().await?;
    super::service::list(&pool()?, &actor).await
}

#[server(endpoint = "get_course", output = crate::wire::Answer)]
pub async fn get_course(id: CourseId) -> Result<CourseView, AppError> {
    let actor = require_user().await?;
    super::service::view(&pool()?, &actor, id).await
}

#[server(endpoint = "get_course_admin", output = crate::wire::Answer)]
pub async fn get_course_admin(id: CourseId) -> Result<CourseAdminView, AppError> {
    let actor = require_user().await?;
    super::service::admin_view(&pool()?, &actor, id).await
}

#[server(endpoint = "create_course", output = crate::wire::Answer)]
pub async fn create_course(form: CourseForm) -> Result<CourseId, AppError> {
    let actor = require_user().await?;
    let id = super::service::create(&pool()?, &actor, form).await?;
    leptos_axum::redirect(&format!("/admin/courses/{id}"));
    Ok(id)
}

#[server(endpoint = "update_course", output = crate::wire::Answer)]
pub async fn update_course(id: CourseId, form: CourseForm) -> Result<(), AppError> {
    let actor = require_user().await?;
    crate::forms::shown(UpdateCourse::PATH, super::service::update(&pool()?, &actor, id, form).await)
}

#[server(endpoint = "set_course_status", output = crate::wire::Answer)]
pub async fn set_course_status(id: CourseId, status: CourseStatus) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::set_status(&pool()?, &actor, id, status).await
}

#[server(endpoint = "enrol", output = crate::wire::Answer)]
pub async fn enrol(course: CourseId, user: UserId, role: CourseRole) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::enrol(&pool()?, &actor, course, user, role).await
}

#[server(endpoint = "unenrol", output = crate::wire::Answer)]
pub async fn unenrol(course: CourseId, user: UserId) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::unenrol(&pool()?, &actor, course, user).await
}

#[server(endpoint = "create_team", output = crate::wire::Answer)]
pub async fn create_team(course: CourseId, name: String) -> Result<TeamId, AppError> {
    let actor = require_user().await?;
    super::service::create_team(&pool()?, &actor, course, &name).await
}

#[server(endpoint = "set_team_member", output = crate::wire::Answer)]
pub async fn set_team_member(team: TeamId, user: UserId, member: bool) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::set_team_member(&pool()?, &actor, team, user, member).await
}
