//! Course chats: a cohort chat per course and one per team, created with them, whose people
//! follow enrolments and teams.

use app::auth::Actor;
use app::conversations::{service as conversations, ConversationKind, InboxEntry};
use app::courses::{service as courses, CourseForm, CourseRole};
use app::error::AppError;
use app::ids::{ConversationId, CourseId};
use app::messages::service as messages;
use sqlx::PgPool;

use super::say;
use crate::support::{assert_inbox_state_exact, snapshot, world, World};

fn form(title: &str, course_chats: bool) -> CourseForm {
    CourseForm { title: title.into(), learner_dm_policy: String::new(), course_chats }
}

async fn inbox_row(pool: &PgPool, actor: &Actor, title: &str) -> Option<InboxEntry> {
    conversations::inbox(pool, actor).await.unwrap().entries.into_iter().find(|e| e.title == title)
}

/// A course with the instructor and the learner enrolled, through the admin's service calls.
async fn course_with_chats(pool: &PgPool, w: &World, title: &str, course_chats: bool) -> CourseId {
    let course = courses::create(pool, &w.admin, form(title, course_chats)).await.expect("course");
    courses::enrol(pool, &w.admin, course, w.instructor.id, CourseRole::Instructor).await.unwrap();
    courses::enrol(pool, &w.admin, course, w.learner.id, CourseRole::Learner).await.unwrap();
    course
}

async fn chat_id(pool: &PgPool, actor: &Actor, title: &str) -> ConversationId {
    inbox_row(pool, actor, title).await.unwrap_or_else(|| panic!("{title} is in the inbox")).id
}

#[sqlx::test(migrations = "../migrations")]
async fn the_cohort_and_team_chats_follow_enrolments_and_teams(pool: PgPool) {
    let w = world(&pool).await;
    let course = course_with_chats(&pool, &w, "Biology", true).await;
    let cohort = chat_id(&pool, &w.learner, "Biology").await;
    let view = conversations::view(&pool, &w.instructor, cohort).await.unwrap();
    assert_eq!((view.kind, view.course_chat, view.members.len()), (ConversationKind::Group, true, 2));
    assert!(view.can_manage, "the course's staff manage its chat");
    assert!(!conversations::view(&pool, &w.learner, cohort).await.unwrap().can_manage);

    say(&pool, &w.instructor, cohort, "Welcome, everyone").await;
    assert_eq!(inbox_row(&pool, &w.learner, "Biology").await.unwrap().unread, 1);
    courses::enrol(&pool, &w.admin, course, w.north_learner.id, CourseRole::Learner).await.unwrap();
    let joined = inbox_row(&pool, &w.north_learner, "Biology").await.expect("a newly enrolled learner finds the cohort chat");
    assert_eq!((joined.unread, joined.preview.as_deref()), (0, Some("Welcome, everyone")), "the history is there, and read");
    assert_eq!(messages::page(&pool, &w.north_learner, cohort, None).await.unwrap().messages.len(), 1);

    let team = courses::create_team(&pool, &w.admin, course, "Lab partners").await.unwrap();
    courses::set_team_member(&pool, &w.admin, team, w.learner.id, true).await.unwrap();
    let team_chat = chat_id(&pool, &w.learner, "Lab partners").await;
    assert_ne!(team_chat, cohort);
    assert!(conversations::view(&pool, &w.learner, team_chat).await.unwrap().course_chat);
    assert!(inbox_row(&pool, &w.north_learner, "Lab partners").await.is_none(), "not in the team, not in its chat");
    assert_eq!(conversations::view(&pool, &w.north_learner, team_chat).await, Err(AppError::NotFound));

    let hello = say(&pool, &w.learner, cohort, "Hello from me").await;
    courses::unenrol(&pool, &w.admin, course, w.learner.id).await.unwrap();
    for chat in [cohort, team_chat] {
        assert_eq!(conversations::view(&pool, &w.learner, chat).await, Err(AppError::NotFound), "who leaves the course leaves its chats");
    }
    assert!(inbox_row(&pool, &w.learner, "Biology").await.is_none());
    let kept = messages::page(&pool, &w.north_learner, cohort, None).await.unwrap().messages;
    let kept = kept.into_iter().find(|m| m.id == hello.id).expect("their messages stay");
    assert_eq!(kept.author_name, "Former participant");
    courses::set_team_member(&pool, &w.admin, team, w.north_learner.id, true).await.unwrap();
    courses::set_team_member(&pool, &w.admin, team, w.north_learner.id, false).await.unwrap();
    assert!(inbox_row(&pool, &w.north_learner, "Lab partners").await.is_none(), "who leaves a team leaves its chat");
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_adds_removes_or_leaves_a_course_chat_by_hand(pool: PgPool) {
    let w = world(&pool).await;
    course_with_chats(&pool, &w, "Biology", true).await;
    let cohort = chat_id(&pool, &w.learner, "Biology").await;
    let before = snapshot(&pool).await;
    let follows = Err(AppError::Conflict("People join and leave a course chat with the course's enrolments and teams.".into()));
    assert_eq!(conversations::add_to_group(&pool, &w.instructor, cohort, w.north_learner.id, false).await, follows);
    assert_eq!(conversations::remove_from_group(&pool, &w.instructor, cohort, w.learner.id, false).await, follows);
    assert_eq!(conversations::people_to_add(&pool, &w.instructor, cohort, "").await.map(drop), follows);
    assert_eq!(conversations::leave_group(&pool, &w.learner, cohort).await, follows);
    assert_eq!(conversations::add_to_group(&pool, &w.learner, cohort, w.north_learner.id, false).await, Err(AppError::Forbidden));
    assert_eq!(conversations::view(&pool, &w.admin, cohort).await, Err(AppError::NotFound), "an admin outside the course");
    assert_eq!(snapshot(&pool).await, before, "nothing was written");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_course_with_its_chats_off_has_none_and_switching_them_closes_and_reopens(pool: PgPool) {
    let w = world(&pool).await;
    let course = course_with_chats(&pool, &w, "Biology", false).await;
    assert!(inbox_row(&pool, &w.learner, "Biology").await.is_none(), "switched off at creation");

    courses::update(&pool, &w.admin, course, form("Biology", true)).await.unwrap();
    let cohort = chat_id(&pool, &w.learner, "Biology").await;
    say(&pool, &w.learner, cohort, "Here at last").await;

    courses::update(&pool, &w.admin, course, form("Biology", false)).await.unwrap();
    let refused = messages::send(&pool, &w.instructor, super::outgoing(cohort, "Still here?"), None).await;
    assert_eq!(refused.map(drop), Err(AppError::Forbidden), "closed to everyone");
    assert_eq!(messages::page(&pool, &w.learner, cohort, None).await.unwrap().messages.len(), 1, "and still readable");
    courses::enrol(&pool, &w.admin, course, w.north_learner.id, CourseRole::Learner).await.unwrap();
    assert!(inbox_row(&pool, &w.north_learner, "Biology").await.is_none(), "a closed chat does not follow the course");

    courses::update(&pool, &w.admin, course, form("Biology", true)).await.unwrap();
    assert!(inbox_row(&pool, &w.north_learner, "Biology").await.is_some(), "it catches up when opened again");
    say(&pool, &w.instructor, cohort, "Open again").await;
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_existing_course_gets_its_chat_from_the_sync_the_migration_runs(pool: PgPool) {
    let w = world(&pool).await;
    assert!(inbox_row(&pool, &w.learner, "Algebra").await.is_none());
    let mut conn = pool.acquire().await.unwrap();
    conversations::follow_course(&mut conn, w.course, None).await.unwrap();
    conversations::follow_course(&mut conn, w.course, None).await.unwrap();
    let cohort = chat_id(&pool, &w.learner, "Algebra").await;
    let view = conversations::view(&pool, &w.instructor, cohort).await.unwrap();
    assert_eq!(view.members.len(), 2, "the instructor and the learner, once each");
    crate::support::assert_inbox_state_exact(&pool).await;
}
