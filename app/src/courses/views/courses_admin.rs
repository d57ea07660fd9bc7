use leptos::form::ActionForm;
use leptos::prelude::*;
use strum::VariantArray;

use crate::admin::AdminNav;
use crate::courses::server_fns::{list_courses, CreateCourse};
use crate::forms::{error_view, loading, FieldError, FormError};
use crate::org::DmPolicy;

#[component]
pub fn CoursesAdminPage() -> impl IntoView {
    let create = ServerAction::<CreateCourse>::new();
    let courses = Resource::new(move || create.version().get(), |_| list_courses());
    view! {
        <AdminNav/>
        <section class="panel">
            <h1>"Courses"</h1>
            <Suspense fallback=loading>
                {move || courses.get().map(|result| match result {
                    Err(err) => error_view(err),
                    Ok(list) => view! {
                        <table class="list">
                            <thead><tr><th>"Title"</th><th>"Learners"</th><th>"Status"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|c| view! {
                                    <tr>
                                        <td><a href=format!("/admin/courses/{}", c.id)>{c.title}</a></td>
                                        <td>{c.learners}</td>
                                        <td>{c.status.label()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
        <section class="panel">
            <h2>"New course"</h2>
            <ActionForm action=create attr:class="stack">
                <FormError value=create.value() beside=&["title"]/>
                <label>"Title"<input name="form[title]" required/></label><FieldError value=create.value() field="title"/>
                <PolicySelect selected=None/>
                <CourseChatsField checked=true/>
                <button type="submit">"Create course"</button>
            </ActionForm>
        </section>
    }
}

/// A course's own learner messaging policy, or the organisation's.
#[component]
pub fn PolicySelect(selected: Option<DmPolicy>) -> impl IntoView {
    view! {
        <label>"Learner messaging"
            <select name="form[learner_dm_policy]">
                <option value="" selected=selected.is_none()>"As the organisation's settings"</option>
                {DmPolicy::VARIANTS.iter().map(|&p| {
                    let name: &'static str = p.into();
                    view! { <option value=name selected=selected == Some(p)>{p.label()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// Whether the course has its cohort chat and a chat per team.
#[component]
pub fn CourseChatsField(checked: bool) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name="form[course_chats]" value="true" checked=checked/>
            "Course chats: one for everyone enrolled and one per team, following enrolments"
        </label>
    }
}
