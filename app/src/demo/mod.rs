//! A demo organisation for an empty database, so a new installation has something to show.

use sqlx::PgPool;

use crate::auth::password;
use crate::error::AppError;
use crate::ids::{CourseId, OrgId, TeamId, UserId};

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
    role: &'static str,
}

fn person(local: &str, first: &str, last: &str, role: &'static str) -> Person {
    Person { id: UserId::new(), email: format!("{local}@{DOMAIN}"), first: first.into(), last: last.into(), role }
}

const FIRST: [&str; 10] = ["Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hugo", "Ines", "Jonas"];
const LAST: [&str; 6] = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak"];

/// Seeds the demo organisation unless the database already holds one.
pub async fn seed_if_empty(pool: &PgPool) -> Result<Option<DemoLogins>, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock(7420001)").execute(&mut *tx).await?;
    let has_data: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organisations)").fetch_one(&mut *tx).await?;
    if has_data {
        return Ok(None);
    }
    let org = OrgId::new();
    sqlx::query("INSERT INTO organisations (id, name) VALUES ($1, 'Northwind Academy')").bind(org).execute(&mut *tx).await?;

    let mut people = vec![
        person("owner", "Olivia", "Owens", "owner"),
        person("admin", "Adam", "Ashby", "admin"),
        person("instructor1", "Irene", "Ibarra", "staff"),
        person("instructor2", "Ivan", "Ilves", "staff"),
        person("mentor", "Maya", "Mendes", "staff"),
    ];
    for n in 0..LEARNERS {
        let local = format!("learner{:02}", n + 1);
        people.push(person(&local, FIRST[n % FIRST.len()], LAST[n % LAST.len()], "learner"));
    }
    let hash = password::hash(PASSWORD.to_owned()).await?;
    sqlx::query(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, password_hash)
         SELECT id, $1, email, first, last, role::org_role, $2
         FROM UNNEST($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) AS p(id, email, first, last, role)",
    )
    .bind(org)
    .bind(&hash)
    .bind(people.iter().map(|p| p.id.0).collect::<Vec<_>>())
    .bind(people.iter().map(|p| p.email.clone()).collect::<Vec<_>>())
    .bind(people.iter().map(|p| p.first.clone()).collect::<Vec<_>>())
    .bind(people.iter().map(|p| p.last.clone()).collect::<Vec<_>>())
    .bind(people.iter().map(|p| p.role).collect::<Vec<_>>())
    .execute(&mut *tx)
    .await?;

    let learners = &people[5..];
    let courses = [("Foundations of Design", 2usize, &learners[..18]), ("Data Literacy", 3usize, &learners[12..])];
    for (title, instructor, enrolled) in courses {
        let course = CourseId::new();
        sqlx::query("INSERT INTO courses (id, org_id, title) VALUES ($1, $2, $3)").bind(course).bind(org).bind(title).execute(&mut *tx).await?;
        let mut members: Vec<(UserId, &str)> = enrolled.iter().map(|p| (p.id, "learner")).collect();
        members.push((people[instructor].id, "instructor"));
        members.push((people[4].id, "mentor"));
        sqlx::query(
            "INSERT INTO enrolments (org_id, course_id, user_id, role)
             SELECT $1, $2, u, r::course_role FROM UNNEST($3::uuid[], $4::text[]) AS m(u, r)",
        )
        .bind(org)
        .bind(course)
        .bind(members.iter().map(|m| m.0 .0).collect::<Vec<_>>())
        .bind(members.iter().map(|m| m.1).collect::<Vec<_>>())
        .execute(&mut *tx)
        .await?;
        for (index, chunk) in enrolled.chunks(6).enumerate() {
            let team = TeamId::new();
            sqlx::query("INSERT INTO teams (id, org_id, course_id, name) VALUES ($1, $2, $3, $4)")
                .bind(team)
                .bind(org)
                .bind(course)
                .bind(format!("Team {}", index + 1))
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO team_members (org_id, team_id, user_id) SELECT $1, $2, UNNEST($3::uuid[])")
                .bind(org)
                .bind(team)
                .bind(chunk.iter().map(|p| p.id.0).collect::<Vec<_>>())
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
