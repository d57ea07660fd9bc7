use sqlx::PgPool;

use super::model::{OrgSettings, OrgSettingsForm};
use super::policy::can_administer_org;
use super::queries;
use crate::auth::Actor;
use crate::error::AppError;

pub async fn settings(pool: &PgPool, actor: &Actor) -> Result<OrgSettings, AppError> {
    can_administer_org(actor)?;
    queries::settings(pool, actor.org_id).await
}

#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn update_settings(pool: &PgPool, actor: &Actor, form: OrgSettingsForm) -> Result<OrgSettings, AppError> {
    can_administer_org(actor)?;
    let new = form.parse()?;
    queries::update_settings(pool, actor.org_id, &new).await?;
    Ok(new)
}

/// The words the organisation shows for roles and courses, inside a caller's transaction.
pub async fn labels(conn: &mut sqlx::PgConnection, org: crate::ids::OrgId) -> Result<super::Labels, AppError> {
    Ok(queries::settings(conn, org).await?.labels)
}
