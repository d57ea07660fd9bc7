use app::people::service as people;
use axum::http::{header, StatusCode};
use sqlx::PgPool;

use crate::support::{body_text, post_form, router, send, session_cookie, sign_in, world, PASSWORD};

async fn who_am_i(app: &axum::Router, cookie: &str) -> serde_json::Value {
    let response = send(app, post_form("/api/current_user", &[], Some(cookie))).await;
    assert_eq!(response.status(), StatusCode::OK);
    serde_json::from_str(&body_text(response).await).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_in_sets_an_http_only_lax_cookie_and_knows_the_user(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let response = sign_in(&app, "Learner@Acme.test ", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let raw = response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(raw.contains("HttpOnly") && raw.contains("SameSite=Lax"), "{raw}");
    let cookie = session_cookie(&response).unwrap();
    assert_eq!(who_am_i(&app, &cookie).await["email"], "learner@acme.test");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_password_or_unknown_email_gets_the_same_answer(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let wrong = sign_in(&app, "learner@acme.test", "not the password").await;
    let unknown = sign_in(&app, "nobody@acme.test", PASSWORD).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(session_cookie(&wrong).is_none());
    assert_eq!(body_text(wrong).await, body_text(unknown).await);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_session_id_changes_at_sign_in(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let first = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let again =
        send(&app, post_form("/api/sign_in", &[("form[email]", "staff@acme.test"), ("form[password]", PASSWORD)], Some(&first))).await;
    let second = session_cookie(&again).expect("a new session id");
    assert_ne!(first, second, "a session id known before sign-in is never the signed-in one");
    assert!(who_am_i(&app, &first).await.is_null(), "the old id no longer works");
    assert_eq!(who_am_i(&app, &second).await["email"], "staff@acme.test");
}

#[sqlx::test(migrations = "../migrations")]
async fn deactivation_ends_live_sessions_at_once_and_blocks_sign_in(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    people::set_active(&pool, &w.admin, w.learner.id, false).await.unwrap();
    assert!(who_am_i(&app, &cookie).await.is_null());
    let response = send(&app, post_form("/api/list_courses", &[], Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let again = sign_in(&app, "learner@acme.test", PASSWORD).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(again).await.contains("deactivated"));
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_out_ends_the_session_on_the_server(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let response = send(&app, post_form("/api/sign_out", &[], Some(&cookie))).await;
    assert!(response.status().is_success() || response.status().is_redirection());
    assert!(who_am_i(&app, &cookie).await.is_null(), "replaying the old cookie finds no session");
}

#[sqlx::test(migrations = "../migrations")]
async fn changing_the_password_ends_other_sessions_but_keeps_this_one(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let other = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let this = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let change = [("change[current]", PASSWORD), ("change[new]", "an even longer password")];
    let response = send(&app, post_form("/api/change_password", &change, Some(&this))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let this = session_cookie(&response).unwrap_or(this);
    assert_eq!(who_am_i(&app, &this).await["email"], "learner@acme.test");
    assert!(who_am_i(&app, &other).await.is_null());
    assert_eq!(sign_in(&app, "learner@acme.test", "an even longer password").await.status(), StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_current_password_changes_nothing(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let change = [("change[current]", "wrong password!"), ("change[new]", "an even longer password")];
    let response = send(&app, post_form("/api/change_password", &change, Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(sign_in(&app, "learner@acme.test", PASSWORD).await.status(), StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_in_from_a_foreign_origin_is_refused(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let mut request = post_form("/api/sign_in", &[("form[email]", "learner@acme.test"), ("form[password]", PASSWORD)], None);
    request.headers_mut().insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(&response).is_none());
}
