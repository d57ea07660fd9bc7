//! Response security headers and the cross-site request check.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The policy for responses that are not pages (pages add a nonce for their hydration script).
const DEFAULT_CSP: &str = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/// The policy for a rendered page whose inline hydration script carries `nonce`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; \
         form-action 'self'; object-src 'none'"
    )
}

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(DEFAULT_CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}

/// Refuses a state-changing request that a browser sent from another site.
pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if is_safe(request.method()) || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), uri = %request.uri(), "refused a cross-site request");
    (StatusCode::FORBIDDEN, "Cross-site requests are not accepted.").into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Browsers send `Origin` with every POST; `Sec-Fetch-Site` is the fallback. A request with
/// neither comes from a non-browser client, which cookies cannot be forged through.
pub fn is_same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some("null") => false,
        Some(origin) => {
            let authority = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
            host.is_some_and(|host| host.eq_ignore_ascii_case(authority))
        }
        None => match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
            Some(site) => site == "same-origin" || site == "none",
            None => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_is_allowed() {
        assert!(is_same_origin(&headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")])));
        assert!(is_same_origin(&headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "same-origin")])));
        assert!(is_same_origin(&headers(&[("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn foreign_origins_are_refused() {
        assert!(!is_same_origin(&headers(&[("host", "127.0.0.1:3000"), ("origin", "http://evil.example")])));
        assert!(!is_same_origin(&headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3001")])));
        assert!(!is_same_origin(&headers(&[("host", "127.0.0.1:3000"), ("origin", "null")])));
        assert!(!is_same_origin(&headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")])));
        assert!(!is_same_origin(&headers(&[("origin", "http://127.0.0.1:3000")])));
    }
}
