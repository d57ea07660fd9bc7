use sqlx::{PgConnection, PgPool};

use super::model::{CourseRole, CourseSettings, CourseStatus, CourseSummary, Member, RosterEntry, TeamView};
use crate::error::AppError;
use crate::ids::{CourseId, OrgId, TeamId, UserId};
use crate::org::DmPolicy;

pub struct CourseRow {
    pub id: CourseId,
    pub title: String,
    pub status: CourseStatus,
    pub learner_dm_policy: Option<DmPolicy>,
    pub course_chats: bool,
    pub my_role: Option<CourseRole>,
}

pub async fn course(conn: &mut PgConnection, org: OrgId, id: CourseId, user: UserId) -> Result<CourseRow, AppError> {
    Ok(sqlx::query_as!(
        CourseRow,
        r#"SELECT c.id AS "id: CourseId", c.title, c.status AS "status: CourseStatus",
                  c.learner_dm_policy AS "learner_dm_policy: DmPolicy", c.course_chats, e.role AS "my_role?: CourseRole"
         FROM courses c
         LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = $3
         WHERE c.org_id = $1 AND c.id = $2"#,
        org as OrgId,
        id as CourseId,
        user as UserId,
    )
    .fetch_one(conn)
    .await?)
}

/// Courses the user is enrolled in, or with `all`, every course of the organisation.
pub async fn list(pool: &PgPool, org: OrgId, user: UserId, all: bool) -> Result<Vec<CourseSummary>, AppError> {
    Ok(sqlx::query_as!(
        CourseSummary,
        r#"SELECT c.id AS "id: CourseId", c.title, c.status AS "status: CourseStatus", mine.role AS "my_role?: CourseRole",
                  (SELECT count(*) FROM enrolments l WHERE l.course_id = c.id AND l.role = 'learner') AS "learners!"
         FROM courses c LEFT JOIN enrolments mine ON mine.course_id = c.id AND mine.user_id = $2
         WHERE c.org_id = $1 AND ($3 OR mine.user_id IS NOT NULL)
         ORDER BY c.status, c.title"#,
        org as OrgId,
        user as UserId,
        all,
    )
    .fetch_all(pool)
    .await?)
}

/// Everyone enrolled, with their email addresses: for the course's administrators.
pub async fn members(conn: &mut PgConnection, course: CourseId) -> Result<Vec<Member>, AppError> {
    Ok(sqlx::query_as!(
        Member,
        r#"SELECT u.id AS "user_id: UserId", full_name(u.first_name, u.last_name) AS "name!", u.email::text AS "email!",
                  u.avatar, e.role AS "role: CourseRole", u.active
         FROM enrolments e JOIN users u ON u.id = e.user_id
         WHERE e.course_id = $1
         ORDER BY e.role DESC, u.last_name, u.first_name"#,
        course as CourseId,
    )
    .fetch_all(conn)
    .await?)
}

/// Everyone enrolled in the course, instructors first, by name: the roster, without emails.
pub async fn roster(conn: &mut PgConnection, course: CourseId) -> Result<Vec<RosterEntry>, AppError> {
    Ok(sqlx::query_as!(
        RosterEntry,
        r#"SELECT u.id AS "user_id: UserId", full_name(u.first_name, u.last_name) AS "name!", u.avatar, e.role AS "role: CourseRole", u.active,
                  false AS "can_message!"
         FROM enrolments e JOIN users u ON u.id = e.user_id
         WHERE e.course_id = $1
         ORDER BY e.role DESC, u.last_name, u.first_name"#,
        course as CourseId,
    )
    .fetch_all(conn)
    .await?)
}

/// A team with one of its members, or with none (every member column empty).
struct TeamMemberRow {
    team_id: TeamId,
    team_name: String,
    user_id: Option<UserId>,
    name: Option<String>,
    email: Option<String>,
    avatar: Option<String>,
    role: Option<CourseRole>,
    active: Option<bool>,
}

pub async fn teams(conn: &mut PgConnection, course: CourseId) -> Result<Vec<TeamView>, AppError> {
    let rows = sqlx::query_as!(
        TeamMemberRow,
        r#"SELECT t.id AS "team_id: TeamId", t.name AS team_name, u.id AS "user_id?: UserId",
                  full_name(u.first_name, u.last_name) AS "name?", u.email::text AS "email?", u.avatar AS "avatar?",
                  e.role AS "role?: CourseRole", u.active AS "active?"
         FROM teams t
         LEFT JOIN team_members m ON m.team_id = t.id
         LEFT JOIN users u ON u.id = m.user_id
         LEFT JOIN enrolments e ON e.course_id = t.course_id AND e.user_id = u.id
         WHERE t.course_id = $1
         ORDER BY t.name, t.id, u.last_name, u.first_name"#,
        course as CourseId,
    )
    .fetch_all(conn)
    .await?;
    let mut teams: Vec<TeamView> = Vec::new();
    for row in rows {
        if teams.last().map(|t| t.id) != Some(row.team_id) {
            teams.push(TeamView { id: row.team_id, name: row.team_name, members: Vec::new() });
        }
        if let (Some(user_id), Some(name), Some(email), Some(role), Some(active)) = (row.user_id, row.name, row.email, row.role, row.active)
        {
            let member = Member { user_id, name, email, avatar: row.avatar, role, active };
            teams.last_mut().expect("pushed above").members.push(member);
        }
    }
    Ok(teams)
}

pub async fn insert(conn: &mut PgConnection, org: OrgId, settings: &CourseSettings) -> Result<CourseId, AppError> {
    let id = CourseId::new();
    sqlx::query!(
        "INSERT INTO courses (id, org_id, title, learner_dm_policy, course_chats) VALUES ($1, $2, $3, $4, $5)",
        id as CourseId,
        org as OrgId,
        settings.title,
        settings.policy as Option<DmPolicy>,
        settings.course_chats,
    )
    .execute(conn)
    .await
    .map_err(title_taken)?;
    Ok(id)
}

pub async fn update(conn: &mut PgConnection, org: OrgId, id: CourseId, settings: &CourseSettings) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE courses SET title = $3, learner_dm_policy = $4, course_chats = $5 WHERE org_id = $1 AND id = $2",
        org as OrgId,
        id as CourseId,
        settings.title,
        settings.policy as Option<DmPolicy>,
        settings.course_chats,
    )
    .execute(conn)
    .await
    .map_err(title_taken)?;
    Ok(())
}

pub async fn set_status(conn: &mut PgConnection, org: OrgId, id: CourseId, status: CourseStatus) -> Result<(), AppError> {
    sqlx::query!("UPDATE courses SET status = $3 WHERE org_id = $1 AND id = $2", org as OrgId, id as CourseId, status as CourseStatus,)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn id_by_title(conn: &mut PgConnection, org: OrgId, title: &str) -> Result<Option<CourseId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT id AS "id: CourseId" FROM courses WHERE org_id = $1 AND lower(title) = lower($2)"#,
        org as OrgId,
        title,
    )
    .fetch_optional(conn)
    .await?)
}

/// Enrols or changes the role; a user of another organisation is "not found".
pub async fn enrol(conn: &mut PgConnection, org: OrgId, course: CourseId, user: UserId, role: CourseRole) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO enrolments (org_id, course_id, user_id, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (course_id, user_id) DO UPDATE SET role = EXCLUDED.role",
        org as OrgId,
        course as CourseId,
        user as UserId,
        role as CourseRole,
    )
    .execute(conn)
    .await
    .map_err(|err| match &err {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => AppError::NotFound,
        _ => err.into(),
    })?;
    Ok(())
}

pub async fn unenrol(conn: &mut PgConnection, course: CourseId, user: UserId) -> Result<(), AppError> {
    sqlx::query!(
        "DELETE FROM team_members m USING teams t WHERE m.team_id = t.id AND t.course_id = $1 AND m.user_id = $2",
        course as CourseId,
        user as UserId,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM enrolments WHERE course_id = $1 AND user_id = $2", course as CourseId, user as UserId).execute(conn).await?;
    Ok(())
}

pub async fn insert_team(conn: &mut PgConnection, org: OrgId, course: CourseId, name: &str) -> Result<TeamId, AppError> {
    let id = TeamId::new();
    sqlx::query!(
        "INSERT INTO teams (id, org_id, course_id, name) VALUES ($1, $2, $3, $4)",
        id as TeamId,
        org as OrgId,
        course as CourseId,
        name,
    )
    .execute(conn)
    .await
    .map_err(|err| match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("teams_name_key") => {
            AppError::validation("name", "This course already has a team of that name.")
        }
        _ => err.into(),
    })?;
    Ok(id)
}

pub async fn team_course(conn: &mut PgConnection, org: OrgId, team: TeamId) -> Result<CourseId, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT course_id AS "course_id: CourseId" FROM teams WHERE org_id = $1 AND id = $2"#,
        org as OrgId,
        team as TeamId,
    )
    .fetch_one(conn)
    .await?)
}

/// Adds an enrolled member of the team's course; anyone else is refused.
pub async fn add_team_member(conn: &mut PgConnection, org: OrgId, team: TeamId, user: UserId) -> Result<(), AppError> {
    let enrolled = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM teams t JOIN enrolments e ON e.course_id = t.course_id
                          WHERE t.org_id = $1 AND t.id = $2 AND e.user_id = $3) AS "enrolled!""#,
        org as OrgId,
        team as TeamId,
        user as UserId,
    )
    .fetch_one(&mut *conn)
    .await?;
    if !enrolled {
        return Err(AppError::validation("user", "Only people enrolled in the course can join its teams."));
    }
    sqlx::query!(
        "INSERT INTO team_members (org_id, team_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        org as OrgId,
        team as TeamId,
        user as UserId,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn remove_team_member(conn: &mut PgConnection, team: TeamId, user: UserId) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2", team as TeamId, user as UserId).execute(conn).await?;
    Ok(())
}

fn title_taken(err: sqlx::Error) -> AppError {
    match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("courses_title_key") => {
            AppError::validation("title", "Another course already has this title.")
        }
        _ => err.into(),
    }
}
