use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::auth::server_fns::SignIn;
use crate::forms::{FieldError, FormError};

/// A plain form post: the server answers with the page it came from, signed in, or with the
/// error beside its field.
#[component]
pub fn SignInForm() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let password_error = action.value().get_untracked().and_then(Result::err).filter(|err| err.field() == Some("password"));
    view! {
        <ActionForm action attr:class="stack sign-in">
            <h2>"Sign in"</h2>
            <FormError value=action.value() beside=&["email", "password"]/>
            <label>"Email"
                <input type="email" name="form[email]" autocomplete="username" required/>
            </label>
            <FieldError value=action.value() field="email"/>
            <PasswordField error=password_error.map(|err| err.to_string())/>
            <div class="row">
                <button type="submit">"Sign in"</button>
            </div>
        </ActionForm>
    }
}

/// The password, with a button that shows what was typed.
#[island]
fn PasswordField(error: Option<String>) -> impl IntoView {
    let (show_password, set_show_password) = signal(false);
    view! {
        <label>"Password"
            <input
                type=move || if show_password.get() { "text" } else { "password" }
                name="form[password]"
                autocomplete="current-password"
                required
            />
        </label>
        {error.map(|err| view! { <span class="field-error" role="alert">{err}</span> })}
        <button type="button" class="secondary show-password" on:click=move |_| set_show_password.update(|s| *s = !*s)>
            {move || if show_password.get() { "Hide password" } else { "Show password" }}
        </button>
    }
}
