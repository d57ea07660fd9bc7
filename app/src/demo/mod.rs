//! A demo organisation for an empty database, so a new installation has something to show.

mod queries;

use sqlx::PgPool;

use crate::auth::password;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{CourseId, OrgId, UserId};
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
    if !queries::claim_empty(&mut tx).await? {
        return Ok(None);
    }
    let org = OrgId::new();
    queries::insert_org(&mut tx, org, "Northwind Academy").await?;

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
    let people_rows = queries::NewPeople {
        ids: people.iter().map(|p| p.id).collect(),
        emails: people.iter().map(|p| p.email.clone()).collect(),
        firsts: people.iter().map(|p| p.first.clone()).collect(),
        lasts: people.iter().map(|p| p.last.clone()).collect(),
        roles: people.iter().map(|p| p.role).collect(),
    };
    queries::insert_people(&mut tx, org, &hash, &people_rows).await?;

    let learners = &people[5..];
    let courses = [("Foundations of Design", 2usize, &learners[..18]), ("Data Literacy", 3usize, &learners[12..])];
    for (title, instructor, enrolled) in courses {
        let course = CourseId::new();
        queries::insert_course(&mut tx, org, course, title).await?;
        let mut members: Vec<UserId> = enrolled.iter().map(|p| p.id).collect();
        let mut roles: Vec<CourseRole> = vec![CourseRole::Learner; members.len()];
        members.extend([people[instructor].id, people[4].id]);
        roles.extend([CourseRole::Instructor, CourseRole::Mentor]);
        queries::enrol_all(&mut tx, org, course, &members, &roles).await?;
        for (index, chunk) in enrolled.chunks(6).enumerate() {
            let team = crate::courses::queries::insert_team(&mut tx, org, course, &format!("Team {}", index + 1)).await?;
            let team_members: Vec<UserId> = chunk.iter().map(|p| p.id).collect();
            queries::add_team_members(&mut tx, org, team, &team_members).await?;
        }
        crate::conversations::service::follow_course(&mut tx, course, None).await?;
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
