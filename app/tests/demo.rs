use app::demo::{seed_if_empty, PASSWORD};
use axum::http::StatusCode;
use sqlx::PgPool;

use crate::support::{organisation, router, sign_in};

#[sqlx::test(migrations = "../migrations")]
async fn an_empty_database_gets_the_demo_organisation_once(pool: PgPool) {
    let logins = seed_if_empty(&pool).await.unwrap().expect("seeded");
    let counts: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM users WHERE role = 'learner'), (SELECT count(*) FROM courses),
                (SELECT count(*) FROM teams), (SELECT count(*) FROM enrolments WHERE role = 'instructor')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counts, (30, 2, 6, 2));
    assert!(seed_if_empty(&pool).await.unwrap().is_none(), "never seeded twice");
    let app = router(&pool).await;
    for (_, email) in &logins.accounts {
        assert_eq!(sign_in(&app, email, PASSWORD).await.status(), StatusCode::OK, "{email} can sign in");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_database_with_data_is_never_seeded(pool: PgPool) {
    organisation(&pool, "Existing").await;
    assert!(seed_if_empty(&pool).await.unwrap().is_none());
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&pool).await.unwrap();
    assert_eq!(users, 0);
}
