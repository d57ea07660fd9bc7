use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::model::{CurrentUser, PasswordChange, SignInDetails};
use crate::error::AppError;

#[server(endpoint = "current_user", output = crate::wire::Answer)]
pub async fn load_current_user() -> Result<Option<CurrentUser>, AppError> {
    super::session::current_user().await
}

#[server(endpoint = "sign_in", output = crate::wire::Answer)]
pub async fn sign_in(form: SignInDetails) -> Result<CurrentUser, AppError> {
    use super::session;
    let pool = session::pool()?;
    let address = session::client_address().await;
    // A plain form post returns to the page it came from; a script reloads the page itself.
    super::service::sign_in(&pool, &session::session().await?, form, &address).await
}

#[server(endpoint = "sign_out", output = crate::wire::Answer)]
pub async fn sign_out() -> Result<(), AppError> {
    super::service::sign_out(&super::session::pool()?, &super::session::session().await?).await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "change_password", output = crate::wire::Answer)]
pub async fn change_password(change: PasswordChange) -> Result<(), AppError> {
    use super::session;
    let actor = session::require_user().await?;
    crate::forms::shown(
        ChangePassword::PATH,
        super::service::change_password(&session::pool()?, &session::session().await?, &actor, change).await,
    )
}
