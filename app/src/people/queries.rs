use sqlx::{PgConnection, PgPool};

use super::model::{DepartmentView, OrgRole, UserView};
use super::policy::Managed;
use crate::error::AppError;
use crate::ids::{DepartmentId, OrgId, UserId};

// `users.email` is citext, which the query macros have no Rust type for: it is read as
// `email::text` and bound as text (`email as &str`).

pub async fn list(pool: &PgPool, org: OrgId, department: Option<DepartmentId>) -> Result<Vec<UserView>, AppError> {
    Ok(sqlx::query_as!(
        UserView,
        r#"SELECT u.id AS "id: UserId", u.email::text AS "email!", u.first_name, u.last_name, u.role AS "role: OrgRole",
                  u.department_id AS "department_id: DepartmentId", d.name AS "department?", u.active, u.avatar
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
         WHERE u.org_id = $1 AND ($2::uuid IS NULL OR u.department_id = $2)
         ORDER BY u.last_name, u.first_name, u.id"#,
        org as OrgId,
        department as Option<DepartmentId>,
    )
    .fetch_all(pool)
    .await?)
}

pub async fn get(conn: &mut PgConnection, org: OrgId, id: UserId) -> Result<UserView, AppError> {
    Ok(sqlx::query_as!(
        UserView,
        r#"SELECT u.id AS "id: UserId", u.email::text AS "email!", u.first_name, u.last_name, u.role AS "role: OrgRole",
                  u.department_id AS "department_id: DepartmentId", d.name AS "department?", u.active, u.avatar
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
         WHERE u.org_id = $1 AND u.id = $2"#,
        org as OrgId,
        id as UserId,
    )
    .fetch_one(conn)
    .await?)
}

pub fn managed(user: &UserView) -> Managed {
    Managed { role: user.role, department_id: user.department_id }
}

pub async fn departments(pool: &PgPool, org: OrgId) -> Result<Vec<DepartmentView>, AppError> {
    Ok(sqlx::query_as!(
        DepartmentView,
        r#"SELECT id AS "id: DepartmentId", name FROM departments WHERE org_id = $1 ORDER BY name"#,
        org as OrgId,
    )
    .fetch_all(pool)
    .await?)
}

pub async fn ensure_department(conn: &mut PgConnection, org: OrgId, name: &str) -> Result<DepartmentId, AppError> {
    let id = DepartmentId::new();
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO departments (id, org_id, name) VALUES ($1, $2, $3)
         ON CONFLICT (org_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id AS "id: DepartmentId""#,
        id as DepartmentId,
        org as OrgId,
        name,
    )
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
    sqlx::query!(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, department_id, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        id as UserId,
        org as OrgId,
        user.email as &str,
        user.first_name,
        user.last_name,
        user.role as OrgRole,
        user.department_id as Option<DepartmentId>,
        user.password_hash,
    )
    .execute(conn)
    .await
    .map_err(email_taken)?;
    Ok(id)
}

pub async fn update(conn: &mut PgConnection, org: OrgId, id: UserId, user: &NewUser<'_>) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE users SET email = $3, first_name = $4, last_name = $5, role = $6, department_id = $7
         WHERE org_id = $1 AND id = $2",
        org as OrgId,
        id as UserId,
        user.email as &str,
        user.first_name,
        user.last_name,
        user.role as OrgRole,
        user.department_id as Option<DepartmentId>,
    )
    .execute(conn)
    .await
    .map_err(email_taken)?;
    Ok(())
}

/// Deactivating also ends every session of the user, at once.
pub async fn set_active(conn: &mut PgConnection, org: OrgId, id: UserId, active: bool) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE users SET active = $3, session_epoch = session_epoch + CASE WHEN $3 THEN 0 ELSE 1 END
         WHERE org_id = $1 AND id = $2",
        org as OrgId,
        id as UserId,
        active,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_profile(
    pool: &PgPool,
    id: UserId,
    first_name: &str,
    last_name: &str,
    avatar: Option<&str>,
    email_notifications: bool,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE users SET first_name = $2, last_name = $3, avatar = $4, email_notifications = $5 WHERE id = $1",
        id as UserId,
        first_name,
        last_name,
        avatar,
        email_notifications,
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn avatar(pool: &PgPool, id: UserId) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar!("SELECT avatar FROM users WHERE id = $1", id as UserId).fetch_one(pool).await?)
}

/// Points the user's avatar at a picture they just uploaded.
pub async fn set_avatar(pool: &PgPool, id: UserId, avatar: &str) -> Result<(), AppError> {
    sqlx::query!("UPDATE users SET avatar = $2 WHERE id = $1", id as UserId, avatar).execute(pool).await?;
    Ok(())
}

/// Whether someone or some group of the organisation shows this picture: only then may its
/// people see it.
pub async fn avatar_in_org(pool: &PgPool, org: OrgId, avatar: &str) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE org_id = $1 AND avatar = $2)
               OR EXISTS (SELECT 1 FROM conversations WHERE org_id = $1 AND avatar = $2) AS "exists!""#,
        org as OrgId,
        avatar,
    )
    .fetch_one(pool)
    .await?)
}

fn email_taken(err: sqlx::Error) -> AppError {
    match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("users_email_key") => {
            AppError::validation("email", "Someone already uses this email address.")
        }
        _ => err.into(),
    }
}
