//! Who may reach whom: the facts the direct-chat policy decides on, the people it is asked
//! about, and the direct chat of a pair.

use sqlx::PgConnection;

use crate::auth::Actor;
use crate::conversations::model::Contact;
use crate::conversations::policy::{Reach, SharedCourse};
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, DepartmentId, OrgId, UserId};
use crate::org::DmPolicy;
use crate::people::OrgRole;

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
    super::share_by_default(conn, org, id).await?;
    Ok(id)
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
            contact: Contact {
                id: r.id,
                name: r.name,
                avatar: r.avatar,
                detail: r.role.label().into(),
                learner: r.role == OrgRole::Learner,
            },
            cursor: NameCursor { last_name: r.last_name, first_name: r.first_name, id: r.id },
        })
        .collect())
}
