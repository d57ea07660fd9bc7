use sqlx::PgPool;

use super::{access, department_for, validate};
use crate::auth::{password, Actor, NewPassword};
use crate::error::AppError;
use crate::ids::UserId;
use crate::people::model::{UserForm, UserView};
use crate::people::policy::{can_list_users, can_manage_user, Managed};
use crate::people::queries::{self, NewUser};

#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create(pool: &PgPool, actor: &Actor, form: UserForm) -> Result<UserView, AppError> {
    can_list_users(actor)?;
    let user = validate(&form)?;
    let password = NewPassword::parse("password", form.password.into_inner())?;
    let hash = password::hash(password.expose().to_owned()).await?;
    let mut tx = pool.begin().await?;
    let department_id = department_for(&mut tx, actor, user.department.as_deref()).await?;
    // The person must end up as someone the actor may manage.
    can_manage_user(actor, Managed { role: user.role, department_id })?;
    let new = NewUser {
        email: &user.email,
        first_name: &user.first_name,
        last_name: &user.last_name,
        role: user.role,
        department_id,
        password_hash: &hash,
    };
    let id = queries::insert(&mut tx, actor.org_id, &new).await?;
    let view = queries::get(&mut tx, actor.org_id, id).await?;
    tx.commit().await?;
    Ok(view)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, user = %id))]
pub async fn update(pool: &PgPool, actor: &Actor, id: UserId, form: UserForm) -> Result<UserView, AppError> {
    let mut tx = pool.begin().await?;
    access(&mut tx, actor, id).await?;
    let user = validate(&form)?;
    let department_id = department_for(&mut tx, actor, user.department.as_deref()).await?;
    // The person must end up as someone the actor may manage.
    can_manage_user(actor, Managed { role: user.role, department_id })?;
    if id == actor.id && user.role != actor.role {
        return Err(AppError::Conflict("You cannot change your own role.".into()));
    }
    let changed = NewUser {
        email: &user.email,
        first_name: &user.first_name,
        last_name: &user.last_name,
        role: user.role,
        department_id,
        password_hash: "",
    };
    queries::update(&mut tx, actor.org_id, id, &changed).await?;
    let view = queries::get(&mut tx, actor.org_id, id).await?;
    tx.commit().await?;
    Ok(view)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, user = %id, active))]
pub async fn set_active(pool: &PgPool, actor: &Actor, id: UserId, active: bool) -> Result<UserView, AppError> {
    let mut tx = pool.begin().await?;
    access(&mut tx, actor, id).await?;
    if id == actor.id && !active {
        return Err(AppError::Conflict("You cannot deactivate yourself.".into()));
    }
    queries::set_active(&mut tx, actor.org_id, id, active).await?;
    if !active {
        crate::realtime::notify(&mut tx, &[crate::realtime::Notice::sessions_ended(id)]).await?;
    }
    let view = queries::get(&mut tx, actor.org_id, id).await?;
    tx.commit().await?;
    Ok(view)
}
