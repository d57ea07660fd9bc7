//! A group's feed: posts newest first with their replies, replies that quote their post in a
//! chat, and a lock that leaves only the owner posting.

use app::auth::Actor;
use app::conversations::{service as conversations, GroupStyle, LearnerNaming, NewGroup};
use app::error::AppError;
use app::ids::MessageId;
use app::messages::service as messages;
use app::messages::service::PAGE_SIZE;
use app::messages::Outgoing;
use sqlx::PgPool;

use super::{direct, group_of, say};
use crate::support::{assert_inbox_state_exact, world};

fn settings(style: GroupStyle, locked: bool) -> NewGroup {
    NewGroup { name: "Cohort 7".into(), naming: LearnerNaming::FirstInitial, people_visible: true, style, locked, avatar: String::new() }
}

fn reply(conversation: app::ids::ConversationId, post: app::ids::MessageId, body: &str) -> Outgoing {
    Outgoing { reply_to: Some(post), ..Outgoing::new(conversation, body) }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_feed_shows_posts_newest_first_with_their_replies_however_long(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner]).await;
    conversations::update_group(&pool, &w.staff, group, settings(GroupStyle::Feed, false)).await.unwrap();
    let first = say(&pool, &w.staff, group, "First post").await;
    for n in 0..PAGE_SIZE {
        say(&pool, &w.staff, group, &format!("Post {n}")).await;
    }
    // A reply to the oldest post comes after every post: it still comes with its post.
    let answer = messages::send(&pool, &w.learner, reply(group, first.id, "An answer"), None).await.unwrap();
    assert_eq!(answer.reply_to.as_ref().map(|q| (q.id, q.author_name.as_str())), Some((first.id, "staff a.")), "the group's naming");

    let newest = messages::page(&pool, &w.learner, group, None).await.unwrap();
    let posts = newest.messages.iter().filter(|m| m.reply_to.is_none()).count() as i64;
    assert_eq!(posts, PAGE_SIZE, "a page holds a page of posts, not of messages");
    assert!(!newest.messages.iter().any(|m| m.id == answer.id), "the reply waits for its post's page");
    let older = messages::page(&pool, &w.learner, group, newest.older).await.unwrap();
    let ids: Vec<_> = older.messages.iter().map(|m| m.id).collect();
    assert_eq!(ids, [first.id, answer.id], "the oldest post comes with its reply");
    assert_eq!(older.older, None);

    // The same messages in chat style: every message, oldest first, the reply last.
    conversations::update_group(&pool, &w.staff, group, settings(GroupStyle::Chat, false)).await.unwrap();
    let chat = messages::page(&pool, &w.learner, group, None).await.unwrap();
    assert_eq!(chat.messages.last().map(|m| m.id), Some(answer.id));
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn replies_answer_a_post_of_the_same_group_and_nothing_else(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner]).await;
    let other = group_of(&pool, &w.staff, &[&w.learner]).await;
    let post = say(&pool, &w.staff, group, "A post").await;
    let answer = messages::send(&pool, &w.learner, reply(group, post.id, "A reply"), None).await.expect("a reply to a post");
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let in_direct = say(&pool, &w.instructor, chat, "Hello").await;
    for (conversation, to, why) in [
        (group, answer.id, "a reply to a reply"),
        (other, post.id, "a post of another group"),
        (chat, in_direct.id, "a message of a direct chat"),
    ] {
        let refused = messages::send(&pool, &w.learner, reply(conversation, to, "no"), None).await.unwrap_err();
        assert_eq!(refused.field(), Some("reply_to"), "{why}");
    }
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_locked_group_takes_posts_and_replies_from_its_owner_only(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner, &w.admin]).await;
    let post = say(&pool, &w.staff, group, "Read this first").await;
    conversations::update_group(&pool, &w.staff, group, settings(GroupStyle::Feed, true)).await.unwrap();
    assert_eq!(messages::send(&pool, &w.learner, Outgoing::new(group, "hi"), None).await, Err(AppError::Forbidden));
    assert_eq!(messages::send(&pool, &w.learner, reply(group, post.id, "hi"), None).await, Err(AppError::Forbidden));
    assert_eq!(messages::send(&pool, &w.admin, Outgoing::new(group, "hi"), None).await, Err(AppError::Forbidden), "admins too");
    let view = conversations::view(&pool, &w.learner, group).await.unwrap();
    assert!(view.locked && view.cannot_post.is_some());
    assert_eq!(messages::page(&pool, &w.learner, group, None).await.unwrap().messages.len(), 1, "the history stays readable");
    say(&pool, &w.staff, group, "Still here").await;
    conversations::update_group(&pool, &w.staff, group, settings(GroupStyle::Feed, false)).await.unwrap();
    say(&pool, &w.learner, group, "Unlocked").await;
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn deleting_a_post_removes_its_thread_and_the_counts_follow(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    conversations::update_group(&pool, &w.staff, group, settings(GroupStyle::Feed, false)).await.unwrap();
    let post = say(&pool, &w.learner, group, "A question").await;
    let kept = say(&pool, &w.staff, group, "Another post").await;
    for (who, text) in [(&w.staff, "An answer"), (&w.north_learner, "Me too")] {
        messages::send(&pool, who, reply(group, post.id, text), None).await.unwrap();
    }
    assert_eq!(messages::delete(&pool, &w.north_learner, group, post.id).await, Err(AppError::Forbidden));
    messages::delete(&pool, &w.learner, group, post.id).await.expect("its author deletes the post");
    for viewer in [&w.learner, &w.staff, &w.north_learner] {
        let page = messages::page(&pool, viewer, group, None).await.unwrap();
        assert_eq!(page.messages.iter().map(|m| m.id).collect::<Vec<_>>(), [kept.id], "the thread is gone for everyone");
    }
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn authors_edit_their_own_messages_and_everyone_sees_them_edited(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner]).await;
    let post = say(&pool, &w.learner, group, "Teh plan").await;
    assert_eq!(post.editable.as_deref(), Some("Teh plan"), "the author gets the Markdown they wrote");
    assert_eq!(messages::edit(&pool, &w.staff, group, post.id, "hijacked").await, Err(AppError::Forbidden), "not theirs");
    assert_eq!(messages::edit(&pool, &w.learner, group, post.id, "  ").await.unwrap_err().field(), Some("body"));
    let edited = messages::edit(&pool, &w.learner, group, post.id, "The **plan**").await.expect("edited");
    assert!(edited.edited && edited.html.contains("<strong>plan</strong>"));
    let seen = messages::page(&pool, &w.staff, group, None).await.unwrap();
    let shown = seen.messages.iter().find(|m| m.id == post.id).unwrap();
    assert_eq!((shown.plain.as_str(), shown.edited, shown.editable.is_none()), ("The plan", true, true));
    let inbox = conversations::inbox(&pool, &w.staff).await.unwrap();
    assert_eq!(inbox.entries[0].preview.as_deref(), Some("The plan"), "the preview follows the last message");
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_edit_marks_whom_the_new_text_mentions_and_unmarks_whom_it_no_longer_does(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let marked = |viewer: Actor, id: MessageId| {
        let pool = pool.clone();
        async move { messages::page(&pool, &viewer, group, None).await.unwrap().messages.iter().any(|m| m.id == id && m.mentions_me) }
    };
    let post = say(&pool, &w.staff, group, "Who can check this?").await;
    assert!(!marked(w.north_learner.clone(), post.id).await);
    messages::edit(&pool, &w.staff, group, post.id, "@northlearner acme.test can you check this?").await.unwrap();
    assert!(marked(w.north_learner.clone(), post.id).await, "the edit named them");
    assert!(!marked(w.learner.clone(), post.id).await, "and nobody else");
    messages::edit(&pool, &w.staff, group, post.id, "@learner acme.test can you check this?").await.unwrap();
    assert!(!marked(w.north_learner.clone(), post.id).await, "no longer named");
    assert!(marked(w.learner.clone(), post.id).await);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_owner_and_staff_pin_posts_to_the_top_of_the_feed(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner, &w.instructor]).await;
    conversations::update_group(&pool, &w.staff, group, settings(GroupStyle::Feed, false)).await.unwrap();
    let rules = say(&pool, &w.staff, group, "House rules").await;
    let answer = messages::send(&pool, &w.learner, reply(group, rules.id, "ok"), None).await.unwrap();
    say(&pool, &w.learner, group, "Newer post").await;
    assert_eq!(messages::pin(&pool, &w.learner, group, rules.id, true).await, Err(AppError::Forbidden), "a learner member");
    let reply_pin = messages::pin(&pool, &w.instructor, group, answer.id, true).await.unwrap_err();
    assert_eq!(reply_pin.field(), Some("message"), "a reply is not pinned");
    messages::pin(&pool, &w.instructor, group, rules.id, true).await.expect("staff who are members pin");
    let page = messages::page(&pool, &w.learner, group, None).await.unwrap();
    let pinned: Vec<_> = page.messages.iter().filter(|m| m.pinned).map(|m| m.id).collect();
    assert_eq!(pinned, [rules.id]);
    assert!(page.messages.iter().any(|m| m.id == answer.id), "a pinned post comes with its replies");
    messages::pin(&pool, &w.staff, group, rules.id, false).await.expect("the owner unpins");
    assert!(!messages::page(&pool, &w.learner, group, None).await.unwrap().messages.iter().any(|m| m.pinned));
    crate::support::assert_inbox_state_exact(&pool).await;
}
