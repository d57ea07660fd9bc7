use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::auth::server_fns::SignOut;

/// A plain form post; the server answers with the home page, signed out.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let action = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action attr:class="inline">
            <button type="submit" class="secondary">"Sign out"</button>
        </ActionForm>
    }
}
