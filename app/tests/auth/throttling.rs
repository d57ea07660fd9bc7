use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use sqlx::PgPool;

use crate::support::{body_text, post_form, router, send, world, PASSWORD};

async fn attempt(app: &axum::Router, email: &str, password: &str, from: &str) -> StatusCode {
    let mut request = post_form("/api/sign_in", &[("form[email]", email), ("form[password]", password)], None);
    let addr: SocketAddr = format!("{from}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    send(app, request).await.status()
}

#[sqlx::test(migrations = "../migrations")]
async fn an_account_is_throttled_after_five_failures_even_with_the_right_password(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    for n in 0..5 {
        assert_eq!(attempt(&app, "learner@acme.test", "wrong guess!!", &format!("10.0.0.{n}")).await, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(attempt(&app, "learner@acme.test", PASSWORD, "10.0.0.9").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(attempt(&app, "staff@acme.test", PASSWORD, "10.0.0.9").await, StatusCode::OK, "other accounts are unaffected");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_address_is_throttled_after_twenty_failures_across_accounts(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    for n in 0..20 {
        assert_eq!(attempt(&app, &format!("guess{n}@acme.test"), "wrong guess!!", "10.1.1.1").await, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(attempt(&app, "learner@acme.test", PASSWORD, "10.1.1.1").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(attempt(&app, "learner@acme.test", PASSWORD, "10.1.1.2").await, StatusCode::OK, "other addresses are unaffected");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_throttled_answer_says_when_to_try_again(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    for _ in 0..5 {
        attempt(&app, "learner@acme.test", "wrong guess!!", "10.2.2.2").await;
    }
    let mut request = post_form("/api/sign_in", &[("form[email]", "learner@acme.test"), ("form[password]", PASSWORD)], None);
    request.extensions_mut().insert(ConnectInfo("10.2.2.2:1".parse::<SocketAddr>().unwrap()));
    let body = body_text(send(&app, request).await).await;
    assert!(body.contains("RateLimited") && body.contains("retry_after_secs"), "{body}");
}
