use sqlx::{Connection, PgConnection, PgPool};

use super::csv_import;
use super::model::{looks_like_email, OrgRole, UserForm, UserView, AVATAR_PRESETS, UPLOAD_PREFIX};
use super::model::{ImportReport, ProfileForm, RowError};
use super::policy::{can_list_users, can_manage_user, in_own_department, Managed};
use super::queries::{self, NewUser};
use crate::auth::{password, Actor, NewPassword};
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
async fn access(conn: &mut PgConnection, actor: &Actor, id: UserId) -> Result<UserView, AppError> {
    let user = queries::get(conn, actor.org_id, id).await?;
    can_manage_user(actor, queries::managed(&user))?;
    Ok(user)
}

pub async fn get(pool: &PgPool, actor: &Actor, id: UserId) -> Result<UserView, AppError> {
    access(&mut *pool.acquire().await?, actor, id).await
}

struct ValidUser {
    email: String,
    first_name: String,
    last_name: String,
    role: OrgRole,
    department: Option<String>,
}

fn validate(form: &UserForm) -> Result<ValidUser, AppError> {
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
async fn department_for(conn: &mut PgConnection, actor: &Actor, name: Option<&str>) -> Result<Option<DepartmentId>, AppError> {
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
    let view = queries::get(&mut tx, actor.org_id, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Imports people and their enrolments from CSV: all rows, or none.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn import(pool: &PgPool, actor: &Actor, text: &str) -> Result<ImportReport, AppError> {
    can_list_users(actor)?;
    let rows = match csv_import::parse(text) {
        Ok(rows) => rows,
        Err(errors) => return Ok(ImportReport { created: 0, errors }),
    };
    let mut hashes = Vec::with_capacity(rows.len());
    for row in &rows {
        hashes.push(password::hash(row.password.expose().to_owned()).await?);
    }
    let mut tx = pool.begin().await?;
    let mut errors = Vec::new();
    for (row, hash) in rows.iter().zip(&hashes) {
        if let Err(err) = import_row(&mut tx, actor, row, hash).await {
            errors.push(RowError { line: row.line, message: err.to_string() });
        }
    }
    if !errors.is_empty() {
        tx.rollback().await?;
        return Ok(ImportReport { created: 0, errors });
    }
    tx.commit().await?;
    Ok(ImportReport { created: rows.len(), errors })
}

async fn import_row(tx: &mut PgConnection, actor: &Actor, row: &csv_import::ImportRow, hash: &str) -> Result<(), AppError> {
    // A savepoint per row (a transaction begun inside the import's), so one bad row does not
    // hide the errors of the rows after it.
    let mut savepoint = tx.begin().await?;
    let result = async {
        let department_id = department_for(&mut savepoint, actor, row.department.as_deref()).await?;
        can_manage_user(actor, Managed { role: row.role, department_id })?;
        let new = NewUser {
            email: &row.email,
            first_name: &row.first_name,
            last_name: &row.last_name,
            role: row.role,
            department_id,
            password_hash: hash,
        };
        let id = queries::insert(&mut savepoint, actor.org_id, &new).await?;
        for (title, role) in &row.courses {
            crate::courses::service::enrol_by_title(&mut savepoint, actor, title, id, *role).await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => savepoint.commit().await?,
        Err(_) => savepoint.rollback().await?,
    }
    result
}

pub async fn update_profile(pool: &PgPool, actor: &Actor, form: ProfileForm) -> Result<(), AppError> {
    let first = short_text("first_name", "The first name", &form.first_name, 80)?;
    let last = short_text("last_name", "The last name", &form.last_name, 80)?;
    let current = queries::avatar(pool, actor.id).await?;
    let avatar = match form.avatar.trim() {
        "" => None,
        preset if AVATAR_PRESETS.contains(&preset) => Some(preset),
        // Keeping one's own uploaded picture; another person's file name is refused.
        upload if upload.starts_with(UPLOAD_PREFIX) && current.as_deref() == Some(upload) => Some(upload),
        _ => return Err(AppError::validation("avatar", "Choose one of the offered pictures.")),
    };
    queries::set_profile(pool, actor.id, &first, &last, avatar, form.email_notifications.is_some()).await
}
