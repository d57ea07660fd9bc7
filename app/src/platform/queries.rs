use sqlx::PgPool;

/// One round trip to the database, for the health check.
pub async fn ping(pool: &PgPool) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT 1 AS "one!""#).fetch_one(pool).await
}

pub async fn database_exists(admin: &PgPool, name: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS "exists!""#, name).fetch_one(admin).await
}

/// Creates the embedded cluster's database. A name cannot be a bind parameter; this one is
/// `database::DATABASE_NAME`.
pub async fn create_database(admin: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query!("CREATE DATABASE confer").execute(admin).await.map(drop)
}
