use app::error::AppError;
use app::ids::ClientMessageId;
use app::messages::{service as messages, MessageContext, MAX_CHARS};
use sqlx::PgPool;

use super::{direct, message_count, outgoing, say};
use crate::support::world;

#[sqlx::test(migrations = "../migrations")]
async fn a_retry_with_the_same_client_id_returns_the_same_message(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let input = outgoing(chat, "Hello **there**");
    let first = messages::send(&pool, &w.instructor, input.clone(), None).await.unwrap();
    let again = messages::send(&pool, &w.instructor, input, None).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(message_count(&pool).await, 1);
    assert!(first.html.contains("<strong>there</strong>"));
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_retries_create_one_message(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let input = outgoing(chat, "only once");
    let sends = (0..8).map(|_| {
        let (pool, actor, input) = (pool.clone(), w.instructor.clone(), input.clone());
        tokio::spawn(async move { messages::send(&pool, &actor, input, None).await })
    });
    let results: Vec<_> = futures::future::join_all(sends).await.into_iter().map(|r| r.unwrap().unwrap().id).collect();
    assert!(results.windows(2).all(|p| p[0] == p[1]), "{results:?}");
    assert_eq!(message_count(&pool).await, 1);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_bodies_are_refused_and_nothing_is_written(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    for body in [String::new(), "   \n\t ".into(), "x".repeat(MAX_CHARS + 1)] {
        let err = messages::send(&pool, &w.learner, outgoing(chat, &body), None).await.unwrap_err();
        assert_eq!(err.field(), Some("body"), "{} chars", body.len());
    }
    assert_eq!(message_count(&pool).await, 0);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_client_id_cannot_be_reused_in_another_conversation(pool: PgPool) {
    let w = world(&pool).await;
    let one = direct(&pool, &w.instructor, &w.learner).await;
    let two = direct(&pool, &w.owner, &w.instructor).await;
    let client_id = ClientMessageId::new();
    let mut first = outgoing(one, "first");
    first.client_id = client_id;
    messages::send(&pool, &w.instructor, first, None).await.unwrap();
    let mut second = outgoing(two, "second");
    second.client_id = client_id;
    assert!(matches!(messages::send(&pool, &w.instructor, second, None).await, Err(AppError::Conflict(_))));
    assert_eq!(message_count(&pool).await, 1);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn context_from_a_lesson_link_is_kept_on_the_message(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.learner, &w.instructor).await;
    let context = MessageContext::parse(Some("Assignment 3"), Some("https://lms.example/a/3"));
    let sent = messages::send(&pool, &w.learner, outgoing(chat, "A question"), context).await.unwrap();
    assert_eq!(sent.context_title.as_deref(), Some("Assignment 3"));
    assert_eq!(sent.context_url.as_deref(), Some("https://lms.example/a/3"));
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_chat_survives_its_instructor_being_deactivated_or_unassigned(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.learner, &w.instructor).await;
    say(&pool, &w.instructor, chat, "See you in class").await;
    app::people::service::set_active(&pool, &w.admin, w.instructor.id, false).await.unwrap();
    app::courses::service::unenrol(&pool, &w.admin, w.course, w.instructor.id).await.unwrap();
    let page = messages::page(&pool, &w.learner, chat, None).await.unwrap();
    assert_eq!(page.messages.len(), 1);
    assert_eq!(page.messages[0].author_name, "instructor acme.test");
    say(&pool, &w.learner, chat, "Thanks!").await;
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn keyset_pages_walk_back_through_the_whole_history(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    for n in 0..120 {
        say(&pool, &w.instructor, chat, &format!("message {n}")).await;
    }
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = messages::page(&pool, &w.learner, chat, before).await.unwrap();
        let mut texts: Vec<String> = page.messages.iter().map(|m| m.html.clone()).collect();
        texts.extend(seen);
        seen = texts;
        match page.older {
            Some(cursor) => before = Some(cursor),
            None => break,
        }
    }
    let expected: Vec<String> = (0..120).map(|n| format!("<p>message {n}</p>\n")).collect();
    assert_eq!(seen, expected, "every message once, oldest first");
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// Sixteen senders at once into one conversation, as sixteen tabs of one member and as
/// sixteen members of one group: every send succeeds and every counter is exact.
#[sqlx::test(migrations = "../migrations")]
async fn many_senders_at_once_in_one_conversation_all_succeed(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let mut members = Vec::new();
    for n in 0..15 {
        members.push(
            crate::support::user(&pool, w.instructor.org_id, &format!("member{n}@acme.test"), app::people::OrgRole::Learner, None).await,
        );
    }
    let listeners: Vec<&app::auth::Actor> = members.iter().chain([&w.north_learner]).collect();
    let group = super::conversation_of(&pool, "group", &w.instructor, &listeners, false).await;
    let one_member = (0..16).map(|_| (w.instructor.clone(), chat));
    let many_members = std::iter::once(w.instructor.clone()).chain(members.clone()).map(|actor| (actor, group));
    let senders = one_member.chain(many_members).map(|(actor, conversation)| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut failures = Vec::new();
            for n in 0..8 {
                if let Err(err) = messages::send(&pool, &actor, outgoing(conversation, &format!("burst {n}")), None).await {
                    failures.push(err);
                }
            }
            failures
        })
    });
    let failures: Vec<AppError> = futures::future::join_all(senders).await.into_iter().flat_map(|r| r.unwrap()).collect();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(message_count(&pool).await, 2 * 16 * 8);
    let learner_unread = app::conversations::service::inbox(&pool, &w.learner).await.unwrap().total_unread;
    assert_eq!(learner_unread, 16 * 8, "every message from the one member counts once");
    let listener_unread = app::conversations::service::inbox(&pool, &w.north_learner).await.unwrap().total_unread;
    assert_eq!(listener_unread, 16 * 8, "a member who only listens has everything unread");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn only_the_owner_posts_in_a_locked_conversation(pool: PgPool) {
    let w = world(&pool).await;
    let group = super::conversation_of(&pool, "group", &w.instructor, &[&w.learner, &w.admin], true).await;
    let before = crate::support::snapshot(&pool).await;
    for outsider in [&w.learner, &w.admin] {
        let err = messages::send(&pool, outsider, outgoing(group, "may I?"), None).await.unwrap_err();
        assert_eq!(err, AppError::Forbidden);
    }
    assert_eq!(crate::support::snapshot(&pool).await, before, "a refused post writes nothing");
    say(&pool, &w.instructor, group, "Only I post here").await;
    assert_eq!(message_count(&pool).await, 1);
    let view = app::conversations::service::view(&pool, &w.learner, group).await.unwrap();
    assert_eq!(
        view.cannot_post.as_deref(),
        Some("This chat is locked: only its owner posts. You can still read it."),
        "the page says so too"
    );
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn in_an_announcement_channel_staff_post_and_learners_read(pool: PgPool) {
    let w = world(&pool).await;
    let channel = super::conversation_of(&pool, "channel", &w.admin, &[&w.learner, &w.instructor], false).await;
    let before = crate::support::snapshot(&pool).await;
    assert_eq!(messages::send(&pool, &w.learner, outgoing(channel, "hello?"), None).await.unwrap_err(), AppError::Forbidden);
    assert_eq!(crate::support::snapshot(&pool).await, before);
    say(&pool, &w.instructor, channel, "Welcome, everyone").await;
    say(&pool, &w.admin, channel, "Term starts Monday").await;
    let page = messages::page(&pool, &w.learner, channel, None).await.unwrap();
    assert_eq!(page.messages.len(), 2, "learners read everything");
    assert!(page.messages.iter().all(|m| !m.can_delete), "and may delete nothing of others'");
    let admin_page = messages::page(&pool, &w.admin, channel, None).await.unwrap();
    assert!(admin_page.messages.iter().all(|m| m.can_delete), "an admin who is a member may delete any");
    crate::support::assert_inbox_state_exact(&pool).await;
}
