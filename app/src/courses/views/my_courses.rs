use leptos::prelude::*;

use crate::auth::UserContext;
use crate::courses::server_fns::list_courses;
use crate::courses::{CourseStatus, CourseSummary};
use crate::error::AppError;
use crate::forms::{error_view, loading};

/// Created at the top of the page that shows [`MyCourses`], never inside a conditional view,
/// so the server and the browser create their resources in the same order.
pub fn my_courses_resource() -> Resource<Result<Vec<CourseSummary>, AppError>> {
    Resource::new(|| (), |_| list_courses())
}

/// The signed-in person's courses: where every page of theirs starts.
#[component]
pub fn MyCourses(courses: Resource<Result<Vec<CourseSummary>, AppError>>) -> impl IntoView {
    let labels = move || UserContext::get().labels();
    view! {
        <section class="panel">
            <h1>{move || format!("Your {}s", labels().course.to_lowercase())}</h1>
            <Suspense fallback=loading>
                {move || courses.get().map(|result| match result {
                    Err(err) => error_view(err),
                    Ok(list) if list.is_empty() => view! { <p class="muted">"You are not enrolled in anything yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">
                            {list.into_iter().map(|c| view! {
                                <li class="card">
                                    <a href=format!("/courses/{}", c.id)>{c.title}</a>
                                    {(c.status == CourseStatus::Archived).then(|| view! { <span class="badge">"Archived"</span> })}
                                    <span class="muted">{move || format!("{} {}s", c.learners, labels().learner.to_lowercase())}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
