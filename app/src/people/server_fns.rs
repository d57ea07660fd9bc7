use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::model::{DepartmentView, ImportReport, ProfileForm, UserForm, UserView};
use crate::error::AppError;
use crate::ids::UserId;

#[cfg(feature = "ssr")]
use crate::auth::{require_user, session::pool};

#[server(endpoint = "list_users", output = crate::wire::Answer)]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    let actor = require_user().await?;
    super::service::list(&pool()?, &actor).await
}

#[server(endpoint = "list_departments", output = crate::wire::Answer)]
pub async fn list_departments() -> Result<Vec<DepartmentView>, AppError> {
    let actor = require_user().await?;
    super::policy::can_list_users(&actor)?;
    super::queries::departments(&pool()?, actor.org_id).await
}

#[server(endpoint = "get_user", output = crate::wire::Answer)]
pub async fn get_user(id: UserId) -> Result<UserView, AppError> {
    let actor = require_user().await?;
    super::service::get(&pool()?, &actor, id).await
}

#[server(endpoint = "create_user", output = crate::wire::Answer)]
pub async fn create_user(form: UserForm) -> Result<UserView, AppError> {
    let actor = require_user().await?;
    crate::forms::shown(CreateUser::PATH, super::service::create(&pool()?, &actor, form).await)
}

#[server(endpoint = "update_user", output = crate::wire::Answer)]
pub async fn update_user(id: UserId, form: UserForm) -> Result<UserView, AppError> {
    let actor = require_user().await?;
    crate::forms::shown(UpdateUser::PATH, super::service::update(&pool()?, &actor, id, form).await)
}

#[server(endpoint = "set_user_active", output = crate::wire::Answer)]
pub async fn set_user_active(id: UserId, active: bool) -> Result<UserView, AppError> {
    let actor = require_user().await?;
    super::service::set_active(&pool()?, &actor, id, active).await
}

#[server(endpoint = "import_users", output = crate::wire::Answer)]
pub async fn import_users(csv: String) -> Result<ImportReport, AppError> {
    let actor = require_user().await?;
    crate::forms::shown(ImportUsers::PATH, super::service::import(&pool()?, &actor, &csv).await)
}

#[server(endpoint = "update_profile", output = crate::wire::Answer)]
pub async fn update_profile(form: ProfileForm) -> Result<(), AppError> {
    let actor = require_user().await?;
    crate::forms::shown(UpdateProfile::PATH, super::service::update_profile(&pool()?, &actor, form).await)
}
