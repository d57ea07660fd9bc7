//! Shared helpers: the real router over a test database, and requests against it.

use std::sync::Arc;

use app::platform::router::{self, AppState};
use app::platform::sessions;
use app::platform::settings::Settings;
use axum::body::Body;
use axum::http::{Request, Response};
use axum::Router;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use tower::ServiceExt;

pub async fn router(pool: &PgPool) -> Router {
    let settings = Arc::new(Settings::from_lookup(|_| None).expect("default settings"));
    let leptos_options = LeptosOptions::builder().output_name("confer").build();
    let sessions = sessions::layer(pool, false).await.expect("session store");
    router::build(AppState { leptos_options, pool: pool.clone(), settings }, sessions)
}

pub async fn send(router: &Router, request: Request<Body>) -> Response<Body> {
    router.clone().oneshot(request).await.expect("infallible router")
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    String::from_utf8_lossy(&bytes).into_owned()
}
