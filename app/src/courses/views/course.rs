use leptos::prelude::*;

use super::course_id_param;
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
    view! {
        <section class="panel">
            <h1>{course.title.clone()}</h1>
            {archived.then(|| view! { <p class="badge">"Archived: everything stays readable."</p> })}
            <h2>"Staff"</h2>
            <ul class="people">
                {course.staff.iter().cloned().map(|staff| view! {
                    <li class="person">
                        <Avatar name=staff.name.clone() avatar=staff.avatar.clone()/>
                        <span>{staff.name.clone()}</span>
                        <span class="muted">{if staff.role == CourseRole::Instructor { "Instructor" } else { "Mentor" }}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
