use axum::http::StatusCode;
use sqlx::PgPool;

use crate::support::{post_form, router, send};

/// The server functions anyone may call: signing in and out, and asking who one is.
const PUBLIC: [&str; 3] = ["/api/current_user", "/api/sign_in", "/api/sign_out"];

#[sqlx::test(migrations = "../migrations")]
async fn every_server_function_refuses_anonymous_callers(pool: PgPool) {
    let app = router(&pool).await;
    let endpoints = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).filter(|path| !PUBLIC.contains(path));
    for endpoint in endpoints {
        let response = send(&app, post_form(endpoint, &[], None)).await;
        let status = response.status();
        // No arguments at all: either "sign in first" or, if the arguments are read first, a
        // validation error; never anything that ran.
        assert!(status == StatusCode::UNAUTHORIZED || status == StatusCode::UNPROCESSABLE_ENTITY, "{endpoint} answered {status}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn an_anonymous_caller_with_valid_arguments_must_sign_in(pool: PgPool) {
    let app = router(&pool).await;
    let response = send(&app, post_form("/api/list_users", &[], None)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = send(&app, post_form("/api/create_course", &[("form[title]", "Hacked"), ("form[learner_dm_policy]", "")], None)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM courses").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 0);
}
