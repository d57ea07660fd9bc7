//! The SQL of conversations: memberships here, and a file for each other part.

mod contacts;
mod groups;
mod inbox;
mod roster;

pub use contacts::{candidates, course_instructor, find_or_create_direct, reach, reach_all, NameCursor};
pub use groups::{add_members, group_chats_allowed, insert_group, is_member, make_group, remove_member, set_group_avatar, update_group};
pub use inbox::{inbox, viewer_rows, ViewerRow};
pub use roster::{close_course_chats, sync_course_chats};

use sqlx::{PgConnection, PgPool};

use crate::conversations::model::{ConversationKind, GroupStyle, LearnerNaming, MemberRole, Membership, Naming, Roster};
use crate::error::AppError;
use crate::ids::{ConversationId, OrgId, UserId};
use crate::people::OrgRole;

/// The viewer's membership of a conversation; "not found" for a non-member or a missing id
/// alike.
pub async fn membership(conn: &mut PgConnection, org: OrgId, id: ConversationId, user: UserId) -> Result<Membership, AppError> {
    let row = sqlx::query!(
        r#"SELECT c.kind AS "kind: ConversationKind", c.owner_id IS NOT DISTINCT FROM m.user_id AS "is_owner!", c.locked,
                  c.style AS "style: GroupStyle", c.title, m.cleared_at, c.naming AS "naming: LearnerNaming", c.people_visible,
                  c.roster AS "roster: Roster", c.avatar
           FROM conversations c
           JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = $3
           WHERE c.org_id = $1 AND c.id = $2"#,
        org as OrgId,
        id as ConversationId,
        user as UserId,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let role = if row.is_owner { MemberRole::Owner } else { MemberRole::Member };
    let naming = Naming { naming: row.naming, people_visible: row.people_visible };
    Ok(Membership {
        kind: row.kind,
        role,
        locked: row.locked,
        style: row.style,
        title: row.title,
        cleared_at: row.cleared_at,
        naming,
        roster: row.roster,
        avatar: row.avatar,
    })
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
