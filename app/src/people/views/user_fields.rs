use leptos::prelude::*;
use strum::VariantArray;

use crate::error::AppError;
use crate::forms::FieldError;
use crate::people::{OrgRole, UserView};

/// The fields a person's form shows its errors beside.
pub const USER_FIELDS: &[&str] = &["email", "first_name", "last_name", "role", "department", "password"];

/// The fields of a person, for adding and for editing, each with its error from `errors`.
#[component]
pub fn UserFields<S>(errors: S, #[prop(optional)] user: Option<UserView>) -> impl IntoView
where
    S: Get<Value = Option<Result<UserView, AppError>>> + Copy + Send + Sync + 'static,
{
    let role = user.as_ref().map(|u| u.role).unwrap_or(OrgRole::Learner);
    let value = |get: fn(&UserView) -> String| user.as_ref().map(get).unwrap_or_default();
    view! {
        <label>"Email"<input type="email" name="form[email]" required value=value(|u| u.email.clone())/></label><FieldError value=errors field="email"/>
        <label>"First name"<input name="form[first_name]" required value=value(|u| u.first_name.clone())/></label><FieldError value=errors field="first_name"/>
        <label>"Last name"<input name="form[last_name]" required value=value(|u| u.last_name.clone())/></label><FieldError value=errors field="last_name"/>
        <label>"Role"
            <select name="form[role]">
                {OrgRole::VARIANTS.iter().map(|&r| {
                    let name: &'static str = r.into();
                    view! { <option value=name selected=r == role>{r.label()}</option> }
                }).collect_view()}
            </select>
        </label>
        <FieldError value=errors field="role"/>
        <label>"Department (optional)"<input name="form[department]" value=value(|u| u.department.clone().unwrap_or_default())/></label><FieldError value=errors field="department"/>
    }
}
