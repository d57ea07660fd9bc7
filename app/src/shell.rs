//! The HTML document around every page, the header, and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::auth::{SignOutButton, UserContext};
use crate::conversations::{provide_live, ChannelsPage, GroupPeoplePage, Live, MessagesPage, NewGroupPage, NewMessagePage};
use crate::courses::{CourseAdminPage, CoursePage, CoursesAdminPage};
use crate::home::HomePage;
use crate::org::SettingsPage;
use crate::people::{Avatar, ProfilePage, UserEditPage, UsersPage};
use crate::search::SearchPage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_page_csp();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=stylesheet(&options)/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[cfg(feature = "ssr")]
fn stylesheet(options: &LeptosOptions) -> String {
    crate::platform::delivery::stylesheet(options)
}

#[cfg(not(feature = "ssr"))]
fn stylesheet(options: &LeptosOptions) -> String {
    format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
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
    UserContext::provide();
    #[cfg(feature = "ssr")]
    crate::messages::provide_viewer_zone();
    view! {
        <Title text="Confer"/>
        <Router>
            <LivePage>
                <Header/>
                <main>
                    <Routes fallback=|| view! { <p class="panel">"Page not found."</p> }>
                        <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/courses/:id") view=CoursePage ssr=SsrMode::Async/>
                        <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async/>
                        <Route path=path!("/messages") view=MessagesPage ssr=SsrMode::Async/>
                        <Route path=path!("/messages/new") view=NewMessagePage ssr=SsrMode::Async/>
                        <Route path=path!("/messages/groups/new") view=NewGroupPage ssr=SsrMode::Async/>
                        <Route path=path!("/messages/channels") view=ChannelsPage ssr=SsrMode::Async/>
                        <Route path=path!("/messages/search") view=SearchPage ssr=SsrMode::Async/>
                        <Route path=path!("/messages/:id/people") view=GroupPeoplePage ssr=SsrMode::Async/>
                        <Route path=path!("/messages/:id") view=MessagesPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/users/:id") view=UserEditPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/courses") view=CoursesAdminPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/courses/:id") view=CourseAdminPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/settings") view=SettingsPage ssr=SsrMode::Async/>
                    </Routes>
                </main>
            </LivePage>
        </Router>
    }
}

/// The part of every page that lives in the browser: the viewer's live inbox, shared by the
/// islands inside it (the badge, the inbox, the open conversation). Its resource is the first
/// on the page and the only one the browser reads, so the islands that hydrate after it never
/// depend on the order in which the server rendered them. The rest of the page is rendered on
/// the server only.
#[island]
fn LivePage(children: Children) -> impl IntoView {
    provide_live();
    mark_hydrated();
    children()
}

#[component]
fn Header() -> impl IntoView {
    let user = UserContext::get();
    let inbox = Live::get().inbox;
    let unread = move || inbox.get().and_then(Result::ok).map_or(0, |i| i.total_unread);
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Confer"</a>
            <Transition fallback=|| ()>
                {move || user.user().map(|me| view! {
                    <nav aria-label="Main">
                        <a href="/">"Home"</a>
                        <a href="/messages">"Messages"<UnreadBadge initial=unread()/></a>
                        {me.actor.role.is_admin().then(|| view! { <a href="/admin/users">"Admin"</a> })}
                    </nav>
                    <div class="me">
                        <a href="/profile" class="person">
                            <Avatar name=me.full_name() avatar=me.avatar.clone()/>
                            <span>{me.full_name()}</span>
                        </a>
                        <SignOutButton/>
                    </div>
                })}
            </Transition>
        </header>
    }
}

/// The number of unread messages beside "Messages", from the page's one inbox. The header
/// renders it once the inbox is there, so it needs no suspense of its own.
#[island]
fn UnreadBadge(initial: i64) -> impl IntoView {
    let inbox = Live::get().inbox;
    let unread = move || inbox.with(|i| i.as_ref().and_then(|r| r.as_ref().ok()).map_or(initial, |i| i.total_unread));
    move || (unread() > 0).then(|| view! { <span class="unread-count" aria-label=format!("{} unread", unread())>{unread()}</span> })
}

/// Marks `<body data-hydrated>` once the WASM has taken over the page's islands: after the
/// first island, once the others (hydrated one after another, without a pause) are done.
fn mark_hydrated() {
    Effect::new(move |_| {
        set_timeout(
            || {
                if let Some(body) = document().body() {
                    let _ = body.set_attribute("data-hydrated", "true");
                }
            },
            std::time::Duration::ZERO,
        );
        #[cfg(feature = "hydrate")]
        crate::messages::remember_zone();
    });
}
