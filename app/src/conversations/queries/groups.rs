//! Writing group chats: creating them, their settings and their people.

use sqlx::PgConnection;

use crate::conversations::model::{GroupStyle, LearnerNaming, NewGroup};
use crate::error::AppError;
use crate::ids::{ConversationId, OrgId, UserId};
use crate::people::OrgRole;

/// A new group chat owned by `owner`, who is its first member.
pub async fn insert_group(conn: &mut PgConnection, org: OrgId, owner: UserId, group: &NewGroup) -> Result<ConversationId, AppError> {
    let id = ConversationId::new();
    sqlx::query!(
        "INSERT INTO conversations (id, org_id, kind, owner_id, title, naming, people_visible, style, locked, avatar)
         VALUES ($1, $2, 'group', $3, $4, $5, $6, $7, $8, NULLIF($9, ''))",
        id as ConversationId,
        org as OrgId,
        owner as UserId,
        group.name,
        group.naming as LearnerNaming,
        group.people_visible,
        group.style as GroupStyle,
        group.locked,
        group.avatar,
    )
    .execute(&mut *conn)
    .await?;
    add_members(conn, org, id, &[owner]).await?;
    Ok(id)
}

/// Removes a member who is not the owner; false when there is no such member.
pub async fn remove_member(conn: &mut PgConnection, id: ConversationId, user: UserId) -> Result<bool, AppError> {
    let removed = sqlx::query!(
        "DELETE FROM conversation_members m USING conversations c
         WHERE m.conversation_id = $1 AND m.user_id = $2 AND c.id = m.conversation_id AND c.owner_id IS DISTINCT FROM m.user_id",
        id as ConversationId,
        user as UserId,
    )
    .execute(conn)
    .await?;
    Ok(removed.rows_affected() == 1)
}

pub async fn is_member(conn: &mut PgConnection, id: ConversationId, user: UserId) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM conversation_members WHERE conversation_id = $1 AND user_id = $2) AS "member!""#,
        id as ConversationId,
        user as UserId,
    )
    .fetch_one(conn)
    .await?)
}

/// Changes a group's name, what learners see in it, its style and whether it is locked.
pub async fn update_group(conn: &mut PgConnection, id: ConversationId, group: &NewGroup) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE conversations SET title = $2, naming = $3, people_visible = $4, style = $5, locked = $6, avatar = NULLIF($7, '')
         WHERE id = $1 AND kind = 'group'",
        id as ConversationId,
        group.name,
        group.naming as LearnerNaming,
        group.people_visible,
        group.style as GroupStyle,
        group.locked,
        group.avatar,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives a group an uploaded photo.
pub async fn set_group_avatar(conn: &mut PgConnection, id: ConversationId, avatar: &str) -> Result<(), AppError> {
    sqlx::query!("UPDATE conversations SET avatar = $2 WHERE id = $1 AND kind = 'group'", id as ConversationId, avatar)
        .execute(conn)
        .await?;
    Ok(())
}

/// Adds the active people of the org among `people` who are not members yet, with the history
/// so far read (`join_members`, migration 0022); returns who was added.
pub async fn add_members(conn: &mut PgConnection, org: OrgId, id: ConversationId, people: &[UserId]) -> Result<Vec<UserId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"WITH people AS (SELECT u.id FROM users u WHERE u.org_id = $1 AND u.active AND u.id = ANY($3))
           SELECT j.user_id AS "user_id!: UserId"
           FROM join_members(ARRAY(SELECT $2::uuid FROM people), ARRAY(SELECT id FROM people)) j"#,
        org as OrgId,
        id as ConversationId,
        people as &[UserId],
    )
    .fetch_all(conn)
    .await?)
}

/// Whether the organisation lets staff turn a direct chat into a group.
pub async fn group_chats_allowed(conn: &mut PgConnection, org: OrgId) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!("SELECT group_chats FROM organisations WHERE id = $1", org as OrgId).fetch_one(conn).await?)
}

/// Turns a direct or shared chat into a group owned by `owner`. A chat with a learner is
/// named after that learner, "Ada Okafor (Group)"; any other after the people in it.
/// `newcomers` were just added: the chat's learner is the one who was there before them.
pub async fn make_group(conn: &mut PgConnection, id: ConversationId, owner: UserId, newcomers: &[UserId]) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE conversations c SET kind = 'group', direct_key = NULL, owner_id = $2,
                title = COALESCE(
                    (SELECT full_name(u.first_name, u.last_name) || ' (Group)'
                     FROM conversation_members m JOIN users u ON u.id = m.user_id
                     WHERE m.conversation_id = c.id AND u.role = 'learner' AND m.user_id <> ALL($3)
                     ORDER BY m.joined_at, u.last_name LIMIT 1),
                    (SELECT string_agg(full_name(u.first_name, u.last_name), ', ' ORDER BY u.last_name, u.first_name)
                     FROM conversation_members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = c.id))
         WHERE c.id = $1 AND c.kind IN ('direct', 'shared')",
        id as ConversationId,
        owner as UserId,
        newcomers as &[UserId],
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Shares a direct chat: it becomes a shared chat owned by `owner`, keeping its key, so that
/// the pair's next "new message" still finds it.
pub async fn share(conn: &mut PgConnection, id: ConversationId, owner: UserId) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE conversations SET kind = 'shared', owner_id = $2 WHERE id = $1 AND kind = 'direct'",
        id as ConversationId,
        owner as UserId
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether a learner is among the conversation's members.
pub async fn has_learner(conn: &mut PgConnection, id: ConversationId) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM conversation_members m JOIN users u ON u.id = m.user_id
                          WHERE m.conversation_id = $1 AND u.role = 'learner') AS "has!""#,
        id as ConversationId,
    )
    .fetch_one(conn)
    .await?)
}

/// Someone's role in the organisation; "not found" when it has nobody of that id.
pub async fn role_of(conn: &mut PgConnection, org: OrgId, person: UserId) -> Result<OrgRole, AppError> {
    sqlx::query_scalar!(r#"SELECT role AS "role: OrgRole" FROM users WHERE org_id = $1 AND id = $2"#, org as OrgId, person as UserId)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Shares a new direct chat between a staff member and a learner with the staff member's
/// default teammates (`default_teammates`), if they have any: it is then theirs, shared.
pub async fn share_by_default(conn: &mut PgConnection, org: OrgId, id: ConversationId) -> Result<(), AppError> {
    sqlx::query!(
        "WITH pair AS (SELECT u.id, u.role FROM conversation_members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = $2),
              staff AS (SELECT id FROM pair WHERE role <> 'learner' AND EXISTS (SELECT 1 FROM pair WHERE role = 'learner')),
              teammates AS (SELECT t FROM staff, default_teammates(staff.id) t WHERE t NOT IN (SELECT id FROM pair)),
              added AS (INSERT INTO conversation_members (org_id, conversation_id, user_id) SELECT $1, $2, t FROM teammates RETURNING user_id)
         UPDATE conversations SET kind = 'shared', owner_id = (SELECT id FROM staff)
         WHERE id = $2 AND kind = 'direct' AND EXISTS (SELECT 1 FROM teammates) AND (SELECT count(*) FROM staff) = 1",
        org as OrgId,
        id as ConversationId,
    )
    .execute(conn)
    .await?;
    Ok(())
}
