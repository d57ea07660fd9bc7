use leptos::form::ActionForm;
use leptos::prelude::*;

use super::user_context::reload_on_success;
use crate::auth::server_fns::SignIn;
use crate::forms::{FieldError, FormError};

#[component]
pub fn SignInForm() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    reload_on_success(action.value());
    let (show_password, set_show_password) = signal(false);
    view! {
        <ActionForm action attr:class="stack sign-in">
            <h2>"Sign in"</h2>
            <FormError value=action.value() beside=&["email", "password"]/>
            <label>"Email"
                <input type="email" name="form[email]" autocomplete="username" required/>
            </label>
            <FieldError value=action.value() field="email"/>
            <label>"Password"
                <input
                    type=move || if show_password.get() { "text" } else { "password" }
                    name="form[password]"
                    autocomplete="current-password"
                    required
                />
            </label>
            <FieldError value=action.value() field="password"/>
            <div class="row">
                <button type="submit" disabled=move || action.pending().get()>"Sign in"</button>
                <button type="button" class="secondary" on:click=move |_| set_show_password.update(|s| *s = !*s)>
                    {move || if show_password.get() { "Hide password" } else { "Show password" }}
                </button>
            </div>
        </ActionForm>
    }
}
