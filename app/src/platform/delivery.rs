//! How responses travel: compressed, and cached only where that is safe. The bundle's files
//! carry a hash of their content in their names, so a browser keeps them for a year; pages are
//! rendered per person and never stored.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::config::LeptosOptions;
use tower::Layer;
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `/pkg`: the built bundle, as the `.br` or `.gz` file made beside each one when the browser
/// takes it.
pub fn bundle(options: &LeptosOptions) -> SetResponseHeader<ServeDir, HeaderValue> {
    let dir = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE))
        .layer(ServeDir::new(dir).precompressed_br().precompressed_gzip())
}

/// Pages and answers are never stored; the few other files (icons, pictures) for a day.
pub async fn cache_policy(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let picture = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("image/"));
    let policy = if picture { "public, max-age=86400" } else { "no-store" };
    response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(policy));
    response
}

/// Where the build wrote the content hashes of the bundle's files: beside the server binary.
fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    Some(std::env::current_exe().ok()?.parent()?.join(&*options.hash_file))
}

/// Serves the bundle under its hashed names when the build made them.
pub fn with_hashed_names(mut options: LeptosOptions) -> LeptosOptions {
    options.hash_files = hash_file(&options).is_some_and(|path| path.exists());
    options
}

/// The address of the stylesheet, with its content hash when the build made one: read once,
/// since the build beside this binary does not change while it runs.
pub fn stylesheet(options: &LeptosOptions) -> String {
    static ADDRESS: OnceLock<String> = OnceLock::new();
    ADDRESS.get_or_init(|| stylesheet_address(options)).clone()
}

fn stylesheet_address(options: &LeptosOptions) -> String {
    let name = &options.output_name;
    let hash = options
        .hash_files
        .then(|| hash_file(options).and_then(|path| std::fs::read_to_string(path).ok()))
        .flatten()
        .and_then(|hashes| hashes.lines().find_map(|line| line.strip_prefix("css:").map(|h| h.trim().to_owned())));
    match hash {
        Some(hash) => format!("/{}/{name}.{hash}.css", options.site_pkg_dir),
        None => format!("/{}/{name}.css", options.site_pkg_dir),
    }
}
