//! Sign-in throttling per account and per client address, shared by every server instance.

use sqlx::PgPool;

use crate::error::AppError;

const WINDOW_SECS: i64 = 15 * 60;
const ACCOUNT_LIMIT: i64 = 5;
const ADDRESS_LIMIT: i64 = 20;

pub struct Keys<'a> {
    pub account: &'a str,
    pub address: &'a str,
}

pub async fn check(pool: &PgPool, keys: &Keys<'_>) -> Result<(), AppError> {
    let (account, address): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE scope = 'account' AND key = $1),
                count(*) FILTER (WHERE scope = 'address' AND key = $2)
         FROM sign_in_failures
         WHERE ((scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2))
           AND failed_at > now() - make_interval(secs => $3)",
    )
    .bind(keys.account)
    .bind(keys.address)
    .bind(WINDOW_SECS as f64)
    .fetch_one(pool)
    .await?;
    if account >= ACCOUNT_LIMIT || address >= ADDRESS_LIMIT {
        return Err(AppError::RateLimited { retry_after_secs: WINDOW_SECS as u64 });
    }
    Ok(())
}

pub async fn record_failure(pool: &PgPool, keys: &Keys<'_>) -> Result<(), AppError> {
    sqlx::query("INSERT INTO sign_in_failures (scope, key) VALUES ('account', $1), ('address', $2)")
        .bind(keys.account)
        .bind(keys.address)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn forget_account(pool: &PgPool, account: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE (scope = 'account' AND key = $1) OR failed_at < now() - make_interval(secs => $2)")
        .bind(account)
        .bind(WINDOW_SECS as f64)
        .execute(pool)
        .await?;
    Ok(())
}
