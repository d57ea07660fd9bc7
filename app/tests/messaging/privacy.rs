//! A non-member, admins and coordinators included, gets "not found" for a conversation and
//! everything in it, exactly as for an id that does not exist, and nothing is written.

use app::auth::Actor;
use app::conversations::service as conversations;
use app::error::AppError;
use app::ids::{ConversationId, MessageId};
use app::messages::service as messages;
use sqlx::PgPool;

use super::{direct, outgoing, say};
use crate::support::{snapshot, world};

async fn every_operation(
    pool: &PgPool,
    actor: &Actor,
    chat: ConversationId,
    message: MessageId,
) -> Vec<(&'static str, Result<(), AppError>)> {
    vec![
        ("view", conversations::view(pool, actor, chat).await.map(drop)),
        ("page", messages::page(pool, actor, chat, None).await.map(drop)),
        ("older page", messages::page(pool, actor, chat, Some(message)).await.map(drop)),
        ("send", messages::send(pool, actor, outgoing(chat, "let me in"), None).await.map(drop)),
        ("mark read", messages::mark_read(pool, actor, chat, message).await),
        ("seen by", messages::seen_by(pool, actor, chat, message).await.map(drop)),
        ("delete message", messages::delete(pool, actor, chat, message).await),
        ("delete chat", conversations::delete_for_me(pool, actor, chat).await),
    ]
}

async fn snapshot_with_messages(pool: &PgPool) -> String {
    let rest: String = sqlx::query_scalar(
        "SELECT md5(concat_ws('|',
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM conversations t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM conversation_members t),
            (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM messages t)))",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    format!("{}{rest}", snapshot(pool).await)
}

#[sqlx::test(migrations = "../migrations")]
async fn outsiders_of_every_kind_find_nothing(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let message = say(&pool, &w.instructor, chat, "private").await.id;
    let before = snapshot_with_messages(&pool).await;
    for (label, outsider) in [
        ("owner", &w.owner),
        ("admin", &w.admin),
        ("department admin", &w.dept_admin),
        ("staff", &w.staff),
        ("learner", &w.north_learner),
        ("another organisation", &w.outsider),
    ] {
        for (operation, result) in every_operation(&pool, outsider, chat, message).await {
            assert_eq!(result, Err(AppError::NotFound), "{operation} by {label}");
        }
    }
    assert_eq!(snapshot_with_messages(&pool).await, before, "nothing was written");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_missing_id_answers_exactly_like_someone_elses(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let message = say(&pool, &w.instructor, chat, "private").await.id;
    let theirs = every_operation(&pool, &w.admin, chat, message).await;
    let missing = every_operation(&pool, &w.admin, ConversationId::new(), MessageId::new()).await;
    assert_eq!(theirs, missing);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn members_may_do_what_outsiders_may_not(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let message = say(&pool, &w.instructor, chat, "hello").await.id;
    assert!(conversations::view(&pool, &w.learner, chat).await.is_ok());
    assert!(messages::page(&pool, &w.learner, chat, None).await.is_ok());
    assert!(messages::mark_read(&pool, &w.learner, chat, message).await.is_ok());
    assert!(messages::seen_by(&pool, &w.learner, chat, message).await.is_ok());
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_message_is_deleted_by_its_author_or_an_admin_member_only(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let message = say(&pool, &w.instructor, chat, "oops").await.id;
    assert_eq!(messages::delete(&pool, &w.learner, chat, message).await, Err(AppError::Forbidden));
    messages::delete(&pool, &w.instructor, chat, message).await.unwrap();
    let page = messages::page(&pool, &w.learner, chat, None).await.unwrap();
    assert!(page.messages.is_empty(), "removed for everyone, with no placeholder");
    let stored: String = sqlx::query_scalar("SELECT body FROM messages WHERE id = $1").bind(message).fetch_one(&pool).await.unwrap();
    assert_eq!(stored, "", "the text is gone from the database too");

    let admin_chat = direct(&pool, &w.admin, &w.learner).await;
    let learners = say(&pool, &w.learner, admin_chat, "rude words").await.id;
    messages::delete(&pool, &w.admin, admin_chat, learners).await.expect("an org admin who is a member deletes any message");
    crate::support::assert_inbox_state_exact(&pool).await;
}
