use app::broadcast::{service::broadcast, BroadcastForm, BroadcastReport};
use app::conversations::service as conversations;
use app::error::AppError;
use app::ids::ClientMessageId;
use app::people::OrgRole;
use sqlx::PgPool;

use crate::messaging::{direct, say};
use crate::support::{snapshot, user, world, World};

fn form(w: &World, body: &str) -> BroadcastForm {
    BroadcastForm { course: w.course, client_id: ClientMessageId::new(), body: body.into(), to: Vec::new() }
}

async fn enrol(pool: &PgPool, w: &World, user: app::ids::UserId) {
    sqlx::query("INSERT INTO enrolments (org_id, course_id, user_id, role) VALUES ($1, $2, $3, 'learner')")
        .bind(w.owner.org_id)
        .bind(w.course)
        .bind(user)
        .execute(pool)
        .await
        .unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn every_active_learner_gets_it_in_their_own_chat_with_the_sender(pool: PgPool) {
    let w = world(&pool).await;
    enrol(&pool, &w, w.north_learner.id).await;
    let gone = user(&pool, w.owner.org_id, "gone@acme.test", OrgRole::Learner, None).await;
    enrol(&pool, &w, gone.id).await;
    sqlx::query("UPDATE users SET active = false WHERE id = $1").bind(gone.id).execute(&pool).await.unwrap();
    let existing = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.learner, existing, "an earlier question").await;

    let sent = form(&w, "Assignment 2 is due **Friday**");
    assert_eq!(broadcast(&pool, &w.instructor, sent.clone()).await, Ok(BroadcastReport { recipients: 2 }));

    for learner in [&w.learner, &w.north_learner] {
        let inbox = conversations::inbox(&pool, learner).await.unwrap();
        assert_eq!(inbox.entries.len(), 1, "one chat with the sender");
        assert_eq!(inbox.entries[0].title, "instructor acme.test");
        assert_eq!(inbox.entries[0].preview.as_deref(), Some("Assignment 2 is due Friday"), "text, not Markdown");
        assert_eq!(inbox.total_unread, 1);
    }
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().entries[0].id, existing, "the existing chat is reused");
    assert!(conversations::inbox(&pool, &gone).await.unwrap().entries.is_empty(), "deactivated learners are left out");
    let (chats, emails): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM email_outbox WHERE recipient_id <> $1)")
            .bind(w.instructor.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((chats, emails), (2, 2), "one chat created, one reused; an email queued for each learner");

    let before = snapshot(&pool).await;
    assert_eq!(broadcast(&pool, &w.instructor, sent).await, Ok(BroadcastReport { recipients: 2 }), "a retry answers like the first");
    assert_eq!(snapshot(&pool).await, before, "and sends nothing again");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn course_staff_and_org_admins_may_broadcast(pool: PgPool) {
    let w = world(&pool).await;
    for sender in [&w.instructor, &w.owner, &w.admin] {
        assert_eq!(broadcast(&pool, sender, form(&w, "Hello all")).await, Ok(BroadcastReport { recipients: 1 }), "{:?}", sender.role);
    }
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn everyone_else_is_refused_and_nothing_is_written(pool: PgPool) {
    let w = world(&pool).await;
    let before = snapshot(&pool).await;
    assert_eq!(broadcast(&pool, &w.learner, form(&w, "Hi everyone")).await, Err(AppError::Forbidden), "a learner of the course");
    assert_eq!(broadcast(&pool, &w.staff, form(&w, "Hi everyone")).await, Err(AppError::NotFound), "staff of another course");
    assert_eq!(broadcast(&pool, &w.dept_admin, form(&w, "Hi everyone")).await, Err(AppError::NotFound));
    assert_eq!(broadcast(&pool, &w.outsider, form(&w, "Hi everyone")).await, Err(AppError::NotFound), "another organisation");
    assert!(matches!(broadcast(&pool, &w.instructor, form(&w, "   ")).await, Err(AppError::Validation { .. })));
    sqlx::query("UPDATE courses SET status = 'archived'").execute(&pool).await.unwrap();
    let archived = snapshot(&pool).await;
    assert!(matches!(broadcast(&pool, &w.instructor, form(&w, "Hi everyone")).await, Err(AppError::Conflict(_))));
    assert_eq!(snapshot(&pool).await, archived);
    sqlx::query("UPDATE courses SET status = 'active'").execute(&pool).await.unwrap();
    assert_eq!(snapshot(&pool).await, before);
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// "Message" to a selection on the roster: only the chosen learners of the course get it;
/// someone chosen who is not a learner there gets nothing.
#[sqlx::test(migrations = "../migrations")]
async fn a_selection_of_the_roster_gets_it_and_nobody_else(pool: PgPool) {
    let w = world(&pool).await;
    enrol(&pool, &w, w.north_learner.id).await;
    let chosen = BroadcastForm { to: vec![w.north_learner.id, w.staff.id], ..form(&w, "Your project needs a title") };
    assert_eq!(broadcast(&pool, &w.instructor, chosen).await, Ok(BroadcastReport { recipients: 1 }));
    assert_eq!(conversations::inbox(&pool, &w.north_learner).await.unwrap().total_unread, 1);
    assert!(conversations::inbox(&pool, &w.learner).await.unwrap().entries.is_empty(), "not chosen");
    assert!(conversations::inbox(&pool, &w.staff).await.unwrap().entries.is_empty(), "not a learner of the course");
    crate::support::assert_inbox_state_exact(&pool).await;
}
