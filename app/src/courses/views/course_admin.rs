use leptos::form::ActionForm;
use leptos::prelude::*;
use strum::VariantArray;

use super::course_id_param;
use super::courses_admin::{CourseChatsField, PolicySelect};
use crate::admin::AdminNav;
use crate::courses::server_fns::{get_course_admin, CreateTeam, Enrol, SetCourseStatus, SetTeamMember, Unenrol, UpdateCourse};
use crate::courses::{CourseAdminView, CourseRole, CourseStatus, Member, TeamView};
use crate::error::AppError;
use crate::forms::{error_view, loading, FieldError, FormDone, FormError};
use crate::people::server_fns::list_users;
use crate::people::UserView;

/// Every change on this page reloads the course from the server.
#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateCourse>,
    status: ServerAction<SetCourseStatus>,
    enrol: ServerAction<Enrol>,
    unenrol: ServerAction<Unenrol>,
    team: ServerAction<CreateTeam>,
    member: ServerAction<SetTeamMember>,
}

impl Actions {
    fn version(&self) -> (usize, usize, usize, usize, usize, usize) {
        (
            self.update.version().get(),
            self.status.version().get(),
            self.enrol.version().get(),
            self.unenrol.version().get(),
            self.team.version().get(),
            self.member.version().get(),
        )
    }
}

#[component]
pub fn CourseAdminPage() -> impl IntoView {
    let id = course_id_param();
    let actions = Actions {
        update: crate::forms::form_action(),
        status: ServerAction::new(),
        enrol: ServerAction::new(),
        unenrol: ServerAction::new(),
        team: ServerAction::new(),
        member: ServerAction::new(),
    };
    provide_context(actions);
    provide_context(Resource::new(|| (), |_| list_users()));
    let course = Resource::new(
        move || (id(), actions.version()),
        |(id, _)| async move {
            match id {
                Some(id) => get_course_admin(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <AdminNav/>
        <Suspense fallback=loading>
            {move || course.get().map(|result| match result {
                Err(err) => error_view(err),
                Ok(view) => view! { <CourseAdmin view/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CourseAdmin(view: CourseAdminView) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let course = view.course.clone();
    let id = course.id;
    let archived = course.status == CourseStatus::Archived;
    view! {
        <section class="panel">
            <h1>{course.title.clone()}</h1>
            <a href=format!("/courses/{}", id)>"Open the course page"</a>
            <ActionForm action=actions.update attr:class="stack">
                <FormError value=actions.update.value() beside=&["title"]/>
                <FormDone value=actions.update.value() message="Saved."/>
                <input type="hidden" name="id" value=id.to_string()/>
                <label>"Title"<input name="form[title]" required value=course.title.clone()/></label>
                <FieldError value=actions.update.value() field="title"/>
                <PolicySelect selected=course.learner_dm_policy/>
                <CourseChatsField checked=course.course_chats/>
                <button type="submit">"Save"</button>
            </ActionForm>
            <ActionForm action=actions.status attr:class="inline">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="status" value=if archived { "active" } else { "archived" }/>
                <button type="submit" class="secondary">{if archived { "Reactivate course" } else { "Archive course" }}</button>
            </ActionForm>
        </section>
        <section class="panel">
            <h2>"Enrolments"</h2>
            <EnrolForm course=id.to_string()/>
            <table class="list">
                <thead><tr><th>"Name"</th><th>"Email"</th><th>"Role"</th><th></th></tr></thead>
                <tbody>{view.members.iter().cloned().map(|m| view! { <MemberRow course=id.to_string() member=m/> }).collect_view()}</tbody>
            </table>
        </section>
        <section class="panel">
            <h2>"Teams"</h2>
            <ActionForm action=actions.team attr:class="row">
                <FormError value=actions.team.value() beside=&["name"]/>
                <input type="hidden" name="course" value=id.to_string()/>
                <label>"New team"<input name="name" required/></label>
                <FieldError value=actions.team.value() field="name"/>
                <button type="submit">"Create team"</button>
            </ActionForm>
            <FormError value=actions.member.value()/>
            {view.teams.iter().cloned().map(|team| view! { <Team team members=view.members.clone()/> }).collect_view()}
        </section>
    }
}

#[component]
fn EnrolForm(course: String) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let users = expect_context::<Resource<Result<Vec<UserView>, AppError>>>();
    view! {
        <ActionForm action=actions.enrol attr:class="row">
            <FormError value=actions.enrol.value()/>
            <input type="hidden" name="course" value=course/>
            <label>"Person"
                <select name="user" required>
                    <Suspense fallback=|| ()>
                        {move || users.get().and_then(Result::ok).map(|list| list.into_iter().filter(|u| u.active).map(|u| view! {
                            <option value=u.id.to_string()>{format!("{} <{}>", u.full_name(), u.email)}</option>
                        }).collect_view())}
                    </Suspense>
                </select>
            </label>
            <RoleSelect name="role" selected=CourseRole::Learner/>
            <button type="submit">"Enrol"</button>
        </ActionForm>
    }
}

#[component]
fn RoleSelect(name: &'static str, selected: CourseRole) -> impl IntoView {
    view! {
        <label>"Course role"
            <select name=name>
                {CourseRole::VARIANTS.iter().map(|&r| {
                    let name: &'static str = r.into();
                    view! { <option value=name selected=r == selected>{name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn MemberRow(course: String, member: Member) -> impl IntoView {
    let actions = expect_context::<Actions>();
    view! {
        <tr class:inactive=!member.active>
            <td>{member.name.clone()}</td>
            <td>{member.email.clone()}</td>
            <td>{<&'static str>::from(member.role)}</td>
            <td>
                <ActionForm action=actions.unenrol attr:class="inline">
                    <input type="hidden" name="course" value=course/>
                    <input type="hidden" name="user" value=member.user_id.to_string()/>
                    <button type="submit" class="secondary" aria-label=format!("Remove {}", member.name)>"Remove"</button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn Team(team: TeamView, members: Vec<Member>) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let team_id = team.id.to_string();
    let team_name = team.name.clone();
    let outside: Vec<Member> = members.into_iter().filter(|m| !team.members.iter().any(|t| t.user_id == m.user_id)).collect();
    view! {
        <div class="team">
            <h3>{team.name.clone()}</h3>
            <ul>
                {team.members.iter().cloned().map(|m| {
                    let (team_id, team_name) = (team_id.clone(), team_name.clone());
                    view! {
                    <li>
                        {m.name.clone()}
                        <ActionForm action=actions.member attr:class="inline">
                            <input type="hidden" name="team" value=team_id.clone()/>
                            <input type="hidden" name="user" value=m.user_id.to_string()/>
                            <input type="hidden" name="member" value="false"/>
                            <button type="submit" class="link" aria-label=format!("Remove {} from {}", m.name, team_name)>"remove"</button>
                        </ActionForm>
                    </li>
                }}).collect_view()}
            </ul>
            <ActionForm action=actions.member attr:class="row">
                <input type="hidden" name="team" value=team_id.clone()/>
                <input type="hidden" name="member" value="true"/>
                <label>{format!("Add to {}", team.name)}
                    <select name="user">
                        {outside.into_iter().map(|m| view! { <option value=m.user_id.to_string()>{m.name}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="secondary">"Add"</button>
            </ActionForm>
        </div>
    }
}
