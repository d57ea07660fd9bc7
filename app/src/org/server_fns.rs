use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::model::{OrgSettings, OrgSettingsForm};
use crate::error::AppError;

#[server(endpoint = "get_org_settings", output = crate::wire::Answer)]
pub async fn get_org_settings() -> Result<OrgSettings, AppError> {
    let actor = crate::auth::require_user().await?;
    super::service::settings(&crate::auth::session::pool()?, &actor).await
}

#[server(endpoint = "update_org_settings", output = crate::wire::Answer)]
pub async fn update_org_settings(form: OrgSettingsForm) -> Result<OrgSettings, AppError> {
    let actor = crate::auth::require_user().await?;
    crate::forms::shown(UpdateOrgSettings::PATH, super::service::update_settings(&crate::auth::session::pool()?, &actor, form).await)
}
