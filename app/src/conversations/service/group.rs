//! Group chats: staff create them; their owner and admins who are members add people and
//! change their settings.

use sqlx::{PgConnection, PgPool};

use super::access;
use crate::auth::Actor;
use crate::conversations::model::{Contact, ConversationKind, Membership, NewGroup};
use crate::conversations::policy::{can_add_people, can_change_people, can_create_group, can_leave_group, can_manage_group};
use crate::conversations::queries;
use crate::error::AppError;
use crate::ids::{ConversationId, UserId};
use crate::people::AVATAR_PRESETS;
use crate::realtime::{notify, Notice};

/// The longest group name.
pub const NAME_MAX: usize = 80;
/// How many people a search for someone to add offers.
const PEOPLE_SHOWN: i64 = 20;

/// Creates a group chat with the actor as its owner and only member.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create_group(pool: &PgPool, actor: &Actor, group: NewGroup) -> Result<ConversationId, AppError> {
    can_create_group(actor)?;
    let group = checked(group, None)?;
    let mut tx = pool.begin().await?;
    let id = queries::insert_group(&mut tx, actor.org_id, actor.id, &group).await?;
    notify(&mut tx, &[Notice::changed(id)]).await?;
    tx.commit().await?;
    Ok(id)
}

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

/// Adds someone of the organisation to a group; they find it in their inbox at once. Added
/// to a direct chat, a third person makes it a group that the actor owns.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn add_to_group(pool: &PgPool, actor: &Actor, id: ConversationId, person: UserId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let membership = access(&mut tx, actor, id).await?;
    can_add_people(actor, &membership, group_chats_flag(&mut tx, actor, &membership).await?)?;
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

/// A group's settings with its name and picture checked; `current` is the picture it has.
fn checked(group: NewGroup, current: Option<&str>) -> Result<NewGroup, AppError> {
    Ok(NewGroup { name: group_name(&group.name)?, avatar: group_avatar(&group.avatar, current)?, ..group })
}

/// A group's picture: one of the provided ones, the photo it already has, or empty for its
/// initials. A photo is uploaded on its own ([`set_group_photo`]); nobody names another's.
pub fn group_avatar(raw: &str, current: Option<&str>) -> Result<String, AppError> {
    match raw.trim() {
        "" => Ok(String::new()),
        preset if AVATAR_PRESETS.contains(&preset) => Ok(preset.to_owned()),
        kept if current == Some(kept) => Ok(kept.to_owned()),
        _ => Err(AppError::validation("avatar", "Choose one of the offered pictures, or the initials.")),
    }
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

/// A group's name, trimmed: not empty, not too long, and free of control and
/// direction-changing characters, which would disguise it.
pub fn group_name(raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", "Give the group a name."));
    }
    if name.chars().count() > NAME_MAX {
        return Err(AppError::validation("name", format!("A group name has at most {NAME_MAX} characters.")));
    }
    if name.chars().any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')) {
        return Err(AppError::validation("name", "A group name cannot contain line breaks or control characters."));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_are_trimmed_and_checked() {
        assert_eq!(group_name("  Cohort 7  ").unwrap(), "Cohort 7");
        assert_eq!(group_name(&"é".repeat(NAME_MAX)).unwrap().chars().count(), NAME_MAX);
        for bad in ["", "   ", "Line\nbreak", "Tab\there", "evil\u{202E}txt", &"x".repeat(NAME_MAX + 1)] {
            assert_eq!(group_name(bad).unwrap_err().field(), Some("name"), "{bad:?}");
        }
    }

    #[test]
    fn a_group_picture_is_one_of_the_provided_ones_its_own_photo_or_the_initials() {
        assert_eq!(group_avatar(" owl ", None).unwrap(), "owl");
        assert_eq!(group_avatar("", Some("upload:ours.png")).unwrap(), "");
        assert_eq!(group_avatar("upload:ours.png", Some("upload:ours.png")).unwrap(), "upload:ours.png", "kept");
        for bad in ["../etc/passwd", "upload:x.png", "Owl", "dragon"] {
            assert_eq!(group_avatar(bad, Some("upload:ours.png")).unwrap_err().field(), Some("avatar"), "{bad:?}");
        }
    }
}
