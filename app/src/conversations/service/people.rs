//! A group's people: added by its managers (a direct chat becoming a group), removed by
//! them, or leaving on their own.

use sqlx::{PgConnection, PgPool};

use super::access;
use crate::auth::Actor;
use crate::conversations::model::{Contact, ConversationKind, Membership};
use crate::conversations::policy::{
    can_add_people, can_leave_group, can_remove_person, what_adding_makes, AddFacts, Adding, CONVERTS_TO_GROUP,
};
use crate::conversations::queries;
use crate::error::AppError;
use crate::ids::{ConversationId, UserId};
use crate::people::OrgRole;
use crate::realtime::{notify, Notice};

/// How many people a search for someone to add offers.
const PEOPLE_SHOWN: i64 = 20;

/// Adds someone of the organisation; they find the chat in their inbox at once. To a group,
/// one more member. To a direct chat with a learner, a teammate shares it; a shared chat's
/// owner shares it further. A second learner, or a third person in a chat between staff,
/// makes it a group that the actor owns: from a shared chat only once `convert` confirms it.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn add_to_group(pool: &PgPool, actor: &Actor, id: ConversationId, person: UserId, convert: bool) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let membership = access(&mut tx, actor, id).await?;
    let adding_learner = queries::role_of(&mut tx, actor.org_id, person).await? == OrgRole::Learner;
    let facts = AddFacts {
        group_chats: group_chats_flag(&mut tx, actor, &membership).await?,
        with_learner: with_learner(&mut tx, id, &membership).await?,
        adding_learner,
    };
    let adding = what_adding_makes(actor, &membership, facts)?;
    if adding == (Adding::Group { confirm: true }) && !convert {
        return Err(AppError::Conflict(CONVERTS_TO_GROUP.into()));
    }
    // Newcomers start with the history read: no send may move it meanwhile.
    crate::inbox_state::lock(&mut tx, &[id]).await?;
    let added = queries::add_members(&mut tx, actor.org_id, id, &[person]).await?;
    if added.is_empty() && !queries::is_member(&mut tx, id, person).await? {
        return Err(AppError::NotFound);
    }
    match adding {
        _ if added.is_empty() => {}
        Adding::Share => queries::share(&mut tx, id, actor.id).await?,
        Adding::Group { .. } => queries::make_group(&mut tx, id, actor.id, &added).await?,
        Adding::Member => {}
    }
    notify(&mut tx, &[Notice::changed(id)]).await?;
    Ok(tx.commit().await?)
}

/// The organisation's "group chat" flag, read only where it decides: for a direct or a
/// shared chat.
pub(super) async fn group_chats_flag(conn: &mut PgConnection, actor: &Actor, membership: &Membership) -> Result<bool, AppError> {
    let one_to_one = matches!(membership.kind, ConversationKind::Direct | ConversationKind::Shared);
    Ok(one_to_one && queries::group_chats_allowed(conn, actor.org_id).await?)
}

/// Whether a direct or shared chat is with a learner, read only where it decides.
pub(super) async fn with_learner(conn: &mut PgConnection, id: ConversationId, membership: &Membership) -> Result<bool, AppError> {
    let one_to_one = matches!(membership.kind, ConversationKind::Direct | ConversationKind::Shared);
    Ok(one_to_one && queries::has_learner(conn, id).await?)
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
    let membership = access(&mut tx, actor, id).await?;
    let removing_learner = queries::role_of(&mut tx, actor.org_id, person).await? == OrgRole::Learner;
    can_remove_person(actor, &membership, removing_learner)?;
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
    let with_learner = with_learner(&mut conn, id, &membership).await?;
    can_add_people(actor, &membership, group_chats_flag(&mut conn, actor, &membership).await?, with_learner)?;
    let found = queries::candidates(&mut conn, actor.org_id, actor.id, query.trim(), None, PEOPLE_SHOWN).await?;
    Ok(found.into_iter().map(|candidate| candidate.contact).collect())
}
