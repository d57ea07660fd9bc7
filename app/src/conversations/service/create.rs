//! Creating a group chat, and the rules its name and picture follow.

use sqlx::PgPool;

use crate::auth::Actor;
use crate::conversations::model::NewGroup;
use crate::conversations::policy::can_create_group;
use crate::conversations::queries;
use crate::error::AppError;
use crate::ids::ConversationId;
use crate::people::AVATAR_PRESETS;
use crate::realtime::{notify, Notice};

/// The longest group name.
pub const NAME_MAX: usize = 80;

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

/// A group's settings with its name and picture checked; `current` is the picture it has.
pub(super) fn checked(group: NewGroup, current: Option<&str>) -> Result<NewGroup, AppError> {
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
