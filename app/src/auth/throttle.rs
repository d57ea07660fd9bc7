//! Sign-in throttling per account and per client address, shared by every server instance.

use sqlx::PgPool;

use crate::error::AppError;

const WINDOW_SECS: i64 = 15 * 60;
const ACCOUNT_LIMIT: i64 = 5;
const ADDRESS_LIMIT: i64 = 20;

/// What a failure is counted against; the `throttle_scope` enum of the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "throttle_scope", rename_all = "snake_case")]
pub enum ThrottleScope {
    Account,
    Address,
}

pub struct Keys<'a> {
    pub account: &'a str,
    pub address: &'a str,
}

struct Failures {
    account: i64,
    address: i64,
}

pub async fn check(pool: &PgPool, keys: &Keys<'_>) -> Result<(), AppError> {
    let failures = sqlx::query_as!(
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
        WINDOW_SECS as f64,
    )
    .fetch_one(pool)
    .await?;
    if failures.account >= ACCOUNT_LIMIT || failures.address >= ADDRESS_LIMIT {
        return Err(AppError::RateLimited { retry_after_secs: WINDOW_SECS as u64 });
    }
    Ok(())
}

pub async fn record_failure(pool: &PgPool, keys: &Keys<'_>) -> Result<(), AppError> {
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

/// Clears the account's failures after a successful sign-in, and drops every failure that has
/// left the window.
pub async fn forget_account(pool: &PgPool, account: &str) -> Result<(), AppError> {
    sqlx::query!(
        "DELETE FROM sign_in_failures WHERE (scope = $1 AND key = $2) OR failed_at < now() - make_interval(secs => $3)",
        ThrottleScope::Account as ThrottleScope,
        account,
        WINDOW_SECS as f64,
    )
    .execute(pool)
    .await?;
    Ok(())
}
