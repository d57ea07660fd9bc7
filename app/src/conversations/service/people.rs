//! A group's people: added by its managers (a direct chat becoming a group), removed by
//! them, or leaving on their own.

use sqlx::{PgConnection, PgPool};

use super::access;
use crate::auth::Actor;
use crate::conversations::model::{Contact, ConversationKind, Membership};
use crate::conversations::policy::{can_add_people, can_change_people, can_leave_group};
use crate::conversations::queries;
use crate::error::AppError;
use crate::ids::{ConversationId, UserId};
use crate::realtime::{notify, Notice};

/// How many people a search for someone to add offers.
const PEOPLE_SHOWN: i64 = 20;

/// Adds someone of the organisation to a group; they find it in their inbox at once. Added
/// to a direct chat, a third person makes it a group that the actor owns.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn add_to_group(pool: &PgPool, actor: &Actor, id: ConversationId, person: UserId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let membership = access(&mut tx, actor, id).await?;
    can_add_people(actor, &membership, group_chats_flag(&mut tx, actor, &membership).await?)?;
    // Newcomers start with the history read: no send may move it meanwhile.
    crate::inbox_state::lock(&mut tx, &[id]).await?;
    let added = queries::add_members(&mut tx, actor.org_id, id, &[person]).await?;
    if added.is_empty() && !queries::is_member(&mut tx, id, person).await? {
        return Err(AppError::NotFound);
    }
    if membership.kind == ConversationKind::Direct && !added.is_empty() {
        queries::make_group(&mut tx, id, actor.id).await?;
    }
    notify(&mut tx, &[Notice::changed(id)]).await?;
    Ok(tx.commit().await?)
}

/// The organisation's "group chat" flag, read only where it decides: for a direct chat.
pub(super) async fn group_chats_flag(conn: &mut PgConnection, actor: &Actor, membership: &Membership) -> Result<bool, AppError> {
    Ok(membership.kind == ConversationKind::Direct && queries::group_chats_allowed(conn, actor.org_id).await?)
}

/// Removes someone from a group: their messages stay, signed "Former participant", or, with
/// `delete_messages`, go with the threads they started. The owner stays.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn remove_from_group(
    pool: &PgPool,
    actor: &Actor,
    id: ConversationId,
    person: UserId,
    delete_messages: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    can_change_people(actor, &access(&mut tx, actor, id).await?)?;
    if delete_messages {
        crate::messages::service::delete_all_by(&mut tx, id, person).await?;
    }
    leave(&mut tx, id, person).await?;
    Ok(tx.commit().await?)
}

/// Leaves a group: everything the actor wrote in it, and the threads they started, are
/// deleted for everyone. Its owner cannot leave it.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn leave_group(pool: &PgPool, actor: &Actor, id: ConversationId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let membership = access(&mut tx, actor, id).await?;
    can_leave_group(&membership)?;
    crate::messages::service::delete_all_by(&mut tx, id, actor.id).await?;
    leave(&mut tx, id, actor.id).await?;
    Ok(tx.commit().await?)
}

/// The membership ends; the others' views and the person's inbox follow live.
async fn leave(conn: &mut PgConnection, id: ConversationId, person: UserId) -> Result<(), AppError> {
    if !queries::remove_member(conn, id, person).await? {
        return Err(AppError::NotFound);
    }
    notify(conn, &[Notice::changed(id), Notice::changed_for(id, person)]).await
}

/// Active people of the organisation whose name matches, for a manager of the group to add.
pub async fn people_to_add(pool: &PgPool, actor: &Actor, id: ConversationId, query: &str) -> Result<Vec<Contact>, AppError> {
    let mut conn = pool.acquire().await?;
    let membership = access(&mut conn, actor, id).await?;
    can_add_people(actor, &membership, group_chats_flag(&mut conn, actor, &membership).await?)?;
    let found = queries::candidates(&mut conn, actor.org_id, actor.id, query.trim(), None, PEOPLE_SHOWN).await?;
    Ok(found.into_iter().map(|candidate| candidate.contact).collect())
}
