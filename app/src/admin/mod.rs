//! The frame of the admin pages.

use leptos::prelude::*;

use crate::auth::UserContext;

#[component]
pub fn AdminNav() -> impl IntoView {
    let user = UserContext::get();
    let org_admin = move || user.user().is_some_and(|u| u.actor.role.is_org_admin());
    view! {
        <nav class="admin-nav" aria-label="Administration">
            <a href="/admin/users">"People"</a>
            <Suspense fallback=|| ()>
                <Show when=org_admin>
                    <a href="/admin/courses">"Courses"</a>
                    <a href="/admin/settings">"Settings"</a>
                </Show>
            </Suspense>
        </nav>
    }
}
