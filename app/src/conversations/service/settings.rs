//! Changing a group chat's settings: its name, style, naming, lock and picture.

use sqlx::PgPool;

use super::access;
use super::create::checked;
use crate::auth::Actor;
use crate::conversations::model::NewGroup;
use crate::conversations::policy::can_manage_group;
use crate::conversations::queries;
use crate::error::AppError;
use crate::ids::ConversationId;
use crate::realtime::{notify, Notice};

/// Renames a group or changes what learners see in it; every member's view follows live.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn update_group(pool: &PgPool, actor: &Actor, id: ConversationId, group: NewGroup) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let membership = access(&mut tx, actor, id).await?;
    can_manage_group(actor, &membership)?;
    let group = checked(group, membership.avatar.as_deref())?;
    queries::update_group(&mut tx, id, &group).await?;
    notify(&mut tx, &[Notice::changed(id)]).await?;
    Ok(tx.commit().await?)
}

/// Whether the actor may change the group's settings, its photo among them: asked before an
/// upload is stored.
pub async fn check_manage(pool: &PgPool, actor: &Actor, id: ConversationId) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    can_manage_group(actor, &access(&mut conn, actor, id).await?)
}

/// Makes an uploaded photo (a stored `upload:` name) the group's picture.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn set_group_photo(pool: &PgPool, actor: &Actor, id: ConversationId, stored: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    can_manage_group(actor, &access(&mut tx, actor, id).await?)?;
    queries::set_group_avatar(&mut tx, id, stored).await?;
    notify(&mut tx, &[Notice::changed(id)]).await?;
    Ok(tx.commit().await?)
}
