use leptos::prelude::*;
use strum::VariantArray;

use crate::people::{OrgRole, UserView};

/// The fields of a person, for adding and for editing.
#[component]
pub fn UserFields(#[prop(optional)] user: Option<UserView>) -> impl IntoView {
    let role = user.as_ref().map(|u| u.role).unwrap_or(OrgRole::Learner);
    let value = |get: fn(&UserView) -> String| user.as_ref().map(get).unwrap_or_default();
    view! {
        <label>"Email"<input type="email" name="form[email]" required value=value(|u| u.email.clone())/></label>
        <label>"First name"<input name="form[first_name]" required value=value(|u| u.first_name.clone())/></label>
        <label>"Last name"<input name="form[last_name]" required value=value(|u| u.last_name.clone())/></label>
        <label>"Role"
            <select name="form[role]">
                {OrgRole::VARIANTS.iter().map(|&r| {
                    let name: &'static str = r.into();
                    view! { <option value=name selected=r == role>{r.label()}</option> }
                }).collect_view()}
            </select>
        </label>
        <label>"Department (optional)"<input name="form[department]" value=value(|u| u.department.clone().unwrap_or_default())/></label>
    }
}
