//! Shared helpers: named actors in a real organisation, the real router, requests against it.

use app::auth::{password, Actor};
use app::ids::{CourseId, DepartmentId, OrgId, UserId};
use app::people::OrgRole;
use app::platform::router;
use app::platform::sessions;
use axum::body::Body;
use axum::http::{header, Request, Response};
use axum::Router;
use sqlx::PgPool;
use tokio::sync::OnceCell;
use tower::ServiceExt;

pub const PASSWORD: &str = "a long test password";

pub async fn router(pool: &PgPool) -> Router {
    router_with_hub(pool, app::realtime::Hub::new()).await
}

pub async fn router_with_hub(pool: &PgPool, hub: app::realtime::Hub) -> Router {
    let data_dir = tempfile::tempdir().expect("data dir").keep();
    hub.spawn_listener(pool.clone());
    tokio::time::timeout(std::time::Duration::from_secs(10), hub.listening()).await.expect("the event listener listens");
    router::local(pool, &data_dir, hub).await.expect("router")
}

pub async fn send(router: &Router, request: Request<Body>) -> Response<Body> {
    router.clone().oneshot(request).await.expect("infallible router")
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A form post to a server function, as a browser's script would send it.
pub fn post_form(path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Request<Body> {
    let body = form.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).expect("request")
}

/// A plain multipart form post of one picture, in the field `avatar`.
pub fn upload_to(path: &str, bytes: &[u8], cookie: Option<&str>) -> Request<Body> {
    let boundary = "confer-test-boundary";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n")
            .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).expect("request")
}

/// Where a redirect sends the browser.
pub fn location(response: &Response<Body>) -> String {
    response.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The session cookie a response sets, as a `Cookie` header value.
pub fn session_cookie(response: &Response<Body>) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(sessions::COOKIE_NAME))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

pub async fn sign_in(app: &Router, email: &str, password: &str) -> Response<Body> {
    send(app, post_form("/api/sign_in", &[("form[email]", email), ("form[password]", password)], None)).await
}

async fn test_hash() -> &'static str {
    static HASH: OnceCell<String> = OnceCell::const_new();
    HASH.get_or_init(|| async { password::hash(PASSWORD.to_owned()).await.expect("hash") }).await
}

/// An organisation with one person of every kind, and a course.
pub struct World {
    pub owner: Actor,
    pub admin: Actor,
    pub dept_admin: Actor,
    pub staff: Actor,
    pub instructor: Actor,
    pub learner: Actor,
    /// A learner in the department admin's department.
    pub north_learner: Actor,
    /// The owner of another organisation.
    pub outsider: Actor,
    pub course: CourseId,
}

pub async fn world(pool: &PgPool) -> World {
    let org = organisation(pool, "Acme").await;
    let north = DepartmentId::new();
    sqlx::query("INSERT INTO departments (id, org_id, name) VALUES ($1, $2, 'North')").bind(north).bind(org).execute(pool).await.unwrap();
    let owner = user(pool, org, "owner@acme.test", OrgRole::Owner, None).await;
    let admin = user(pool, org, "admin@acme.test", OrgRole::Admin, None).await;
    let dept_admin = user(pool, org, "deptadmin@acme.test", OrgRole::DepartmentAdmin, Some(north)).await;
    let staff = user(pool, org, "staff@acme.test", OrgRole::Staff, None).await;
    let instructor = user(pool, org, "instructor@acme.test", OrgRole::Staff, None).await;
    let learner = user(pool, org, "learner@acme.test", OrgRole::Learner, None).await;
    let north_learner = user(pool, org, "northlearner@acme.test", OrgRole::Learner, Some(north)).await;
    let other = organisation(pool, "Other").await;
    let outsider = user(pool, other, "owner@other.test", OrgRole::Owner, None).await;
    let course = CourseId::new();
    sqlx::query("INSERT INTO courses (id, org_id, title) VALUES ($1, $2, 'Algebra')").bind(course).bind(org).execute(pool).await.unwrap();
    sqlx::query("INSERT INTO enrolments (org_id, course_id, user_id, role) VALUES ($1, $2, $3, 'instructor'), ($1, $2, $4, 'learner')")
        .bind(org)
        .bind(course)
        .bind(instructor.id)
        .bind(learner.id)
        .execute(pool)
        .await
        .unwrap();
    World { owner, admin, dept_admin, staff, instructor, learner, north_learner, outsider, course }
}

pub async fn organisation(pool: &PgPool, name: &str) -> OrgId {
    let id = OrgId::new();
    sqlx::query("INSERT INTO organisations (id, name) VALUES ($1, $2)").bind(id).bind(name).execute(pool).await.unwrap();
    id
}

pub async fn user(pool: &PgPool, org: OrgId, email: &str, role: OrgRole, department_id: Option<DepartmentId>) -> Actor {
    let id = UserId::new();
    let (first, last) = email.split_once('@').unwrap();
    sqlx::query(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, department_id, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(org)
    .bind(email)
    .bind(first)
    .bind(last)
    .bind(role)
    .bind(department_id)
    .bind(test_hash().await)
    .execute(pool)
    .await
    .unwrap();
    Actor { id, org_id: org, role, department_id }
}

/// A fingerprint of every tenant table, messages included: equal before and after means nothing was written.
pub async fn snapshot(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "SELECT md5(concat_ws('|',
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisations t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM departments t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM users t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM courses t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM enrolments t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM teams t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM team_members t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM conversations t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM conversation_members t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM messages t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM email_outbox t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM broadcasts t)))",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Ends a test that wrote messages: every stored unread counter and preview equals a recount
/// from the messages themselves.
pub async fn assert_inbox_state_exact(pool: &PgPool) {
    let mut tx = pool.begin().await.expect("transaction");
    let drift = app::inbox_state::repair(&mut tx, None).await.expect("recount");
    assert_eq!(drift, app::inbox_state::Drift::default(), "stored inbox state differs from a recount");
}

/// Enrols someone in a course as a learner, directly in the database.
pub async fn enrol(pool: &PgPool, course: CourseId, learner: &Actor) {
    sqlx::query("INSERT INTO enrolments (org_id, course_id, user_id, role) VALUES ($1, $2, $3, 'learner')")
        .bind(learner.org_id)
        .bind(course)
        .bind(learner.id)
        .execute(pool)
        .await
        .unwrap();
}
