use leptos::prelude::*;

use super::course_id_param;
use crate::auth::UserContext;
use crate::broadcast::policy::can_broadcast;
use crate::broadcast::BroadcastPanel;
use crate::courses::server_fns::get_course;
use crate::courses::{CourseRole, CourseStatus, CourseView};
use crate::error::AppError;
use crate::forms::{error_view, loading};
use crate::people::Avatar;

#[component]
pub fn CoursePage() -> impl IntoView {
    let id = course_id_param();
    let course = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_course(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=loading>
            {move || course.get().map(|result| match result {
                Err(err) => error_view(err),
                Ok(course) => view! { <CourseDetails course/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CourseDetails(course: CourseView) -> impl IntoView {
    let archived = course.status == CourseStatus::Archived;
    let user = UserContext::get();
    let labels = user.labels();
    let may_broadcast = !archived && user.user().is_some_and(|me| can_broadcast(&me.actor, course.my_role).is_ok());
    // Private messaging off: the staff stay visible, with no way to contact them.
    let contact = course.can_contact_staff.then(|| format!("/messages/new?course={}&to=instructor", course.id));
    view! {
        <section class="panel">
            <h1>{course.title.clone()}</h1>
            {archived.then(|| view! { <p class="badge">"Archived: everything stays readable."</p> })}
            <h2>"Staff"</h2>
            <ul class="people">
                {course.staff.iter().map(|staff| view! {
                    <li class="person">
                        <Avatar name=staff.name.clone() avatar=staff.avatar.clone()/>
                        <span>{staff.name.clone()}</span>
                        <span class="muted">{if staff.role == CourseRole::Instructor { labels.instructor.clone() } else { "Mentor".to_owned() }}</span>
                    </li>
                }).collect_view()}
            </ul>
            {contact.map(|href| view! { <a class="button" href=href>{format!("Contact {}", labels.instructor.to_lowercase())}</a> })}
        </section>
        {may_broadcast.then(|| view! { <BroadcastPanel course=course.id/> })}
    }
}
