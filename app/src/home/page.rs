use leptos::prelude::*;

use crate::auth::{SignInForm, UserContext};
use crate::courses::{my_courses_resource, MyCourses};
use crate::forms::loading;

/// Signed out: what Confer is and the sign-in form. Signed in: your courses.
#[component]
pub fn HomePage() -> impl IntoView {
    let user = UserContext::get();
    let courses = my_courses_resource();
    view! {
        <Suspense fallback=loading>
            {move || user.0.get().map(|result| match result {
                Ok(Some(_)) => view! { <MyCourses courses/> }.into_any(),
                _ => view! {
                    <section class="panel landing">
                        <h1>"Confer"</h1>
                        <p>"Messaging for the people you teach and care for: direct messages, group chats and announcements, inside your organisation."</p>
                        <SignInForm/>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}
