use std::os::unix::fs::PermissionsExt;

use app::platform::embedded_pg::{default_candidates, locate_binaries, EmbeddedPostgres};
use sqlx::postgres::PgPoolOptions;

#[tokio::test]
async fn the_embedded_cluster_keeps_its_data_across_a_restart() {
    let data_dir = tempfile::tempdir().unwrap();
    // The cluster may run as the `postgres` account, which must be able to enter the folder.
    std::fs::set_permissions(data_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = locate_binaries(None, &default_candidates()).expect("PostgreSQL binaries on this machine");

    let first = EmbeddedPostgres::start(bin.clone(), data_dir.path()).await.unwrap();
    let pool = PgPoolOptions::new().connect_with(first.connect_options("postgres")).await.unwrap();
    sqlx::query("CREATE TABLE kept (note text)").execute(&pool).await.unwrap();
    sqlx::query("INSERT INTO kept VALUES ('still here')").execute(&pool).await.unwrap();
    pool.close().await;
    first.stop().await.unwrap();

    let second = EmbeddedPostgres::start(bin, data_dir.path()).await.unwrap();
    let pool = PgPoolOptions::new().connect_with(second.connect_options("postgres")).await.unwrap();
    let note: String = sqlx::query_scalar("SELECT note FROM kept").fetch_one(&pool).await.unwrap();
    pool.close().await;
    second.stop().await.unwrap();
    assert_eq!(note, "still here");
}
