//! The HTML document around every page, and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::home::HomePage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_page_csp();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Each page gets a fresh nonce that only its own hydration script carries.
#[cfg(feature = "ssr")]
fn set_page_csp() {
    use leptos::nonce::{provide_nonce, use_nonce};
    provide_nonce();
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        let policy = crate::platform::security::page_csp(nonce.as_inner());
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();
    view! {
        <Stylesheet id="leptos" href="/pkg/confer.css"/>
        <Title text="Confer"/>
        <Router>
            <Routes fallback=|| view! { <p class="page-missing">"Page not found."</p> }>
                <Route path=path!("") view=HomePage/>
            </Routes>
        </Router>
    }
}

/// Marks `<body data-hydrated>` once the WASM has taken over the page.
fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
