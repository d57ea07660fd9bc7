//! Pieces every form uses: showing what went wrong, and renewing a message form once sent.

mod answer;

#[cfg(feature = "ssr")]
pub use answer::{answer, shown};
pub use answer::{form_action, island_action};

use leptos::html::Textarea;
use leptos::prelude::*;

use crate::error::AppError;
use crate::ids::ClientMessageId;

/// The error of the last submission, if it failed, unless it is about one of the fields
/// listed in `beside`, which show their own [`FieldError`]. Works before hydration too,
/// because a failed plain form post comes back with the error in the address.
#[component]
pub fn FormError<T, S>(value: S, #[prop(optional)] beside: &'static [&'static str]) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    move || {
        value.get().and_then(Result::err).filter(|err| !err.field().is_some_and(|field| beside.contains(&field))).map(|err| {
            view! { <p class="form-error" role="alert">{err.to_string()}</p> }
        })
    }
}

/// The error of the last submission when it is about `field`, shown beside that field, with
/// and without JavaScript.
#[component]
pub fn FieldError<T, S>(value: S, field: &'static str) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    move || {
        value.get().and_then(Result::err).filter(|err| err.field() == Some(field)).map(|err| {
            view! { <span class="field-error" role="alert">{err.to_string()}</span> }
        })
    }
}

/// For a form that sends a message: after each successful submission, a new client id for the
/// next one and an empty text area. A failed one keeps both, so a retry is the same message.
pub fn renew_after_success<T, S>(version: RwSignal<usize>, value: S, client_id: RwSignal<ClientMessageId>, body: NodeRef<Textarea>)
where
    T: Clone + Send + Sync + 'static,
    S: GetUntracked<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Effect::new(move |previous: Option<usize>| {
        let current = version.get();
        if previous.is_some_and(|p| p != current) && matches!(value.get_untracked(), Some(Ok(_))) {
            client_id.set(ClientMessageId::new());
            if let Some(area) = body.get() {
                area.set_value("");
            }
        }
        current
    });
}

/// A short confirmation after the last submission succeeded.
#[component]
pub fn FormDone<T, S>(value: S, message: &'static str) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    move || matches!(value.get(), Some(Ok(_))).then(|| view! { <p class="form-done" role="status">{message}</p> })
}

/// What a page shows when loading its data failed.
pub fn error_view(err: AppError) -> AnyView {
    view! { <p class="form-error" role="alert">{err.to_string()}</p> }.into_any()
}

pub fn loading() -> impl IntoView {
    view! { <p class="muted">"Loading…"</p> }
}
