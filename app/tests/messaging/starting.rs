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
}

#[sqlx::test(migrations = "../migrations")]
async fn admins_start_chats_with_any_learner(pool: PgPool) {
    let w = world(&pool).await;
    for admin in [&w.owner, &w.admin] {
        assert!(start(&pool, admin, &w.north_learner).await.is_ok());
    }
    assert!(start(&pool, &w.dept_admin, &w.north_learner).await.is_ok(), "own department");
    assert_eq!(start(&pool, &w.dept_admin, &w.learner).await, Err(AppError::Forbidden), "other department");
}

#[sqlx::test(migrations = "../migrations")]
async fn message_instructor_finds_the_course_instructor(pool: PgPool) {
    let w = world(&pool).await;
    let id = conversations::start_direct(&pool, &w.learner, DirectTarget { course: Some(w.course), to_instructor: true, to: None }).await.unwrap();
    assert_eq!(id, direct(&pool, &w.instructor, &w.learner).await, "the same chat, whoever starts it");
    let err = conversations::start_direct(&pool, &w.north_learner, DirectTarget { course: Some(w.course), to_instructor: true, to: None }).await;
    assert_eq!(err, Err(AppError::NotFound), "not enrolled in that course");
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
        sqlx::query_as("SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM conversation_members)").fetch_one(&pool).await.unwrap();
    assert_eq!((conversations, members), (1, 2));
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_starts_a_chat_with_themselves_or_a_deactivated_person(pool: PgPool) {
    let w = world(&pool).await;
    assert_eq!(start(&pool, &w.owner, &w.owner).await.unwrap_err().field(), Some("to"));
    sqlx::query("UPDATE users SET active = false WHERE id = $1").bind(w.learner.id).execute(&pool).await.unwrap();
    assert!(matches!(start(&pool, &w.owner, &w.learner).await, Err(AppError::Conflict(_))));
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
}
