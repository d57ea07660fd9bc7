//! The SQL of conversations: memberships here, and a file for each other part.

mod channels;
mod contacts;
mod groups;
mod inbox;
mod roster;
mod sharing;

pub use channels::{channel_choices, find_or_create_channel, standing, sync_channels};
pub use contacts::{candidates, course_instructor, find_or_create_direct, reach, reach_all, NameCursor};
pub use groups::{
    add_members, group_chats_allowed, has_learner, insert_group, is_member, make_group, remove_member, role_of, set_group_avatar, share,
    share_by_default, update_group,
};
pub use inbox::{inbox, viewer_rows, ViewerRow};
pub use roster::{close_course_chats, sync_course_chats};
pub use sharing::{set_default_share, teammates};

use sqlx::{PgConnection, PgPool};

use crate::conversations::model::{ConversationKind, GroupStyle, LearnerNaming, MemberRole, Membership, Naming, Roster};
use crate::error::AppError;
use crate::ids::{ConversationId, OrgId, UserId};
use crate::people::OrgRole;

/// A membership as stored: the conversation's settings with the member's part in it.
struct MembershipRow {
    conversation: ConversationId,
    user: UserId,
    kind: ConversationKind,
    is_owner: bool,
    locked: bool,
    style: GroupStyle,
    title: Option<String>,
    cleared_at: Option<time::OffsetDateTime>,
    naming: LearnerNaming,
    people_visible: bool,
    roster: Option<Roster>,
    avatar: Option<String>,
}

impl MembershipRow {
    fn membership(self) -> Membership {
        Membership {
            kind: self.kind,
            role: if self.is_owner { MemberRole::Owner } else { MemberRole::Member },
            locked: self.locked,
            style: self.style,
            title: self.title,
            cleared_at: self.cleared_at,
            naming: Naming { naming: self.naming, people_visible: self.people_visible },
            roster: self.roster,
            avatar: self.avatar,
        }
    }
}

/// The viewer's membership of a conversation; "not found" for a non-member or a missing id
/// alike.
pub async fn membership(conn: &mut PgConnection, org: OrgId, id: ConversationId, user: UserId) -> Result<Membership, AppError> {
    let row = membership_rows(conn, Some(org), &[id], &[user]).await?.pop().ok_or(AppError::NotFound)?;
    Ok(row.membership())
}

/// The memberships of those of `viewers` who are members of these conversations, in one
/// query: what the live events of a burst of changes need to say what each viewer may do.
pub async fn memberships(
    pool: &PgPool,
    conversations: &[ConversationId],
    viewers: &[UserId],
) -> Result<Vec<(ConversationId, UserId, Membership)>, AppError> {
    let rows = membership_rows(pool, None, conversations, viewers).await?;
    Ok(rows.into_iter().map(|row| (row.conversation, row.user, row.membership())).collect())
}

/// The memberships of `users` in `conversations`, of the organisation `org` when given.
async fn membership_rows(
    conn: impl sqlx::PgExecutor<'_>,
    org: Option<OrgId>,
    conversations: &[ConversationId],
    users: &[UserId],
) -> Result<Vec<MembershipRow>, AppError> {
    Ok(sqlx::query_as!(
        MembershipRow,
        r#"SELECT c.id AS "conversation: ConversationId", m.user_id AS "user: UserId", c.kind AS "kind: ConversationKind",
                  c.owner_id IS NOT DISTINCT FROM m.user_id AS "is_owner!", c.locked, c.style AS "style: GroupStyle", c.title,
                  m.cleared_at, c.naming AS "naming: LearnerNaming", c.people_visible, c.roster AS "roster: Roster", c.avatar
           FROM conversations c
           JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = ANY($3)
           WHERE c.id = ANY($2) AND ($1::uuid IS NULL OR c.org_id = $1)"#,
        org as Option<OrgId>,
        conversations as &[ConversationId],
        users as &[UserId],
    )
    .fetch_all(conn)
    .await?)
}

/// A member as the database knows them; [`Naming`] says how a viewer sees them.
pub struct MemberRow {
    pub id: UserId,
    pub first_name: String,
    pub last_name: String,
    pub avatar: Option<String>,
    pub active: bool,
    pub owner: bool,
    pub role: OrgRole,
}

/// The members, owner first, then by name.
pub async fn members(conn: &mut PgConnection, id: ConversationId) -> Result<Vec<MemberRow>, AppError> {
    Ok(sqlx::query_as!(
        MemberRow,
        r#"SELECT u.id AS "id: UserId", u.first_name, u.last_name, u.avatar, u.active,
                  c.owner_id IS NOT DISTINCT FROM u.id AS "owner!", u.role AS "role: OrgRole"
           FROM conversation_members m JOIN users u ON u.id = m.user_id JOIN conversations c ON c.id = m.conversation_id
           WHERE m.conversation_id = $1 ORDER BY c.owner_id IS NOT DISTINCT FROM u.id DESC, u.last_name, u.first_name"#,
        id as ConversationId,
    )
    .fetch_all(conn)
    .await?)
}

/// How each of these conversations names people, for the live events of a burst.
pub async fn namings(pool: &PgPool, ids: &[ConversationId]) -> Result<Vec<(ConversationId, Naming)>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id: ConversationId", naming AS "naming: LearnerNaming", people_visible FROM conversations WHERE id = ANY($1)"#,
        ids as &[ConversationId],
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, Naming { naming: r.naming, people_visible: r.people_visible })).collect())
}
