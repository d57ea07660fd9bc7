use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

use super::model::{Contact, ConversationKind, GroupStyle, InboxEntry, LearnerNaming, MemberRole, Membership, Naming, NewGroup, Roster};
use super::policy::{Reach, SharedCourse};
use crate::auth::Actor;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, DepartmentId, OrgId, UserId};
use crate::org::DmPolicy;
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
/// so far read; returns who was added.
pub async fn add_members(conn: &mut PgConnection, org: OrgId, id: ConversationId, people: &[UserId]) -> Result<Vec<UserId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO conversation_members (org_id, conversation_id, user_id, last_read_message_id, read_position, last_read_at)
           SELECT $1, $2, u.id, x.id, x.created_at, x.created_at
           FROM users u
           LEFT JOIN conversations c ON c.id = $2
           LEFT JOIN messages x ON x.id = c.last_message_id
           WHERE u.org_id = $1 AND u.active AND u.id = ANY($3)
           ON CONFLICT DO NOTHING RETURNING user_id AS "user_id: UserId""#,
        org as OrgId,
        id as ConversationId,
        people as &[UserId],
    )
    .fetch_all(conn)
    .await?)
}

/// Everything the direct-chat policy needs about a target; "not found" outside the org.
pub async fn reach(conn: &mut PgConnection, actor: &Actor, target: UserId) -> Result<Reach, AppError> {
    let mut found = reach_all(conn, actor, &[target]).await?;
    found.pop().map(|(_, reach)| reach).ok_or(AppError::NotFound)
}

/// [`reach`] for many targets in three queries, whatever their number; targets outside the
/// org are left out. The facts only: which policy is in force is the policy's to decide.
pub async fn reach_all(conn: &mut PgConnection, actor: &Actor, targets: &[UserId]) -> Result<Vec<(UserId, Reach)>, AppError> {
    let people = sqlx::query!(
        r#"SELECT u.id AS "id: UserId", u.role AS "role: OrgRole", u.active,
                  (u.department_id IS NOT DISTINCT FROM $3 AND $3 IS NOT NULL) AS "same_department!",
                  o.private_messaging, o.learner_dm_policy AS "org_policy: DmPolicy"
           FROM users u JOIN organisations o ON o.id = u.org_id
           WHERE u.org_id = $1 AND u.id = ANY($2)"#,
        actor.org_id as OrgId,
        targets as &[UserId],
        actor.department_id as Option<DepartmentId>,
    )
    .fetch_all(&mut *conn)
    .await?;
    let shared = sqlx::query!(
        r#"SELECT theirs.user_id AS "user_id: UserId", c.learner_dm_policy AS "policy: DmPolicy", theirs.role AS "role: CourseRole"
           FROM enrolments mine
           JOIN enrolments theirs ON theirs.course_id = mine.course_id AND theirs.user_id = ANY($2)
           JOIN courses c ON c.id = mine.course_id
           WHERE mine.org_id = $1 AND mine.user_id = $3"#,
        actor.org_id as OrgId,
        targets as &[UserId],
        actor.id as UserId,
    )
    .fetch_all(&mut *conn)
    .await?;
    let own_courses = sqlx::query_scalar!(
        r#"SELECT c.learner_dm_policy AS "policy: DmPolicy" FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.org_id = $1 AND e.user_id = $2"#,
        actor.org_id as OrgId,
        actor.id as UserId,
    )
    .fetch_all(conn)
    .await?;
    Ok(people
        .into_iter()
        .map(|p| {
            let shared_courses =
                shared.iter().filter(|s| s.user_id == p.id).map(|s| SharedCourse { policy: s.policy, target_role: s.role }).collect();
            let reach = Reach {
                target_role: p.role,
                target_active: p.active,
                same_department: p.same_department,
                private_messaging: p.private_messaging,
                org_policy: p.org_policy,
                shared_courses,
                own_courses: own_courses.clone(),
            };
            (p.id, reach)
        })
        .collect())
}

/// The first instructor (else mentor) of a course the actor is enrolled in.
pub async fn course_instructor(conn: &mut PgConnection, org: OrgId, course: CourseId, actor: UserId) -> Result<UserId, AppError> {
    sqlx::query_scalar!(
        r#"SELECT staff.user_id AS "user_id: UserId" FROM enrolments mine
           JOIN enrolments staff ON staff.course_id = mine.course_id AND staff.role IN ('instructor', 'mentor')
           JOIN users u ON u.id = staff.user_id
           WHERE mine.org_id = $1 AND mine.course_id = $2 AND mine.user_id = $3
           ORDER BY staff.role DESC, u.active DESC, u.last_name LIMIT 1"#,
        org as OrgId,
        course as CourseId,
        actor as UserId,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Finds the pair's direct chat or creates it; two concurrent starts meet on the unique key.
pub async fn find_or_create_direct(conn: &mut PgConnection, org: OrgId, owner: UserId, other: UserId) -> Result<ConversationId, AppError> {
    let created = sqlx::query_scalar!(
        r#"INSERT INTO conversations (id, org_id, kind, owner_id, direct_key) VALUES ($1, $2, 'direct', $3, direct_key($3, $4))
           ON CONFLICT (org_id, direct_key) DO NOTHING RETURNING id AS "id: ConversationId""#,
        ConversationId::new() as ConversationId,
        org as OrgId,
        owner as UserId,
        other as UserId,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = created else {
        return Ok(sqlx::query_scalar!(
            r#"SELECT id AS "id: ConversationId" FROM conversations WHERE org_id = $1 AND direct_key = direct_key($2, $3)"#,
            org as OrgId,
            owner as UserId,
            other as UserId,
        )
        .fetch_one(&mut *conn)
        .await?);
    };
    sqlx::query!(
        "INSERT INTO conversation_members (org_id, conversation_id, user_id) SELECT $1, $2, UNNEST($3::uuid[])",
        org as OrgId,
        id as ConversationId,
        &[owner, other] as &[UserId],
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// One conversation as an inbox shows it to one viewer (`inbox_rows` in SQL).
struct InboxRow {
    viewer: UserId,
    viewer_role: OrgRole,
    hidden: bool,
    id: ConversationId,
    kind: ConversationKind,
    title: Option<String>,
    other_name: Option<String>,
    other_avatar: Option<String>,
    preview: Option<String>,
    last_message_at: OffsetDateTime,
    unread: i32,
    mentioned: bool,
}

impl InboxRow {
    fn entry(self) -> InboxEntry {
        InboxEntry {
            id: self.id,
            kind: self.kind,
            title: self.title.or(self.other_name).unwrap_or_else(|| "Conversation".into()),
            avatar: self.other_avatar,
            preview: self.preview.map(|p| p.chars().take(120).collect()),
            last_message_at: crate::messages::rfc3339(self.last_message_at),
            unread: i64::from(self.unread),
            mentioned: self.mentioned,
        }
    }
}

/// The whole inbox in one query, whatever the number of conversations, and without reading
/// messages at all: previews and unread counts are stored (`inbox_state`).
pub async fn inbox(pool: &PgPool, user: UserId) -> Result<Vec<InboxEntry>, AppError> {
    let rows = sqlx::query_as!(
        InboxRow,
        r#"SELECT viewer AS "viewer!: UserId", viewer_role AS "viewer_role!: OrgRole", hidden AS "hidden!", id AS "id!: ConversationId",
                  kind AS "kind!: ConversationKind", title, other_name, other_avatar, preview, last_message_at AS "last_message_at!", unread AS "unread!",
                  mentioned AS "mentioned!"
           FROM inbox_rows(ARRAY[$1::uuid]) WHERE NOT hidden
           ORDER BY last_message_at DESC, id DESC"#,
        user as UserId,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(InboxRow::entry).collect())
}

/// A viewer's row of a conversation, for a live event: `None` when it is not in their inbox.
pub struct ViewerRow {
    pub viewer: UserId,
    pub role: OrgRole,
    pub conversation: ConversationId,
    pub entry: Option<InboxEntry>,
}

/// The rows of these conversations for those of `viewers` who are their members, in one query.
pub async fn viewer_rows(pool: &PgPool, conversations: &[ConversationId], viewers: &[UserId]) -> Result<Vec<ViewerRow>, AppError> {
    let rows = sqlx::query_as!(
        InboxRow,
        r#"SELECT viewer AS "viewer!: UserId", viewer_role AS "viewer_role!: OrgRole", hidden AS "hidden!", id AS "id!: ConversationId",
                  kind AS "kind!: ConversationKind", title, other_name, other_avatar, preview, last_message_at AS "last_message_at!", unread AS "unread!",
                  mentioned AS "mentioned!"
           FROM inbox_rows($1::uuid[]) WHERE id = ANY($2::uuid[])"#,
        viewers as &[UserId],
        conversations as &[ConversationId],
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ViewerRow { viewer: row.viewer, role: row.viewer_role, conversation: row.id, entry: (!row.hidden).then(|| row.entry()) })
        .collect())
}

/// Where a page of contact candidates ends, for the next one: names sort by (last, first, id).
pub struct NameCursor {
    pub last_name: String,
    pub first_name: String,
    pub id: UserId,
}

pub struct Candidate {
    pub contact: Contact,
    pub cursor: NameCursor,
}

/// Up to `limit` active people of the org other than the actor whose name matches, in name
/// order after `after`: the candidates the policy then filters.
pub async fn candidates(
    conn: &mut PgConnection,
    org: OrgId,
    actor: UserId,
    query: &str,
    after: Option<&NameCursor>,
    limit: i64,
) -> Result<Vec<Candidate>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT u.id AS "id: UserId", u.first_name, u.last_name, full_name(u.first_name, u.last_name) AS "name!", u.avatar, u.role AS "role: OrgRole"
           FROM users u
           WHERE u.org_id = $1 AND u.id <> $2 AND u.active
             AND ($3 = '' OR full_name(u.first_name, u.last_name) ILIKE '%' || $3 || '%')
             AND ($4::text IS NULL OR (u.last_name, u.first_name, u.id) > ($4, $5, $6))
           ORDER BY u.last_name, u.first_name, u.id LIMIT $7"#,
        org as OrgId,
        actor as UserId,
        query,
        after.map(|c| c.last_name.as_str()),
        after.map(|c| c.first_name.as_str()),
        after.map(|c| c.id) as Option<UserId>,
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            contact: Contact { id: r.id, name: r.name, avatar: r.avatar, detail: r.role.label().into() },
            cursor: NameCursor { last_name: r.last_name, first_name: r.first_name, id: r.id },
        })
        .collect())
}

/// A membership that `sync_course_chats` changed.
pub struct RosterChange {
    pub conversation: ConversationId,
    pub user: UserId,
    pub joined: bool,
}

pub async fn sync_course_chats(conn: &mut PgConnection, course: CourseId, person: Option<UserId>) -> Result<Vec<RosterChange>, AppError> {
    Ok(sqlx::query_as!(
        RosterChange,
        r#"SELECT conversation_id AS "conversation!: ConversationId", user_id AS "user!: UserId", joined AS "joined!"
           FROM sync_course_chats($1, $2)"#,
        course as CourseId,
        person as Option<UserId>,
    )
    .fetch_all(conn)
    .await?)
}

/// Closes a course's chats to posts, or opens them again; returns them.
pub async fn close_course_chats(conn: &mut PgConnection, course: CourseId, closed: bool) -> Result<Vec<ConversationId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"UPDATE conversations SET locked = $2 WHERE course_id = $1 AND roster IS NOT NULL RETURNING id AS "id: ConversationId""#,
        course as CourseId,
        closed,
    )
    .fetch_all(conn)
    .await?)
}

/// Whether the organisation lets staff turn a direct chat into a group.
pub async fn group_chats_allowed(conn: &mut PgConnection, org: OrgId) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar!("SELECT group_chats FROM organisations WHERE id = $1", org as OrgId).fetch_one(conn).await?)
}

/// Turns a direct chat into a group owned by `owner`, named after the people in it.
pub async fn make_group(conn: &mut PgConnection, id: ConversationId, owner: UserId) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE conversations c SET kind = 'group', direct_key = NULL, owner_id = $2,
                title = (SELECT string_agg(full_name(u.first_name, u.last_name), ', ' ORDER BY u.last_name, u.first_name)
                         FROM conversation_members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = c.id)
         WHERE c.id = $1 AND c.kind = 'direct'",
        id as ConversationId,
        owner as UserId,
    )
    .execute(conn)
    .await?;
    Ok(())
}
