use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

use crate::support::{body_text, router, send};

#[sqlx::test(migrations = "../migrations")]
async fn healthz_answers_ok_with_the_database_up(pool: PgPool) {
    let app = router(&pool).await;
    let response = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn healthz_answers_503_when_the_database_is_gone(pool: PgPool) {
    let app = router(&pool).await;
    pool.close().await;
    let response = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[sqlx::test(migrations = "../migrations")]
async fn every_response_carries_the_security_headers(pool: PgPool) {
    let app = router(&pool).await;
    for path in ["/", "/healthz", "/no-such-page"] {
        let response = send(&app, Request::get(path).body(Body::empty()).unwrap()).await;
        let headers = response.headers();
        let csp = headers.get(header::CONTENT_SECURITY_POLICY).expect("csp").to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff", "{path}");
        assert_eq!(headers.get(header::REFERRER_POLICY).unwrap(), "same-origin", "{path}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_page_allows_only_its_own_hydration_script(pool: PgPool) {
    let app = router(&pool).await;
    let response = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    let csp = response.headers().get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap().to_owned();
    let html = body_text(response).await;
    let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce in the policy");
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the nonce");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_cross_site_post_is_refused(pool: PgPool) {
    let app = router(&pool).await;
    let request = Request::post("/api/anything")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://attacker.example")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, request).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn healthz_is_503_when_the_database_never_answered() {
    let pool = PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_millis(300))
        .connect_lazy("postgres://nobody@127.0.0.1:1/none")
        .unwrap();
    let (status, _) = app::platform::health::healthz(axum::extract::State(pool)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

#[sqlx::test(migrations = "../migrations")]
async fn every_response_carries_a_request_id_its_log_lines_share(pool: PgPool) {
    let app = router(&pool).await;
    let response = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    let made = response.headers().get("x-request-id").expect("an id is made").to_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&made).is_ok(), "{made}");
    let given = Request::get("/healthz").header("x-request-id", "from-the-load-balancer").body(Body::empty()).unwrap();
    let response = send(&app, given).await;
    assert_eq!(response.headers().get("x-request-id").unwrap(), "from-the-load-balancer", "a given id is kept");
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_and_answers_are_never_stored_and_go_compressed_when_asked(pool: PgPool) {
    let app = router(&pool).await;
    for path in ["/", "/healthz"] {
        let response = send(&app, Request::get(path).header(header::ACCEPT_ENCODING, "gzip").body(Body::empty()).unwrap()).await;
        assert_eq!(response.headers().get(header::CACHE_CONTROL).unwrap(), "no-store", "{path}");
    }
    let page = send(&app, Request::get("/").header(header::ACCEPT_ENCODING, "gzip").body(Body::empty()).unwrap()).await;
    assert_eq!(page.headers().get(header::CONTENT_ENCODING).unwrap(), "gzip");
    let plain = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none(), "only when the client takes it");
    assert!(body_text(plain).await.contains("<!DOCTYPE html>"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_page_not_found_is_rendered_for_the_signed_in_person_like_any_other(pool: PgPool) {
    crate::support::world(&pool).await;
    let app = router(&pool).await;
    let cookie =
        crate::support::session_cookie(&crate::support::sign_in(&app, "learner@acme.test", crate::support::PASSWORD).await).unwrap();
    let request = Request::get("/no-such-page").header(header::COOKIE, &cookie).body(Body::empty()).unwrap();
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = body_text(response).await;
    assert!(html.contains("Sign out"), "the header knows who is signed in: {html}");
}
