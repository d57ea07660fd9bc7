use sqlx::PgConnection;

use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{CourseId, OrgId, TeamId, UserId};
use crate::people::OrgRole;

/// Takes the seeding lock for this transaction, so that two instances starting at once seed
/// once, and says whether the database is still empty.
pub async fn claim_empty(conn: &mut PgConnection) -> Result<bool, AppError> {
    sqlx::query!("SELECT pg_advisory_xact_lock(7420001)").execute(&mut *conn).await?;
    let has_data = sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM organisations) AS "exists!""#).fetch_one(conn).await?;
    Ok(!has_data)
}

pub async fn insert_org(conn: &mut PgConnection, org: OrgId, name: &str) -> Result<(), AppError> {
    sqlx::query!("INSERT INTO organisations (id, name) VALUES ($1, $2)", org as OrgId, name).execute(conn).await?;
    Ok(())
}

/// People as columns, for one set-based insert.
pub struct NewPeople {
    pub ids: Vec<UserId>,
    pub emails: Vec<String>,
    pub firsts: Vec<String>,
    pub lasts: Vec<String>,
    pub roles: Vec<OrgRole>,
}

pub async fn insert_people(conn: &mut PgConnection, org: OrgId, password_hash: &str, people: &NewPeople) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, password_hash)
         SELECT id, $1, email, first, last, role, $2
         FROM UNNEST($3::uuid[], $4::text[], $5::text[], $6::text[], $7::org_role[]) AS p(id, email, first, last, role)",
        org as OrgId,
        password_hash,
        &people.ids as &[UserId],
        &people.emails,
        &people.firsts,
        &people.lasts,
        &people.roles as &[OrgRole],
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_course(conn: &mut PgConnection, org: OrgId, course: CourseId, title: &str) -> Result<(), AppError> {
    sqlx::query!("INSERT INTO courses (id, org_id, title) VALUES ($1, $2, $3)", course as CourseId, org as OrgId, title)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn enrol_all(
    conn: &mut PgConnection,
    org: OrgId,
    course: CourseId,
    members: &[UserId],
    roles: &[CourseRole],
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO enrolments (org_id, course_id, user_id, role)
         SELECT $1, $2, u, r FROM UNNEST($3::uuid[], $4::course_role[]) AS m(u, r)",
        org as OrgId,
        course as CourseId,
        members as &[UserId],
        roles as &[CourseRole],
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn add_team_members(conn: &mut PgConnection, org: OrgId, team: TeamId, members: &[UserId]) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO team_members (org_id, team_id, user_id) SELECT $1, $2, UNNEST($3::uuid[])",
        org as OrgId,
        team as TeamId,
        members as &[UserId],
    )
    .execute(conn)
    .await?;
    Ok(())
}
