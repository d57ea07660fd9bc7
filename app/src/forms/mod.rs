//! Pieces every form uses: showing what went wrong.

use leptos::prelude::*;

use crate::error::AppError;

/// The error of the last submission, if it failed; works before hydration too, because a
/// failed plain form post comes back with the error in the address.
#[component]
pub fn FormError<T, S>(value: S) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    move || {
        value.get().and_then(Result::err).map(|err| {
            view! { <p class="form-error" role="alert">{err.to_string()}</p> }
        })
    }
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
