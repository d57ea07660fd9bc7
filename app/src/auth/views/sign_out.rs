use leptos::form::ActionForm;
use leptos::prelude::*;

use super::user_context::reload_on_success;
use crate::auth::server_fns::SignOut;

#[component]
pub fn SignOutButton() -> impl IntoView {
    let action = ServerAction::<SignOut>::new();
    reload_on_success(action.value());
    view! {
        <ActionForm action attr:class="inline">
            <button type="submit" class="secondary">"Sign out"</button>
        </ActionForm>
    }
}
