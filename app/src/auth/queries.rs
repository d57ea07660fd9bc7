use sqlx::PgPool;

use super::model::{Actor, CurrentUser};
use super::throttle::{Keys, ThrottleScope};
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
    // `users.email` is citext, which the query macros have no Rust type for: bound as text.
    Ok(sqlx::query_as!(
        Credentials,
        r#"SELECT id AS "id: UserId", password_hash, active, session_epoch FROM users WHERE email = $1"#,
        email as &str,
    )
    .fetch_optional(pool)
    .await?)
}

pub async fn password_hash(pool: &PgPool, user: UserId) -> Result<String, AppError> {
    Ok(sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", user as UserId).fetch_one(pool).await?)
}

/// Sets a new password and ends every other session; returns the new epoch.
pub async fn set_password(pool: &PgPool, user: UserId, hash: &str) -> Result<i32, AppError> {
    Ok(sqlx::query_scalar!(
        "UPDATE users SET password_hash = $2, session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch",
        user as UserId,
        hash,
    )
    .fetch_one(pool)
    .await?)
}

struct CurrentRow {
    id: UserId,
    org_id: OrgId,
    role: OrgRole,
    department_id: Option<DepartmentId>,
    first_name: String,
    last_name: String,
    email: String,
    avatar: Option<String>,
    email_notifications: bool,
    org_name: String,
    label_learner: String,
    label_instructor: String,
    label_course: String,
}

pub async fn current_user(pool: &PgPool, user: UserId, epoch: i32) -> Result<Option<CurrentUser>, AppError> {
    let row = sqlx::query_as!(
        CurrentRow,
        r#"SELECT u.id AS "id: UserId", u.org_id AS "org_id: OrgId", u.role AS "role: OrgRole",
                  u.department_id AS "department_id: DepartmentId", u.first_name, u.last_name, u.email::text AS "email!",
                  u.avatar, u.email_notifications, o.name AS org_name, o.label_learner, o.label_instructor, o.label_course
         FROM users u JOIN organisations o ON o.id = u.org_id
         WHERE u.id = $1 AND u.active AND u.session_epoch = $2"#,
        user as UserId,
        epoch,
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| CurrentUser {
        actor: Actor { id: row.id, org_id: row.org_id, role: row.role, department_id: row.department_id },
        first_name: row.first_name,
        last_name: row.last_name,
        email: row.email,
        avatar: row.avatar,
        org_name: row.org_name,
        labels: Labels { learner: row.label_learner, instructor: row.label_instructor, course: row.label_course },
        email_notifications: row.email_notifications,
    }))
}

/// Failed sign-ins within the window, per account and per address.
pub struct Failures {
    pub account: i64,
    pub address: i64,
}

pub async fn recent_failures(pool: &PgPool, keys: &Keys<'_>, window_secs: i64) -> Result<Failures, AppError> {
    Ok(sqlx::query_as!(
        Failures,
        r#"SELECT count(*) FILTER (WHERE scope = $1 AND key = $2) AS "account!",
                  count(*) FILTER (WHERE scope = $3 AND key = $4) AS "address!"
         FROM sign_in_failures
         WHERE ((scope = $1 AND key = $2) OR (scope = $3 AND key = $4))
           AND failed_at > now() - make_interval(secs => $5)"#,
        ThrottleScope::Account as ThrottleScope,
        keys.account,
        ThrottleScope::Address as ThrottleScope,
        keys.address,
        window_secs as f64,
    )
    .fetch_one(pool)
    .await?)
}

pub async fn record_failures(pool: &PgPool, keys: &Keys<'_>) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO sign_in_failures (scope, key) VALUES ($1, $2), ($3, $4)",
        ThrottleScope::Account as ThrottleScope,
        keys.account,
        ThrottleScope::Address as ThrottleScope,
        keys.address,
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn forget_failures(pool: &PgPool, account: &str, window_secs: i64) -> Result<(), AppError> {
    sqlx::query!(
        "DELETE FROM sign_in_failures WHERE (scope = $1 AND key = $2) OR failed_at < now() - make_interval(secs => $3)",
        ThrottleScope::Account as ThrottleScope,
        account,
        window_secs as f64,
    )
    .execute(pool)
    .await?;
    Ok(())
}
