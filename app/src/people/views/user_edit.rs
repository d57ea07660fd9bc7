use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::user_fields::{UserFields, USER_FIELDS};
use crate::admin::AdminNav;
use crate::forms::{error_view, loading, FormDone, FormError};
use crate::ids::UserId;
use crate::people::server_fns::{get_user, SetUserActive, UpdateUser};

#[component]
pub fn UserEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|raw| raw.parse::<UserId>().ok());
    let update = crate::forms::form_action::<UpdateUser>();
    let activate = ServerAction::<SetUserActive>::new();
    let user = Resource::new(
        move || (id(), update.version().get(), activate.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_user(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <AdminNav/>
        <section class="panel">
            <Suspense fallback=loading>
                {move || user.get().map(|result| match result {
                    Err(err) => error_view(err),
                    Ok(u) => {
                        let (id, active, fields, staff) = (u.id, u.active, u.clone(), u.role != crate::people::OrgRole::Learner);
                        view! {
                        <h1>{u.full_name()}</h1>
                        <ActionForm action=update attr:class="stack">
                            <FormError value=update.value() beside=USER_FIELDS/>
                            <FormDone value=update.value() message="Saved."/>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <UserFields errors=update.value() user=fields.clone()/>
                            <button type="submit">"Save"</button>
                        </ActionForm>
                        <ActionForm action=activate attr:class="stack">
                            <FormError value=activate.value()/>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="active" value=(!active).to_string()/>
                            <p>{if active { "This account is active." } else { "This account is deactivated: they cannot sign in or post, and their conversations stay readable to others." }}</p>
                            <button type="submit" class=if active { "danger" } else { "" }>
                                {if active { "Deactivate" } else { "Reactivate" }}
                            </button>
                        </ActionForm>
                        {staff.then(|| view! { <crate::conversations::DefaultSharingPanel owner=id/> })}
                    }.into_any()},
                })}
            </Suspense>
        </section>
    }
}
