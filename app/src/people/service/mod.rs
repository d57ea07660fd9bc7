//! People's services, one file per action.

mod edit;
mod import;
mod profile;

use sqlx::{PgConnection, PgPool};

pub use edit::{create, set_active, update};
pub use import::import;
pub use profile::update_profile;

use super::model::{looks_like_email, OrgRole, UserForm, UserView};
use super::policy::{can_list_users, can_manage_user, in_own_department};
use super::queries;
use crate::auth::Actor;
use crate::error::AppError;
use crate::ids::{DepartmentId, UserId};
use crate::org::short_text;

pub async fn list(pool: &PgPool, actor: &Actor) -> Result<Vec<UserView>, AppError> {
    can_list_users(actor)?;
    let department = (actor.role == OrgRole::DepartmentAdmin).then_some(actor.department_id).flatten();
    if actor.role == OrgRole::DepartmentAdmin && department.is_none() {
        return Ok(Vec::new());
    }
    queries::list(pool, actor.org_id, department).await
}

/// Loads a user the actor may manage; someone in another organisation is "not found".
pub(super) async fn access(conn: &mut PgConnection, actor: &Actor, id: UserId) -> Result<UserView, AppError> {
    let user = queries::get(conn, actor.org_id, id).await?;
    can_manage_user(actor, queries::managed(&user))?;
    Ok(user)
}

pub async fn get(pool: &PgPool, actor: &Actor, id: UserId) -> Result<UserView, AppError> {
    access(&mut *pool.acquire().await?, actor, id).await
}

pub(super) struct ValidUser {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: OrgRole,
    pub department: Option<String>,
}

pub(super) fn validate(form: &UserForm) -> Result<ValidUser, AppError> {
    let email = form.email.trim().to_lowercase();
    if !looks_like_email(&email) {
        return Err(AppError::validation("email", "Enter a valid email address."));
    }
    Ok(ValidUser {
        email,
        first_name: short_text("first_name", "The first name", &form.first_name, 80)?,
        last_name: short_text("last_name", "The last name", &form.last_name, 80)?,
        role: OrgRole::parse(&form.role).ok_or_else(|| AppError::validation("role", "Choose a role."))?,
        department: Some(form.department.trim().to_owned()).filter(|d| !d.is_empty()),
    })
}

/// Department admins place people in their own department; others name any department.
pub(super) async fn department_for(conn: &mut PgConnection, actor: &Actor, name: Option<&str>) -> Result<Option<DepartmentId>, AppError> {
    if actor.role == OrgRole::DepartmentAdmin {
        let own = actor.department_id.ok_or(AppError::Forbidden)?;
        return match name {
            None => Ok(Some(own)),
            Some(name) => {
                let named = queries::ensure_department(conn, actor.org_id, name).await?;
                if in_own_department(actor, Some(named)) {
                    Ok(Some(own))
                } else {
                    Err(AppError::Forbidden)
                }
            }
        };
    }
    match name {
        Some(name) => Ok(Some(queries::ensure_department(conn, actor.org_id, name).await?)),
        None => Ok(None),
    }
}
