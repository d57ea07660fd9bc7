use axum::body::Body;
use axum::extract::State;
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

#[sqlx::test(migrations = "../migrations")]
async fn healthz_is_503_when_the_database_never_answered(pool: PgPool) {
    let hub = app::realtime::Hub::new();
    hub.spawn_listener(pool.clone());
    hub.listening().await;
    let gone = PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_millis(300))
        .connect_lazy("postgres://nobody@127.0.0.1:1/none")
        .unwrap();
    let (status, _) = app::platform::health::healthz(State(gone), State(hub.clone())).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(app::platform::health::healthz(State(pool), State(hub)).await.0, StatusCode::OK, "the same, with the database up");
}

/// A server that does not listen to live events yet would miss them: the load balancer (and
/// the end-to-end tests) wait for it.
#[sqlx::test(migrations = "../migrations")]
async fn healthz_is_503_until_the_live_events_listener_listens(pool: PgPool) {
    let hub = app::realtime::Hub::new();
    let (status, why) = app::platform::health::healthz(State(pool.clone()), State(hub.clone())).await;
    assert_eq!((status, why), (StatusCode::SERVICE_UNAVAILABLE, "not yet listening to live events"));
    hub.spawn_listener(pool.clone());
    hub.listening().await;
    assert_eq!(app::platform::health::healthz(State(pool), State(hub)).await.0, StatusCode::OK);
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

/// Log lines written to memory, as the server writes them to its output.
#[derive(Clone, Default)]
struct Logs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'w> tracing_subscriber::fmt::MakeWriter<'w> for Logs {
    type Writer = Logs;

    fn make_writer(&'w self) -> Logs {
        self.clone()
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn json_log_lines_carry_their_requests_id(pool: PgPool) {
    use app::platform::settings::LogFormat;
    let logs = Logs::default();
    let subscriber = app::platform::telemetry::subscriber(LogFormat::Json, "info".parse().unwrap(), logs.clone());
    let _logging = tracing::subscriber::set_default(subscriber);
    let app = router(&pool).await;
    let given = Request::get("/healthz").header("x-request-id", "req-7f3a").body(Body::empty()).unwrap();
    assert_eq!(send(&app, given).await.status(), StatusCode::OK);
    let written = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<serde_json::Value> = written.lines().map(|line| serde_json::from_str(line).expect("each line is JSON")).collect();
    let of_request: Vec<&serde_json::Value> = lines.iter().filter(|line| line["span"]["request_id"] == "req-7f3a").collect();
    assert!(!of_request.is_empty(), "the request's lines carry its id: {written}");
    assert!(of_request.iter().all(|line| line["span"]["uri"] == "/healthz"), "{written}");
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
