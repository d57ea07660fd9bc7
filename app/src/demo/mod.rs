//! A demo organisation for an empty database, so a new installation has something to show.

use sqlx::PgPool;

use crate::auth::password;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{CourseId, OrgId, TeamId, UserId};
use crate::people::OrgRole;

pub const PASSWORD: &str = "confer-demo-password";
const DOMAIN: &str = "northwind.example";
const LEARNERS: usize = 30;

/// Who to sign in as, printed at start.
pub struct DemoLogins {
    pub accounts: Vec<(&'static str, String)>,
}

struct Person {
    id: UserId,
    email: String,
    first: String,
    last: String,
    role: OrgRole,
}

fn person(local: &str, first: &str, last: &str, role: OrgRole) -> Person {
    Person { id: UserId::new(), email: format!("{local}@{DOMAIN}"), first: first.into(), last: last.into(), role }
}

const FIRST: [&str; 10] = ["Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hugo", "Ines", "Jonas"];
const LAST: [&str; 6] = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak"];

/// Seeds the demo organisation unless the database already holds one.
pub async fn seed_if_empty(pool: &PgPool) -> Result<Option<DemoLogins>, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("SELECT pg_advisory_xact_lock(7420001)").execute(&mut *tx).await?;
    let has_data = sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM organisations) AS "exists!""#).fetch_one(&mut *tx).await?;
    if has_data {
        return Ok(None);
    }
    let org = OrgId::new();
    sqlx::query!("INSERT INTO organisations (id, name) VALUES ($1, 'Northwind Academy')", org as OrgId).execute(&mut *tx).await?;

    let mut people = vec![
        person("owner", "Olivia", "Owens", OrgRole::Owner),
        person("admin", "Adam", "Ashby", OrgRole::Admin),
        person("instructor1", "Irene", "Ibarra", OrgRole::Staff),
        person("instructor2", "Ivan", "Ilves", OrgRole::Staff),
        person("mentor", "Maya", "Mendes", OrgRole::Staff),
    ];
    for n in 0..LEARNERS {
        let local = format!("learner{:02}", n + 1);
        people.push(person(&local, FIRST[n % FIRST.len()], LAST[n % LAST.len()], OrgRole::Learner));
    }
    let hash = password::hash(PASSWORD.to_owned()).await?;
    let ids: Vec<UserId> = people.iter().map(|p| p.id).collect();
    let emails: Vec<String> = people.iter().map(|p| p.email.clone()).collect();
    let firsts: Vec<String> = people.iter().map(|p| p.first.clone()).collect();
    let lasts: Vec<String> = people.iter().map(|p| p.last.clone()).collect();
    let roles: Vec<OrgRole> = people.iter().map(|p| p.role).collect();
    sqlx::query!(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, password_hash)
         SELECT id, $1, email, first, last, role, $2
         FROM UNNEST($3::uuid[], $4::text[], $5::text[], $6::text[], $7::org_role[]) AS p(id, email, first, last, role)",
        org as OrgId,
        hash,
        &ids as &[UserId],
        &emails,
        &firsts,
        &lasts,
        &roles as &[OrgRole],
    )
    .execute(&mut *tx)
    .await?;

    let learners = &people[5..];
    let courses = [("Foundations of Design", 2usize, &learners[..18]), ("Data Literacy", 3usize, &learners[12..])];
    for (title, instructor, enrolled) in courses {
        let course = CourseId::new();
        sqlx::query!("INSERT INTO courses (id, org_id, title) VALUES ($1, $2, $3)", course as CourseId, org as OrgId, title)
            .execute(&mut *tx)
            .await?;
        let mut members: Vec<UserId> = enrolled.iter().map(|p| p.id).collect();
        let mut roles: Vec<CourseRole> = vec![CourseRole::Learner; members.len()];
        members.extend([people[instructor].id, people[4].id]);
        roles.extend([CourseRole::Instructor, CourseRole::Mentor]);
        sqlx::query!(
            "INSERT INTO enrolments (org_id, course_id, user_id, role)
             SELECT $1, $2, u, r FROM UNNEST($3::uuid[], $4::course_role[]) AS m(u, r)",
            org as OrgId,
            course as CourseId,
            &members as &[UserId],
            &roles as &[CourseRole],
        )
        .execute(&mut *tx)
        .await?;
        for (index, chunk) in enrolled.chunks(6).enumerate() {
            let team = TeamId::new();
            sqlx::query!(
                "INSERT INTO teams (id, org_id, course_id, name) VALUES ($1, $2, $3, $4)",
                team as TeamId,
                org as OrgId,
                course as CourseId,
                format!("Team {}", index + 1),
            )
            .execute(&mut *tx)
            .await?;
            let team_members: Vec<UserId> = chunk.iter().map(|p| p.id).collect();
            sqlx::query!(
                "INSERT INTO team_members (org_id, team_id, user_id) SELECT $1, $2, UNNEST($3::uuid[])",
                org as OrgId,
                team as TeamId,
                &team_members as &[UserId],
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    let accounts = vec![
        ("owner", people[0].email.clone()),
        ("admin", people[1].email.clone()),
        ("instructor", people[2].email.clone()),
        ("mentor", people[4].email.clone()),
        ("learner", people[5].email.clone()),
    ];
    Ok(Some(DemoLogins { accounts }))
}
