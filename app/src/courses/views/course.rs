use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::course_id_param;
use crate::announcements::policy::can_announce;
use crate::announcements::Announcements;
use crate::auth::UserContext;
use crate::broadcast::policy::can_broadcast;
use crate::broadcast::BroadcastPanel;
use crate::conversations::server_fns::StartDirect;
use crate::courses::server_fns::get_course;
use crate::courses::{CourseRole, CourseStatus, CourseView, RosterEntry};
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
    let may_announce = !archived && user.user().is_some_and(|me| can_announce(&me.actor, course.my_role).is_ok());
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
        <Announcements course=course.id can_post=may_announce/>
        {(!course.roster.is_empty()).then(|| view! { <Roster roster=course.roster.clone()/> })}
        {may_broadcast.then(|| {
            let learners = course.roster.iter().filter(|entry| entry.role == CourseRole::Learner && entry.active).cloned().collect();
            view! { <BroadcastPanel course=course.id learners/> }
        })}
    }
}

/// Everyone enrolled, for the course's staff: "Message" opens or starts the direct chat with
/// them, where the viewer may write to them.
#[component]
fn Roster(roster: Vec<RosterEntry>) -> impl IntoView {
    let labels = UserContext::get().labels();
    view! {
        <section class="panel">
            <h2>"Roster"</h2>
            <p class="muted">"To reach everyone of one role at once, open an "<a href="/messages/channels">"announcement channel"</a>"."</p>
            <table class="list">
                <thead><tr><th>"Name"</th><th>"Role"</th><th></th></tr></thead>
                <tbody>
                    {roster.into_iter().map(|entry| {
                        let role = match entry.role {
                            CourseRole::Learner => labels.learner.clone(),
                            CourseRole::Mentor => "Mentor".to_owned(),
                            CourseRole::Instructor => labels.instructor.clone(),
                        };
                        view! {
                            <tr>
                                <td class="person"><Avatar name=entry.name.clone() avatar=entry.avatar.clone()/>{entry.name.clone()}</td>
                                <td>{role}{(!entry.active).then_some(", deactivated")}</td>
                                <td>{entry.can_message.then(|| view! {
                                    <form action=StartDirect::url() method="post" class="inline">
                                        <input type="hidden" name="input[to]" value=entry.user_id.to_string()/>
                                        <button type="submit" class="secondary" aria-label=format!("Message {}", entry.name)>"Message"</button>
                                    </form>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
