use app::conversations::service as conversations;
use app::messages::service as messages;
use sqlx::PgPool;

use super::{direct, say};
use crate::support::world;

#[sqlx::test(migrations = "../migrations")]
async fn unread_counts_follow_the_read_pointer(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let first = say(&pool, &w.instructor, chat, "one").await;
    say(&pool, &w.instructor, chat, "two").await;
    let third = say(&pool, &w.instructor, chat, "three").await;
    let inbox = conversations::inbox(&pool, &w.learner).await.unwrap();
    assert_eq!((inbox.entries[0].unread, inbox.total_unread), (3, 3));
    assert_eq!(conversations::inbox(&pool, &w.instructor).await.unwrap().total_unread, 0, "own messages are read");

    let page = messages::page(&pool, &w.learner, chat, None).await.unwrap();
    assert_eq!(page.first_unread, Some(first.id), "opens at the first unread message");

    messages::mark_read(&pool, &w.learner, chat, first.id).await.unwrap();
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 2);
    messages::mark_read(&pool, &w.learner, chat, third.id).await.unwrap();
    messages::mark_read(&pool, &w.learner, chat, first.id).await.unwrap();
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 0, "the pointer never moves back");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn receipts_say_who_has_seen_a_message(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let sent = say(&pool, &w.instructor, chat, "did you see this?").await;
    assert!(messages::seen_by(&pool, &w.instructor, chat, sent.id).await.unwrap().is_empty());
    assert!(!messages::page(&pool, &w.instructor, chat, None).await.unwrap().last_seen);
    messages::mark_read(&pool, &w.learner, chat, sent.id).await.unwrap();
    let seen = messages::seen_by(&pool, &w.instructor, chat, sent.id).await.unwrap();
    assert_eq!(seen.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), vec!["learner acme.test"]);
    assert!(messages::page(&pool, &w.instructor, chat, None).await.unwrap().last_seen, "\"Seen\" under the last message");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deleted_chat_leaves_the_inbox_and_comes_back_with_a_new_message(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "old news").await;
    conversations::delete_for_me(&pool, &w.learner, chat).await.unwrap();
    assert!(conversations::inbox(&pool, &w.learner).await.unwrap().entries.is_empty());
    assert_eq!(conversations::inbox(&pool, &w.instructor).await.unwrap().entries.len(), 1, "only for the one who deleted it");

    say(&pool, &w.instructor, chat, "fresh news").await;
    let inbox = conversations::inbox(&pool, &w.learner).await.unwrap();
    assert_eq!(inbox.entries.len(), 1);
    assert_eq!(inbox.entries[0].preview.as_deref(), Some("fresh news"));
    let page = messages::page(&pool, &w.learner, chat, None).await.unwrap();
    assert_eq!(page.messages.len(), 1, "the history before the deletion stays hidden from them");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_inbox_is_ordered_by_last_activity(pool: PgPool) {
    let w = world(&pool).await;
    let with_instructor = direct(&pool, &w.learner, &w.instructor).await;
    let with_owner = direct(&pool, &w.owner, &w.learner).await;
    say(&pool, &w.instructor, with_instructor, "first").await;
    say(&pool, &w.owner, with_owner, "second").await;
    let titles: Vec<String> = conversations::inbox(&pool, &w.learner).await.unwrap().entries.into_iter().map(|e| e.title).collect();
    assert_eq!(titles, vec!["owner acme.test", "instructor acme.test"]);
    say(&pool, &w.learner, with_instructor, "third").await;
    let first: String = conversations::inbox(&pool, &w.learner).await.unwrap().entries[0].title.clone();
    assert_eq!(first, "instructor acme.test");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn deleting_an_unread_message_takes_it_off_the_count(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let read = say(&pool, &w.instructor, chat, "read").await;
    messages::mark_read(&pool, &w.learner, chat, read.id).await.unwrap();
    let unread = say(&pool, &w.instructor, chat, "oops").await;
    say(&pool, &w.instructor, chat, "still here").await;
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 2);

    messages::delete(&pool, &w.instructor, chat, read.id).await.unwrap();
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 2, "a message already read was not counted");
    messages::delete(&pool, &w.instructor, chat, unread.id).await.unwrap();
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 1);
    assert!(messages::delete(&pool, &w.instructor, chat, unread.id).await.is_err(), "a message is deleted once");
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 1);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deleted_chat_counts_only_what_arrives_after(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "one").await;
    say(&pool, &w.instructor, chat, "two").await;
    conversations::delete_for_me(&pool, &w.learner, chat).await.unwrap();
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 0);
    say(&pool, &w.instructor, chat, "three").await;
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 1);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn counts_stay_exact_while_both_sides_write_and_read_at_once(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let writers = [(w.instructor.clone(), "from instructor"), (w.learner.clone(), "from learner")].map(|(actor, text)| {
        let pool = pool.clone();
        tokio::spawn(async move {
            for n in 0..20 {
                let sent = say(&pool, &actor, chat, &format!("{text} {n}")).await;
                if n % 3 == 0 {
                    let page = messages::page(&pool, &actor, chat, None).await.unwrap();
                    let newest = page.messages.last().map_or(sent.id, |m| m.id);
                    messages::mark_read(&pool, &actor, chat, newest).await.unwrap();
                }
            }
        })
    });
    for writer in writers {
        writer.await.unwrap();
    }
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_inbox_preview_is_the_newest_message_and_goes_with_its_deletion(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let preview = |actor: app::auth::Actor| {
        let pool = pool.clone();
        async move { conversations::inbox(&pool, &actor).await.unwrap().entries[0].preview.clone() }
    };
    assert_eq!(preview(w.learner.clone()).await, None, "nothing said yet");
    say(&pool, &w.instructor, chat, "first").await;
    let last = say(&pool, &w.learner, chat, "second").await;
    assert_eq!(preview(w.instructor.clone()).await.as_deref(), Some("second"));
    messages::delete(&pool, &w.learner, chat, last.id).await.unwrap();
    assert_eq!(preview(w.instructor.clone()).await, None, "a deleted message leaves no text behind");

    let sends = (0..10).map(|n| {
        let (pool, actor) = (pool.clone(), if n % 2 == 0 { w.instructor.clone() } else { w.learner.clone() });
        tokio::spawn(async move { say(&pool, &actor, chat, &format!("race {n}")).await })
    });
    futures::future::join_all(sends).await;
    let newest: String =
        sqlx::query_scalar("SELECT body FROM messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1")
            .bind(chat)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(preview(w.learner.clone()).await, Some(newest), "concurrent sends leave the newest as the preview");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn opening_a_conversation_reads_its_newest_page_but_not_an_older_one(pool: PgPool) {
    use crate::support::{post_form, router, send, session_cookie, sign_in, PASSWORD};
    let w = world(&pool).await;
    let app = router(&pool).await;
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let first = say(&pool, &w.instructor, chat, "one").await;
    say(&pool, &w.instructor, chat, "two").await;
    let chat_id = chat.to_string();

    let older =
        send(&app, post_form("/api/messages", &[("conversation", &chat_id), ("before", &first.id.to_string())], Some(&cookie))).await;
    assert_eq!(older.status(), axum::http::StatusCode::OK);
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 2, "an older page is not the news");

    let newest = send(&app, post_form("/api/messages", &[("conversation", &chat_id)], Some(&cookie))).await;
    assert_eq!(newest.status(), axum::http::StatusCode::OK);
    let page: serde_json::Value = serde_json::from_str(&crate::support::body_text(newest).await).unwrap();
    assert_eq!(page["first_unread"], first.id.to_string(), "the page still shows where reading stopped");
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 0, "opening it read it");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_inbox_row_says_when_an_unread_message_mentions_the_viewer_until_it_is_read(pool: PgPool) {
    let w = world(&pool).await;
    let group = super::group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let mentioned = |viewer: app::auth::Actor| {
        let pool = pool.clone();
        async move { conversations::inbox(&pool, &viewer).await.unwrap().entries.into_iter().find(|e| e.id == group).unwrap().mentioned }
    };
    say(&pool, &w.staff, group, "Morning all").await;
    assert!(!mentioned(w.learner.clone()).await, "unread, but not about them");
    let asked = say(&pool, &w.staff, group, "@learner acme.test over to you").await;
    say(&pool, &w.staff, group, "Anyone else?").await;
    assert!(mentioned(w.learner.clone()).await);
    assert!(!mentioned(w.north_learner.clone()).await, "only the person named");
    messages::mark_read(&pool, &w.learner, group, asked.id).await.unwrap();
    assert!(!mentioned(w.learner.clone()).await, "read, though a later message is not");
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 1);
    let again = say(&pool, &w.staff, group, "@learner acme.test and this").await;
    assert!(mentioned(w.learner.clone()).await);
    messages::delete(&pool, &w.staff, group, again.id).await.unwrap();
    assert!(!mentioned(w.learner.clone()).await, "a deleted message mentions nobody");
    crate::support::assert_inbox_state_exact(&pool).await;
}
