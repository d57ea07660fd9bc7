use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::user_fields::{UserFields, USER_FIELDS};
use super::Avatar;
use crate::admin::AdminNav;
use crate::forms::{error_view, loading, FieldError, FormDone, FormError};
use crate::people::server_fns::{list_users, CreateUser, ImportUsers};
use crate::people::UserView;

#[component]
pub fn UsersPage() -> impl IntoView {
    let create = crate::forms::form_action::<CreateUser>();
    let import = crate::forms::form_action::<ImportUsers>();
    let users = Resource::new(move || (create.version().get(), import.version().get()), |_| list_users());
    let filter = use_query_map().read_untracked().get("q").unwrap_or_default();
    view! {
        <AdminNav/>
        <section class="panel">
            <h1>"People"</h1>
            <form method="get" class="row" role="search">
                <input type="search" name="q" value=filter.clone() placeholder="Filter by name or email" aria-label="Filter people"/>
                <button type="submit" class="secondary">"Filter"</button>
            </form>
            <Suspense fallback=loading>
                {move || users.get().map(|result| match result {
                    Ok(list) => view! { <UserTable users=list filter=filter.clone()/> }.into_any(),
                    Err(err) => error_view(err),
                })}
            </Suspense>
        </section>
        <section class="panel">
            <h2>"Add a person"</h2>
            <ActionForm action=create attr:class="stack">
                <FormError value=create.value() beside=USER_FIELDS/>
                <FormDone value=create.value() message="Added."/>
                <UserFields errors=create.value()/>
                <label>"Initial password"<input type="password" name="form[password]" required minlength="10" autocomplete="new-password"/></label><FieldError value=create.value() field="password"/>
                <button type="submit">"Add person"</button>
            </ActionForm>
        </section>
        <section class="panel">
            <h2>"Import from CSV"</h2>
            <p class="muted">
                "Columns: email, first_name, last_name, role, department, password, courses "
                "(courses as Title:role;Title:role). Either every row is imported, or none."
            </p>
            <ActionForm action=import attr:class="stack">
                <FormError value=import.value()/>
                <label>"CSV"<textarea name="csv" rows="8" required></textarea></label>
                <button type="submit">"Import"</button>
            </ActionForm>
            {move || import.value().get().and_then(Result::ok).map(|report| if report.errors.is_empty() {
                view! { <p class="form-done" role="status">{format!("Imported {} people.", report.created)}</p> }.into_any()
            } else {
                view! {
                    <div class="form-error" role="alert">
                        <p>"Nothing was imported. Fix these rows and try again:"</p>
                        <ul>{report.errors.into_iter().map(|e| view! { <li>{format!("Line {}: {}", e.line, e.message)}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn UserTable(users: Vec<UserView>, filter: String) -> impl IntoView {
    let rows = {
        let wanted = filter.to_lowercase();
        users
            .iter()
            .filter(|u| wanted.is_empty() || u.full_name().to_lowercase().contains(&wanted) || u.email.contains(&wanted))
            .map(|u| {
                view! {
                    <tr class:inactive=!u.active>
                        <td><Avatar name=u.full_name() avatar=u.avatar.clone()/></td>
                        <td><a href=format!("/admin/users/{}", u.id)>{u.full_name()}</a></td>
                        <td>{u.email.clone()}</td>
                        <td>{u.role.label()}</td>
                        <td>{u.department.clone().unwrap_or_default()}</td>
                        <td>{if u.active { "Active" } else { "Deactivated" }}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <table class="list">
            <thead><tr><th></th><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Department"</th><th>"Status"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
