use sqlx::{PgConnection, PgPool};

use super::model::{DepartmentView, OrgRole, UserView};
use super::policy::Managed;
use crate::error::AppError;
use crate::ids::{DepartmentId, OrgId, UserId};

const USER_COLUMNS: &str = "u.id, u.email::text, u.first_name, u.last_name, u.role, u.department_id, d.name, u.active, u.avatar";

type UserRow = (UserId, String, String, String, OrgRole, Option<DepartmentId>, Option<String>, bool, Option<String>);

fn view((id, email, first_name, last_name, role, department_id, department, active, avatar): UserRow) -> UserView {
    UserView { id, email, first_name, last_name, role, department_id, department, active, avatar }
}

pub async fn list(pool: &PgPool, org: OrgId, department: Option<DepartmentId>) -> Result<Vec<UserView>, AppError> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users u LEFT JOIN departments d ON d.id = u.department_id
         WHERE u.org_id = $1 AND ($2::uuid IS NULL OR u.department_id = $2)
         ORDER BY u.last_name, u.first_name, u.id"
    ))
    .bind(org)
    .bind(department)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(view).collect())
}

pub async fn get(conn: &mut PgConnection, org: OrgId, id: UserId) -> Result<UserView, AppError> {
    let row: UserRow = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users u LEFT JOIN departments d ON d.id = u.department_id
         WHERE u.org_id = $1 AND u.id = $2"
    ))
    .bind(org)
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(view(row))
}

pub fn managed(user: &UserView) -> Managed {
    Managed { role: user.role, department_id: user.department_id }
}

pub async fn departments(pool: &PgPool, org: OrgId) -> Result<Vec<DepartmentView>, AppError> {
    let rows: Vec<(DepartmentId, String)> = sqlx::query_as("SELECT id, name FROM departments WHERE org_id = $1 ORDER BY name")
        .bind(org)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|(id, name)| DepartmentView { id, name }).collect())
}

pub async fn ensure_department(conn: &mut PgConnection, org: OrgId, name: &str) -> Result<DepartmentId, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO departments (id, org_id, name) VALUES ($1, $2, $3)
         ON CONFLICT (org_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
    )
    .bind(DepartmentId::new())
    .bind(org)
    .bind(name)
    .fetch_one(conn)
    .await?)
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub role: OrgRole,
    pub department_id: Option<DepartmentId>,
    pub password_hash: &'a str,
}

pub async fn insert(conn: &mut PgConnection, org: OrgId, user: &NewUser<'_>) -> Result<UserId, AppError> {
    let id = UserId::new();
    sqlx::query(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, department_id, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(org)
    .bind(user.email)
    .bind(user.first_name)
    .bind(user.last_name)
    .bind(user.role)
    .bind(user.department_id)
    .bind(user.password_hash)
    .execute(conn)
    .await
    .map_err(email_taken)?;
    Ok(id)
}

pub async fn update(conn: &mut PgConnection, org: OrgId, id: UserId, user: &NewUser<'_>) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET email = $3, first_name = $4, last_name = $5, role = $6, department_id = $7
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org)
    .bind(id)
    .bind(user.email)
    .bind(user.first_name)
    .bind(user.last_name)
    .bind(user.role)
    .bind(user.department_id)
    .execute(conn)
    .await
    .map_err(email_taken)?;
    Ok(())
}

/// Deactivating also ends every session of the user, at once.
pub async fn set_active(conn: &mut PgConnection, org: OrgId, id: UserId, active: bool) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET active = $3, session_epoch = session_epoch + CASE WHEN $3 THEN 0 ELSE 1 END
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org)
    .bind(id)
    .bind(active)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_profile(pool: &PgPool, id: UserId, first_name: &str, last_name: &str, avatar: Option<&str>, email_notifications: bool) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET first_name = $2, last_name = $3, avatar = $4, email_notifications = $5 WHERE id = $1")
        .bind(id)
        .bind(first_name)
        .bind(last_name)
        .bind(avatar)
        .bind(email_notifications)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn avatar(pool: &PgPool, id: UserId) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar("SELECT avatar FROM users WHERE id = $1").bind(id).fetch_one(pool).await?)
}

fn email_taken(err: sqlx::Error) -> AppError {
    match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("users_email_key") => {
            AppError::validation("email", "Someone already uses this email address.")
        }
        _ => err.into(),
    }
}
