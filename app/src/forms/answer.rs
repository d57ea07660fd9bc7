//! The answer to a plain form post, carried back to the page it came from.
//!
//! Forms on server-rendered pages post without JavaScript: the server function runs and the
//! browser goes back to the page. An error travels in the address (Leptos' `__err`); a result
//! the page shows ("Saved.", an import's report) travels the same way, here.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;

#[cfg(feature = "ssr")]
const DONE: &str = "__done";
#[cfg(feature = "ssr")]
const OUTPUT: &str = "__out";

/// The action of a form, holding the result its last plain post was answered with.
pub fn form_action<S>() -> ServerAction<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    #[cfg(feature = "ssr")]
    if let Some(output) = answered::<S::Output>(S::PATH) {
        action.value().set(Some(Ok(output)));
    }
    action
}

/// The action of a form in an island. On the server it holds the error of a failed plain post,
/// which comes back in the address (Leptos' `__err`), as a [`ServerAction`] does; in the browser
/// nothing provides that error (the router that reads it runs on the server only), so a
/// `ServerAction` would start empty there anyway: this one does without its decoder.
pub fn island_action<S>() -> Action<S, Result<S::Output, AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    return ServerAction::<S>::new().into();
    #[cfg(not(feature = "ssr"))]
    Action::new(|input: &S| S::run_on_client(input.clone()))
}

/// Sends a plain form post back to the page it came from with `output`, for that page's
/// [`form_action`] to show. A call from a script gets the output as its answer anyway.
#[cfg(feature = "ssr")]
pub fn answer<T: serde::Serialize>(path: &str, output: &T) {
    use http::header::{ACCEPT, REFERER};
    let Some(request) = use_context::<http::request::Parts>() else { return };
    let header = |name| request.headers.get(name).and_then(|v: &http::HeaderValue| v.to_str().ok());
    let (Some(accept), Some(referer)) = (header(ACCEPT), header(REFERER)) else { return };
    if !accept.contains("text/html") {
        return;
    }
    let Ok(json) = serde_json::to_string(output) else { return };
    leptos_axum::redirect(&back_to(referer, path, &json));
}

/// The result of a server function whose page shows it: [`answer`]ed when it succeeded.
#[cfg(feature = "ssr")]
pub fn shown<T: serde::Serialize>(path: &str, result: Result<T, AppError>) -> Result<T, AppError> {
    if let Ok(output) = &result {
        answer(path, output);
    }
    result
}

/// The referring page's path and query, without an earlier answer or error, plus this one.
#[cfg(feature = "ssr")]
fn back_to(referer: &str, path: &str, json: &str) -> String {
    let local = referer.split_once("://").and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..])).unwrap_or(referer);
    let (page, query) = local.split_once('?').unwrap_or((local, ""));
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if ![DONE, OUTPUT, "__err", "__path"].contains(&key.as_ref()) {
            kept.append_pair(&key, &value);
        }
    }
    kept.append_pair(DONE, path).append_pair(OUTPUT, json);
    format!("{page}?{}", kept.finish())
}

/// The output this page's address carries for the server function at `path`.
#[cfg(feature = "ssr")]
fn answered<T: serde::de::DeserializeOwned>(path: &str) -> Option<T> {
    let request = use_context::<http::request::Parts>()?;
    let pairs: Vec<_> = form_urlencoded::parse(request.uri.query()?.as_bytes()).collect();
    let value = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    (value(DONE)? == path).then(|| serde_json::from_str(&value(OUTPUT)?).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::back_to;

    #[test]
    fn the_answer_replaces_an_earlier_one_and_keeps_the_rest_of_the_address() {
        let earlier = "http://127.0.0.1:3000/admin/users?q=ada&__done=%2Fapi%2Fx&__out=1&__err=e&__path=p";
        assert_eq!(
            back_to(earlier, "/api/create_user", "{\"a\":1}"),
            "/admin/users?q=ada&__done=%2Fapi%2Fcreate_user&__out=%7B%22a%22%3A1%7D"
        );
        assert_eq!(back_to("https://confer.example/", "/api/x", "null"), "/?__done=%2Fapi%2Fx&__out=null");
    }
}
