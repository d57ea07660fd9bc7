use sqlx::{PgConnection, PgPool};

use super::model::{Contact, ConversationKind, InboxEntry, Participant};
use super::policy::{Reach, SharedCourse};
use crate::auth::Actor;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, OrgId, UserId};
use crate::org::DmPolicy;
use crate::people::OrgRole;

/// The viewer's membership of a conversation; `None` for a non-member or a missing id alike.
pub struct Membership {
    pub kind: ConversationKind,
    pub title: Option<String>,
    pub cleared_at: Option<time::OffsetDateTime>,
}

pub async fn membership(conn: &mut PgConnection, org: OrgId, id: ConversationId, user: UserId) -> Result<Membership, AppError> {
    let (kind, title, cleared_at) = sqlx::query_as(
        "SELECT c.kind, c.title, m.cleared_at FROM conversations c
         JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = $3
         WHERE c.org_id = $1 AND c.id = $2",
    )
    .bind(org)
    .bind(id)
    .bind(user)
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Membership { kind, title, cleared_at })
}

pub async fn members(conn: &mut PgConnection, id: ConversationId) -> Result<Vec<Participant>, AppError> {
    let rows: Vec<(UserId, String, Option<String>, bool)> = sqlx::query_as(
        "SELECT u.id, u.first_name || ' ' || u.last_name, u.avatar, u.active
         FROM conversation_members m JOIN users u ON u.id = m.user_id
         WHERE m.conversation_id = $1 ORDER BY u.last_name, u.first_name",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id, name, avatar, active)| Participant { id, name, avatar, active }).collect())
}

pub async fn member_ids(pool: &PgPool, id: ConversationId) -> Result<Vec<UserId>, AppError> {
    Ok(sqlx::query_scalar("SELECT user_id FROM conversation_members WHERE conversation_id = $1").bind(id).fetch_all(pool).await?)
}

/// Everything the direct-chat policy needs about a target; "not found" outside the org.
pub async fn reach(conn: &mut PgConnection, actor: &Actor, target: UserId) -> Result<Reach, AppError> {
    let mut found = reach_all(conn, actor, &[target]).await?;
    found.pop().map(|(_, reach)| reach).ok_or(AppError::NotFound)
}

/// [`reach`] for many targets in two queries, whatever their number; targets outside the org
/// are left out.
pub async fn reach_all(conn: &mut PgConnection, actor: &Actor, targets: &[UserId]) -> Result<Vec<(UserId, Reach)>, AppError> {
    let ids: Vec<uuid::Uuid> = targets.iter().map(|t| t.0).collect();
    let people: Vec<(UserId, OrgRole, bool, bool, bool, DmPolicy)> = sqlx::query_as(
        "SELECT u.id, u.role, u.active, (u.department_id IS NOT DISTINCT FROM $3 AND $3 IS NOT NULL), o.private_messaging, o.learner_dm_policy
         FROM users u JOIN organisations o ON o.id = u.org_id
         WHERE u.org_id = $1 AND u.id = ANY($2)",
    )
    .bind(actor.org_id)
    .bind(&ids)
    .bind(actor.department_id)
    .fetch_all(&mut *conn)
    .await?;
    let shared: Vec<(UserId, DmPolicy, CourseRole)> = sqlx::query_as(
        "SELECT theirs.user_id, COALESCE(c.learner_dm_policy, o.learner_dm_policy), theirs.role
         FROM enrolments mine
         JOIN enrolments theirs ON theirs.course_id = mine.course_id AND theirs.user_id = ANY($2)
         JOIN courses c ON c.id = mine.course_id
         JOIN organisations o ON o.id = c.org_id
         WHERE mine.user_id = $1",
    )
    .bind(actor.id)
    .bind(&ids)
    .fetch_all(conn)
    .await?;
    Ok(people
        .into_iter()
        .map(|(id, target_role, target_active, same_department, private_messaging, org_policy)| {
            let shared_courses = shared.iter().filter(|(user, ..)| *user == id).map(|&(_, policy, target_role)| SharedCourse { policy, target_role }).collect();
            (id, Reach { target_role, target_active, same_department, private_messaging, org_policy, shared_courses })
        })
        .collect())
}

/// The first instructor (else mentor) of a course the actor is enrolled in.
pub async fn course_instructor(conn: &mut PgConnection, org: OrgId, course: CourseId, actor: UserId) -> Result<UserId, AppError> {
    sqlx::query_scalar(
        "SELECT staff.user_id FROM enrolments mine
         JOIN enrolments staff ON staff.course_id = mine.course_id AND staff.role IN ('instructor', 'mentor')
         JOIN users u ON u.id = staff.user_id
         WHERE mine.org_id = $1 AND mine.course_id = $2 AND mine.user_id = $3
         ORDER BY staff.role DESC, u.active DESC, u.last_name LIMIT 1",
    )
    .bind(org)
    .bind(course)
    .bind(actor)
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Finds the pair's direct chat or creates it; two concurrent starts meet on the unique key.
pub async fn find_or_create_direct(conn: &mut PgConnection, org: OrgId, owner: UserId, other: UserId, key: &str) -> Result<ConversationId, AppError> {
    let created: Option<ConversationId> = sqlx::query_scalar(
        "INSERT INTO conversations (id, org_id, kind, owner_id, direct_key) VALUES ($1, $2, 'direct', $3, $4)
         ON CONFLICT (org_id, direct_key) DO NOTHING RETURNING id",
    )
    .bind(ConversationId::new())
    .bind(org)
    .bind(owner)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    let id = match created {
        Some(id) => {
            sqlx::query("INSERT INTO conversation_members (org_id, conversation_id, user_id) SELECT $1, $2, UNNEST($3::uuid[])")
                .bind(org)
                .bind(id)
                .bind([owner.0, other.0])
                .execute(&mut *conn)
                .await?;
            id
        }
        None => sqlx::query_scalar("SELECT id FROM conversations WHERE org_id = $1 AND direct_key = $2").bind(org).bind(key).fetch_one(&mut *conn).await?,
    };
    Ok(id)
}

type InboxRow = (ConversationId, ConversationKind, Option<String>, Option<String>, Option<String>, Option<String>, time::OffsetDateTime, i64);

/// The whole inbox in one query, whatever the number of conversations, and without reading
/// messages at all: previews and unread counts are kept up to date by sends and reads.
pub async fn inbox(pool: &PgPool, user: UserId) -> Result<Vec<InboxEntry>, AppError> {
    let rows: Vec<InboxRow> = sqlx::query_as(
        "SELECT c.id, c.kind, c.title, other.name, other.avatar,
                CASE WHEN c.last_message_at > COALESCE(m.cleared_at, '-infinity') THEN c.last_preview END,
                c.last_message_at, m.unread_count::bigint
         FROM conversation_members m
         JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN LATERAL (
             SELECT u.first_name || ' ' || u.last_name AS name, u.avatar
             FROM conversation_members om JOIN users u ON u.id = om.user_id
             WHERE om.conversation_id = c.id AND om.user_id <> $1
             ORDER BY u.role = 'learner' DESC, u.last_name LIMIT 1) other ON true
         WHERE m.user_id = $1 AND NOT m.hidden
         ORDER BY c.last_message_at DESC, c.id DESC",
    )
    .bind(user)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, title, other, avatar, preview, at, unread)| InboxEntry {
            id,
            kind,
            title: title.or(other).unwrap_or_else(|| "Conversation".into()),
            avatar,
            preview: preview.map(|p| p.chars().take(120).collect()),
            last_message_at: crate::messages::rfc3339(at),
            unread,
        })
        .collect())
}

/// People the actor might write to, for the new-message picker; the policy filters further.
pub async fn contacts(pool: &PgPool, org: OrgId, actor: UserId, query: &str) -> Result<Vec<Contact>, AppError> {
    let rows: Vec<(UserId, String, Option<String>, OrgRole)> = sqlx::query_as(
        "SELECT u.id, u.first_name || ' ' || u.last_name, u.avatar, u.role FROM users u
         WHERE u.org_id = $1 AND u.id <> $2 AND u.active
           AND ($3 = '' OR (u.first_name || ' ' || u.last_name) ILIKE '%' || $3 || '%')
         ORDER BY u.last_name, u.first_name LIMIT 50",
    )
    .bind(org)
    .bind(actor)
    .bind(query)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id, name, avatar, role)| Contact { id, name, avatar, detail: role.label().into() }).collect())
}

pub async fn hide_for(conn: &mut PgConnection, id: ConversationId, user: UserId) -> Result<(), AppError> {
    sqlx::query("UPDATE conversation_members SET hidden = true, cleared_at = clock_timestamp(), unread_count = 0 WHERE conversation_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .execute(conn)
        .await?;
    Ok(())
}
