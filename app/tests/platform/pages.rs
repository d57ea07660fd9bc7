//! Every page, found by itself from the app's route list, asked for by someone signed out and
//! by the owner of another organisation: neither sees anything of this organisation's. A new
//! page without an entry fails the test until someone decides what it shows them.

use axum::body::Body;
use axum::http::{header, Request};
use sqlx::PgPool;

use crate::messaging::{direct, say};
use crate::support::{body_text, router, send, session_cookie, sign_in, world, PASSWORD};

const SIGN_IN: &str = "Please sign in first.";
const NOT_FOUND: &str = "Not found.";

#[sqlx::test(migrations = "../migrations")]
async fn no_page_shows_a_stranger_anything_of_the_organisation(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "a private word").await;
    let app = router(&pool).await;
    let stranger = session_cookie(&sign_in(&app, "owner@other.test", PASSWORD).await).unwrap();
    let routes = leptos_axum::generate_route_list(app::shell::App);
    let mut wrong = Vec::new();
    for route in routes.iter().map(|route| route.path().to_owned()) {
        // (address, what someone signed out reads, what another organisation's owner reads);
        // "" where the page shows a signed-out caller nothing but its own words.
        let (address, signed_out, stranger_reads): (String, &str, &str) = match route.as_str() {
            "/" => ("/".into(), "Sign in", "Your courses"),
            "/courses/{id}" => (format!("/courses/{}", w.course), SIGN_IN, NOT_FOUND),
            "/profile" => ("/profile".into(), "", "owner other.test"),
            "/messages" => ("/messages".into(), SIGN_IN, "None yet."),
            "/messages/new" => ("/messages/new".into(), SIGN_IN, "Nobody you may write to matches."),
            "/messages/groups/new" => ("/messages/groups/new".into(), "", "New group chat"),
            "/messages/channels" => ("/messages/channels".into(), SIGN_IN, "Announcements: all learners in the organisation"),
            "/messages/search" => ("/messages/search?q=private".into(), SIGN_IN, "No messages match"),
            "/messages/{id}/people" => (format!("/messages/{chat}/people"), SIGN_IN, NOT_FOUND),
            "/messages/{id}" => (format!("/messages/{chat}"), SIGN_IN, NOT_FOUND),
            "/admin/users" => ("/admin/users".into(), SIGN_IN, "owner@other.test"),
            "/admin/users/{id}" => (format!("/admin/users/{}", w.learner.id), SIGN_IN, NOT_FOUND),
            "/admin/courses" => ("/admin/courses".into(), SIGN_IN, "Create course"),
            "/admin/courses/{id}" => (format!("/admin/courses/{}", w.course), SIGN_IN, NOT_FOUND),
            "/admin/settings" => ("/admin/settings".into(), SIGN_IN, "Other"),
            other => {
                wrong.push(format!("{other}: no entry in the pages table"));
                continue;
            }
        };
        for (who, cookie, expected) in [("signed out", None, signed_out), ("another organisation", Some(stranger.as_str()), stranger_reads)]
        {
            let mut request = Request::get(&address);
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let html = body_text(send(&app, request.body(Body::empty()).unwrap()).await).await;
            for private in ["a private word", "Algebra", "learner acme.test", "learner@acme.test", "Acme"] {
                if html.contains(private) {
                    wrong.push(format!("{address} as {who}: shows {private:?}"));
                }
            }
            if !html.contains(expected) {
                wrong.push(format!("{address} as {who}: does not say {expected:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
