use app::conversations::{service as conversations, DirectTarget};
use app::error::AppError;
use sqlx::PgPool;

use super::direct;
use crate::support::world;

async fn start(pool: &PgPool, from: &app::auth::Actor, to: &app::auth::Actor) -> Result<app::ids::ConversationId, AppError> {
    conversations::start_direct(pool, from, DirectTarget { to: Some(to.id), ..Default::default() }).await
}

#[sqlx::test(migrations = "../migrations")]
async fn a_learner_writes_to_the_instructor_of_their_course_but_not_to_strangers(pool: PgPool) {
    let w = world(&pool).await;
    assert!(start(&pool, &w.learner, &w.instructor).await.is_ok());
    assert_eq!(start(&pool, &w.learner, &w.north_learner).await, Err(AppError::Forbidden));
    assert_eq!(start(&pool, &w.learner, &w.staff).await, Err(AppError::Forbidden), "staff of no shared course");
    assert_eq!(start(&pool, &w.learner, &w.outsider).await, Err(AppError::NotFound), "another organisation");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn private_messaging_off_or_a_course_policy_of_none_stops_learners(pool: PgPool) {
    let w = world(&pool).await;
    sqlx::query("UPDATE courses SET learner_dm_policy = 'none'").execute(&pool).await.unwrap();
    assert_eq!(start(&pool, &w.learner, &w.instructor).await, Err(AppError::Forbidden));
    sqlx::query("UPDATE courses SET learner_dm_policy = NULL").execute(&pool).await.unwrap();
    sqlx::query("UPDATE organisations SET private_messaging = false").execute(&pool).await.unwrap();
    assert_eq!(start(&pool, &w.learner, &w.instructor).await, Err(AppError::Forbidden));
    assert!(start(&pool, &w.instructor, &w.learner).await.is_ok(), "staff still reach their learners");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 1, "refusals created nothing");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn admins_start_chats_with_any_learner(pool: PgPool) {
    let w = world(&pool).await;
    for admin in [&w.owner, &w.admin] {
        assert!(start(&pool, admin, &w.north_learner).await.is_ok());
    }
    assert!(start(&pool, &w.dept_admin, &w.north_learner).await.is_ok(), "own department");
    assert_eq!(start(&pool, &w.dept_admin, &w.learner).await, Err(AppError::Forbidden), "other department");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn message_instructor_finds_the_course_instructor(pool: PgPool) {
    let w = world(&pool).await;
    let id = conversations::start_direct(&pool, &w.learner, DirectTarget { course: Some(w.course), to_instructor: true, to: None })
        .await
        .unwrap();
    assert_eq!(id, direct(&pool, &w.instructor, &w.learner).await, "the same chat, whoever starts it");
    let err =
        conversations::start_direct(&pool, &w.north_learner, DirectTarget { course: Some(w.course), to_instructor: true, to: None }).await;
    assert_eq!(err, Err(AppError::NotFound), "not enrolled in that course");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn one_chat_per_pair_even_when_started_at_once(pool: PgPool) {
    let w = world(&pool).await;
    let starts = (0..8).map(|n| {
        let pool = pool.clone();
        let (a, b) = if n % 2 == 0 { (w.learner.clone(), w.instructor.clone()) } else { (w.instructor.clone(), w.learner.clone()) };
        tokio::spawn(async move { start(&pool, &a, &b).await })
    });
    let ids: Vec<_> = futures::future::join_all(starts).await.into_iter().map(|r| r.unwrap().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
    let (conversations, members): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM conversation_members)")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((conversations, members), (1, 2));
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_starts_a_chat_with_themselves_or_a_deactivated_person(pool: PgPool) {
    let w = world(&pool).await;
    assert_eq!(start(&pool, &w.owner, &w.owner).await.unwrap_err().field(), Some("to"));
    sqlx::query("UPDATE users SET active = false WHERE id = $1").bind(w.learner.id).execute(&pool).await.unwrap();
    assert!(matches!(start(&pool, &w.owner, &w.learner).await, Err(AppError::Conflict(_))));
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_picker_offers_exactly_the_people_one_may_start_a_chat_with(pool: PgPool) {
    let w = world(&pool).await;
    let everyone = [&w.owner, &w.admin, &w.dept_admin, &w.staff, &w.instructor, &w.learner, &w.north_learner];
    for actor in everyone {
        let offered: Vec<_> = conversations::contacts(&pool, actor, "").await.unwrap().into_iter().map(|c| c.id).collect();
        let mut allowed = Vec::new();
        for target in everyone {
            if target.id != actor.id && start(&pool, actor, target).await.is_ok() {
                allowed.push(target.id);
            }
        }
        let mut offered_sorted = offered.clone();
        offered_sorted.sort();
        allowed.sort();
        assert_eq!(offered_sorted, allowed, "{:?}", actor.role);
        assert!(!offered.contains(&w.outsider.id));
    }
    let found: Vec<String> = conversations::contacts(&pool, &w.owner, "instruct").await.unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(found, vec!["instructor acme.test"], "filtered by name");
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// The course page offers "Contact instructor" exactly when the server lets the learner start
/// that chat: the same decision on the same facts, whatever the two policies say.
#[sqlx::test(migrations = "../migrations")]
async fn contact_instructor_is_offered_exactly_when_it_works(pool: PgPool) {
    let w = world(&pool).await;
    let to_instructor = DirectTarget { course: Some(w.course), to_instructor: true, to: None };
    for org_policy in ["none", "assigned_staff", "course_members", "anyone"] {
        for course_policy in [None, Some("none"), Some("assigned_staff"), Some("anyone")] {
            sqlx::query("UPDATE organisations SET learner_dm_policy = $1::dm_policy").bind(org_policy).execute(&pool).await.unwrap();
            sqlx::query("UPDATE courses SET learner_dm_policy = $1::dm_policy").bind(course_policy).execute(&pool).await.unwrap();
            let offered = app::courses::service::view(&pool, &w.learner, w.course).await.unwrap().can_contact_staff;
            let works = conversations::start_direct(&pool, &w.learner, to_instructor.clone()).await.is_ok();
            assert_eq!(offered, works, "organisation {org_policy}, course {course_policy:?}");
            let expected = course_policy.unwrap_or(org_policy) != "none";
            assert_eq!(works, expected, "organisation {org_policy}, course {course_policy:?}");
        }
    }
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// "Anyone in the organisation" on a course means what it says: its learners reach people
/// outside the course; "course members" does not.
#[sqlx::test(migrations = "../migrations")]
async fn a_course_open_to_anyone_reaches_beyond_its_members(pool: PgPool) {
    let w = world(&pool).await;
    sqlx::query("UPDATE courses SET learner_dm_policy = 'course_members'").execute(&pool).await.unwrap();
    assert_eq!(start(&pool, &w.learner, &w.north_learner).await, Err(AppError::Forbidden));
    sqlx::query("UPDATE courses SET learner_dm_policy = 'anyone'").execute(&pool).await.unwrap();
    assert!(start(&pool, &w.learner, &w.north_learner).await.is_ok());
    assert!(start(&pool, &w.learner, &w.staff).await.is_ok());
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// In an organisation of thousands, a learner looking for their instructor by a name many
/// others share still finds them: the picker fills with people one may write to.
#[sqlx::test(migrations = "../migrations")]
async fn the_picker_finds_ones_instructor_among_thousands(pool: PgPool) {
    let w = world(&pool).await;
    sqlx::query(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, password_hash)
         SELECT gen_random_uuid(), $1, 'sam' || n || '@acme.test', 'Sam', 'Aaron ' || lpad(n::text, 5, '0'), 'learner', 'x'
         FROM generate_series(1, 3000) AS n",
    )
    .bind(w.learner.org_id)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("UPDATE users SET first_name = 'Sam', last_name = 'Zimmer' WHERE id = $1")
        .bind(w.instructor.id)
        .execute(&pool)
        .await
        .unwrap();
    let found = conversations::contacts(&pool, &w.learner, "sam").await.unwrap();
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), vec![w.instructor.id], "only the instructor may be written to");
    let everyone = conversations::contacts(&pool, &w.owner, "sam").await.unwrap();
    assert_eq!(everyone.len(), 50, "the picker shows 50 at most");
    crate::support::assert_inbox_state_exact(&pool).await;
}
