use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::model::{BroadcastForm, BroadcastReport};
use crate::error::AppError;

#[server(endpoint = "broadcast", output = crate::wire::Answer)]
pub async fn broadcast(form: BroadcastForm) -> Result<BroadcastReport, AppError> {
    let actor = crate::auth::require_user().await?;
    crate::forms::shown(Broadcast::PATH, super::service::broadcast(&crate::auth::session::pool()?, &actor, form).await)
}
