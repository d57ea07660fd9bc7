use sqlx::PgPool;

use super::model::{Actor, CurrentUser};
use crate::error::AppError;
use crate::ids::{DepartmentId, OrgId, UserId};
use crate::org::Labels;
use crate::people::OrgRole;

pub struct Credentials {
    pub id: UserId,
    pub password_hash: String,
    pub active: bool,
    pub session_epoch: i32,
}

pub async fn credentials(pool: &PgPool, email: &str) -> Result<Option<Credentials>, AppError> {
    let row: Option<(UserId, String, bool, i32)> =
        sqlx::query_as("SELECT id, password_hash, active, session_epoch FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, password_hash, active, session_epoch)| Credentials { id, password_hash, active, session_epoch }))
}

pub async fn password_hash(pool: &PgPool, user: UserId) -> Result<String, AppError> {
    Ok(sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(user).fetch_one(pool).await?)
}

/// Sets a new password and ends every other session; returns the new epoch.
pub async fn set_password(pool: &PgPool, user: UserId, hash: &str) -> Result<i32, AppError> {
    Ok(sqlx::query_scalar(
        "UPDATE users SET password_hash = $2, session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch",
    )
    .bind(user)
    .bind(hash)
    .fetch_one(pool)
    .await?)
}

type CurrentRow = (UserId, OrgId, OrgRole, Option<DepartmentId>, String, String, String, Option<String>, bool, String, String, String, String);

pub async fn current_user(pool: &PgPool, user: UserId, epoch: i32) -> Result<Option<CurrentUser>, AppError> {
    let row: Option<CurrentRow> = sqlx::query_as(
        "SELECT u.id, u.org_id, u.role, u.department_id, u.first_name, u.last_name, u.email::text, u.avatar, u.email_notifications,
                o.name, o.label_learner, o.label_instructor, o.label_course
         FROM users u JOIN organisations o ON o.id = u.org_id
         WHERE u.id = $1 AND u.active AND u.session_epoch = $2",
    )
    .bind(user)
    .bind(epoch)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, org_id, role, department_id, first_name, last_name, email, avatar, email_notifications, org_name, learner, instructor, course)| {
        CurrentUser {
            actor: Actor { id, org_id, role, department_id },
            first_name,
            last_name,
            email,
            avatar,
            org_name,
            labels: Labels { learner, instructor, course },
            email_notifications,
        }
    }))
}
