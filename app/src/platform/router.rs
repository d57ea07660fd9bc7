//! The HTTP router: pages, server functions, health, static files and the layers around them.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRef, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::PgPool;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::SessionManagerLayer;
use tower_sessions_sqlx_store::PostgresStore;
use tracing::Level;

use super::delivery;
use super::files::Files;
use super::health::healthz;
use super::security::{same_origin_writes, security_headers};
use super::settings::Settings;
use crate::conversations::photo_upload;
use crate::error::AppError;
use crate::people::avatar_upload;
use crate::realtime::{self, Hub};
use crate::shell::{shell, App};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub settings: Arc<Settings>,
    pub hub: Hub,
    pub files: Files,
}

impl AppState {
    /// What every server function and page render can reach through `use_context`.
    fn provide(&self) {
        provide_context(self.pool.clone());
        provide_context(self.settings.clone());
    }
}

/// The whole router on default settings with files under `data_dir`: what the integration
/// tests and the benchmark serve their requests from.
pub async fn local(pool: &PgPool, data_dir: &std::path::Path, hub: Hub) -> Result<Router, Box<dyn std::error::Error>> {
    let settings = Arc::new(Settings::from_lookup(|name| (name == "CONFER_DATA_DIR").then(|| data_dir.display().to_string()))?);
    let leptos_options = LeptosOptions::builder().output_name("confer").build();
    let sessions = super::sessions::layer(pool, false).await?;
    let files = super::files::local(&settings.data_dir)?;
    Ok(build(AppState { leptos_options, pool: pool.clone(), settings, hub, files }, sessions))
}

/// Every HTTP route besides pages and server functions; the router is built from this list,
/// and the authorization tests walk it.
pub fn http_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/healthz", get(healthz)),
        ("/events", get(realtime::events)),
        ("/profile/avatar", post(avatar_upload::upload)),
        ("/avatars/uploads/{name}", get(avatar_upload::serve)),
        ("/messages/{id}/photo", post(photo_upload::upload)),
    ]
}

pub fn build(state: AppState, sessions: SessionManagerLayer<PostgresStore>) -> Router {
    let routes = generate_route_list(App);
    let page_context = {
        let state = state.clone();
        move || state.provide()
    };
    let page_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let router = http_routes().into_iter().fold(Router::new(), |router, (path, route)| router.route(path, route));
    // A page that is not found is rendered with the same context as every other page.
    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(page_context.clone(), shell);
    router
        .leptos_routes_with_context(&state, routes, page_context, page_shell)
        .nest_service("/pkg", delivery::bundle(&state.leptos_options))
        .fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(avatar_upload::MAX_BYTES + 64 * 1024))
        .layer(middleware::from_fn(error_status))
        .layer(sessions)
        .layer(middleware::from_fn(same_origin_writes))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(delivery::cache_policy))
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http().make_span_with(request_span).on_request(()).on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Each request's span, carrying its id (`x-request-id`, given or made) into every log line.
fn request_span(request: &Request) -> tracing::Span {
    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
    tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id = %id)
}

/// Server functions answer every error with 500; this gives an [`AppError`] its own status.
async fn error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
