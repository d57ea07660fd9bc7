//! Conversations' services, one file per action.

mod channels;
mod create;
mod delete;
mod people;
mod roster;
mod settings;
mod sharing;
mod start;

use sqlx::{PgConnection, PgPool};

pub use channels::{channel_choices, create_channel};
pub use create::{create_group, group_name, NAME_MAX};
pub use delete::delete_for_me;
pub use people::{add_to_group, leave_group, people_to_add, remove_from_group};
pub use roster::{follow_course, set_course_chats};
pub use settings::{check_manage, set_group_photo, update_group};
pub use sharing::{default_sharing, set_default_share};
pub use start::{contacts, may_contact_instructor, reachable, start_direct};

use super::model::{ConversationKind, ConversationView, Inbox, Membership, Naming, Participant};
use super::naming::Viewer;
use super::queries::{self, ViewerRow};
use crate::auth::Actor;
use crate::error::AppError;
use crate::ids::{ConversationId, UserId};

/// Loads a conversation through the actor's membership: a non-member, admins included, gets
/// "not found", exactly as for an id that does not exist.
pub async fn access(conn: &mut PgConnection, actor: &Actor, id: ConversationId) -> Result<Membership, AppError> {
    queries::membership(conn, actor.org_id, id, actor.id).await
}

pub async fn inbox(pool: &PgPool, actor: &Actor) -> Result<Inbox, AppError> {
    let entries = queries::inbox(pool, actor.id).await?;
    let total_unread = entries.iter().map(|e| e.unread).sum();
    Ok(Inbox { entries, total_unread })
}

pub async fn view(pool: &PgPool, actor: &Actor, id: ConversationId) -> Result<ConversationView, AppError> {
    let mut conn = pool.acquire().await?;
    let membership = access(&mut conn, actor, id).await?;
    let viewer = Viewer { id: actor.id, role: actor.role };
    let members: Vec<Participant> =
        queries::members(&mut conn, id).await?.into_iter().map(|row| participant(row, &membership, viewer)).collect();
    let cannot_post = super::policy::why_not_posting(actor.role, &membership).map(str::to_owned);
    let can_manage = super::policy::can_manage_group(actor, &membership).is_ok();
    let group_chats = people::group_chats_flag(&mut conn, actor, &membership).await?;
    let with_learner = members.iter().any(|m| !m.staff) && matches!(membership.kind, ConversationKind::Direct | ConversationKind::Shared);
    let can_add_people = super::policy::can_add_people(actor, &membership, group_chats, with_learner).is_ok();
    let can_leave = super::policy::can_leave_group(&membership).is_ok();
    let can_delete = super::policy::can_delete_chat(&membership).is_ok();
    let can_pin = super::policy::can_pin(actor, &membership).is_ok();
    let title = membership.title.unwrap_or_else(|| untitled(&members, actor.id, membership.kind));
    let (naming, style, locked, course_chat, avatar) =
        (membership.naming, membership.style, membership.locked, membership.roster.is_some(), membership.avatar);
    let notifications = crate::notifications::service::setting(&mut conn, actor, id).await?;
    Ok(ConversationView {
        id,
        kind: membership.kind,
        title,
        members,
        me: actor.id,
        cannot_post,
        can_manage,
        can_add_people,
        can_leave,
        can_delete,
        naming,
        style,
        locked,
        can_pin,
        course_chat,
        avatar,
        notifications,
    })
}

/// The title of a chat without one, as the viewer sees it: the others' names; for a shared
/// chat its learner (or, for the learner, the first other) and how many more, as the inbox
/// says it (`inbox_rows`).
fn untitled(members: &[Participant], viewer: UserId, kind: ConversationKind) -> String {
    let mut others: Vec<&Participant> = members.iter().filter(|m| m.id != viewer).collect();
    match (others.len(), kind) {
        (0, _) => "Just you".to_owned(),
        (n, ConversationKind::Shared) if n > 1 => {
            others.sort_by_key(|m| m.staff);
            format!("{} +{} more", others[0].name, n - 1)
        }
        _ => others.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", "),
    }
}

/// A member as `viewer` may see them.
fn participant(row: queries::MemberRow, membership: &Membership, viewer: Viewer) -> Participant {
    let naming = membership.naming;
    // A direct chat has nobody else to point at.
    let mentionable = membership.kind != ConversationKind::Direct && row.active && row.id != viewer.id && !naming.hides(viewer, row.id);
    Participant {
        id: row.id,
        name: naming.name(viewer, row.id, &row.first_name, &row.last_name),
        avatar: naming.photo(viewer, row.id, row.avatar),
        active: row.active,
        owner: row.owner,
        staff: row.role != crate::people::OrgRole::Learner,
        mentionable,
    }
}

/// The people `viewer` may @mention here, by the names they see.
pub async fn mentionable(
    conn: &mut PgConnection,
    id: ConversationId,
    membership: &Membership,
    viewer: Viewer,
) -> Result<Vec<(UserId, String)>, AppError> {
    let members = queries::members(conn, id).await?.into_iter().map(|row| participant(row, membership, viewer));
    Ok(members.filter(|person| person.mentionable).map(|person| (person.id, person.name)).collect())
}

/// How each of these conversations names people.
pub async fn namings(pool: &PgPool, ids: &[ConversationId]) -> Result<std::collections::HashMap<ConversationId, Naming>, AppError> {
    Ok(queries::namings(pool, ids).await?.into_iter().collect())
}

/// The memberships of `viewers` in these conversations, for the live events of a burst.
pub async fn memberships(
    pool: &PgPool,
    conversations: &[ConversationId],
    viewers: &[UserId],
) -> Result<std::collections::HashMap<(ConversationId, UserId), Membership>, AppError> {
    let found = queries::memberships(pool, conversations, viewers).await?;
    Ok(found.into_iter().map(|(conversation, user, membership)| ((conversation, user), membership)).collect())
}

/// Each of `viewers`' rows of these conversations, for the live events of a burst.
pub async fn viewer_rows(pool: &PgPool, conversations: &[ConversationId], viewers: &[UserId]) -> Result<Vec<ViewerRow>, AppError> {
    queries::viewer_rows(pool, conversations, viewers).await
}
