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
}

#[sqlx::test(migrations = "../migrations")]
async fn context_from_a_lesson_link_is_kept_on_the_message(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.learner, &w.instructor).await;
    let context = MessageContext::parse(Some("Assignment 3"), Some("https://lms.example/a/3"));
    let sent = messages::send(&pool, &w.learner, outgoing(chat, "A question"), context).await.unwrap();
    assert_eq!(sent.context_title.as_deref(), Some("Assignment 3"));
    assert_eq!(sent.context_url.as_deref(), Some("https://lms.example/a/3"));
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
}
