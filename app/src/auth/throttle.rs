//! Sign-in throttling per account and per client address, shared by every server instance.

use sqlx::PgPool;

use super::queries;
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

pub async fn check(pool: &PgPool, keys: &Keys<'_>) -> Result<(), AppError> {
    let failures = queries::recent_failures(pool, keys, WINDOW_SECS).await?;
    if failures.account >= ACCOUNT_LIMIT || failures.address >= ADDRESS_LIMIT {
        return Err(AppError::RateLimited { retry_after_secs: WINDOW_SECS as u64 });
    }
    Ok(())
}

pub async fn record_failure(pool: &PgPool, keys: &Keys<'_>) -> Result<(), AppError> {
    queries::record_failures(pool, keys).await
}

/// Clears the account's failures after a successful sign-in, and drops every failure that has
/// left the window.
pub async fn forget_account(pool: &PgPool, account: &str) -> Result<(), AppError> {
    queries::forget_failures(pool, account, WINDOW_SECS).await
}
