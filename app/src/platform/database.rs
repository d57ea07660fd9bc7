//! The connection pool: to `DATABASE_URL` when set, otherwise to Confer's own cluster.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};

use super::embedded_pg::{self, EmbeddedPgError, EmbeddedPostgres};
use super::settings::Settings;

const DATABASE_NAME: &str = "confer";

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error(transparent)]
    Embedded(#[from] EmbeddedPgError),
    #[error("DATABASE_URL is not a PostgreSQL URL: {0}")]
    BadUrl(sqlx::Error),
    #[error("could not connect to the database: {0}")]
    Connect(sqlx::Error),
    #[error("a database migration failed, the server was not started: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub struct Database {
    pub pool: PgPool,
    embedded: Option<EmbeddedPostgres>,
}

impl Database {
    pub async fn open(settings: &Settings) -> Result<Self, DatabaseError> {
        match &settings.database_url {
            Some(url) => {
                let options: PgConnectOptions = secrecy::ExposeSecret::expose_secret(url).parse().map_err(DatabaseError::BadUrl)?;
                Ok(Self { pool: connect(options).await?, embedded: None })
            }
            None => {
                let bin = embedded_pg::locate_binaries(settings.pg_bin.as_deref(), &embedded_pg::default_candidates())?;
                let cluster = EmbeddedPostgres::start(bin, &settings.data_dir).await?;
                ensure_database(&cluster).await?;
                let pool = connect(cluster.connect_options(DATABASE_NAME)).await?;
                Ok(Self { pool, embedded: Some(cluster) })
            }
        }
    }

    pub fn is_embedded(&self) -> bool {
        self.embedded.is_some()
    }

    /// Closes the pool and stops the embedded cluster, if this process runs one.
    pub async fn close(self) -> Result<(), DatabaseError> {
        self.pool.close().await;
        match self.embedded {
            Some(cluster) => Ok(cluster.stop().await?),
            None => Ok(()),
        }
    }
}

pub async fn migrate(pool: &PgPool) -> Result<(), DatabaseError> {
    Ok(sqlx::migrate!("../migrations").run(pool).await?)
}

async fn connect(options: PgConnectOptions) -> Result<PgPool, DatabaseError> {
    let options = options.log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(DatabaseError::Connect)
}

async fn ensure_database(cluster: &EmbeddedPostgres) -> Result<(), DatabaseError> {
    let admin =
        PgPoolOptions::new().max_connections(1).connect_with(cluster.connect_options("postgres")).await.map_err(DatabaseError::Connect)?;
    if !super::queries::database_exists(&admin, DATABASE_NAME).await.map_err(DatabaseError::Connect)? {
        super::queries::create_database(&admin).await.map_err(DatabaseError::Connect)?;
    }
    admin.close().await;
    Ok(())
}
