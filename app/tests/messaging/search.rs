//! Search: the messages a person can read, by their words, and never one they cannot; each
//! opens its conversation around it.

use app::conversations::service as conversations;
use app::messages::service as messages;
use app::search::{service::search, Fragment};
use sqlx::PgPool;

use super::{direct, group_of, say};
use crate::support::world;

fn words(results: &app::search::SearchResults) -> Vec<String> {
    results.hits.iter().map(|hit| hit.excerpt.iter().map(|f| f.text.as_str()).collect::<String>()).collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_search_finds_the_readers_messages_newest_first_with_the_matched_words_marked(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let group = group_of(&pool, &w.instructor, &[&w.learner, &w.staff]).await;
    say(&pool, &w.learner, chat, "Is the **portfolio** review on Friday?").await;
    say(&pool, &w.instructor, chat, "Nothing to see here").await;
    say(&pool, &w.staff, group, "Bring your portfolios to the meeting").await;

    let found = search(&pool, &w.learner, "portfolio").await.unwrap();
    assert_eq!(words(&found), ["Bring your portfolios to the meeting", "Is the portfolio review on Friday?"], "newest first, stemmed");
    assert!(!found.more);
    let first = &found.hits[0];
    assert_eq!((first.conversation, first.title.as_str(), first.author_name.as_str()), (group, "Cohort 7", "staff acme.test"));
    assert!(first.excerpt.contains(&Fragment { text: "portfolios".into(), matched: true }), "{:?}", first.excerpt);
    assert!(first.excerpt.contains(&Fragment { text: " to the meeting".into(), matched: false }), "{:?}", first.excerpt);
    assert_eq!(found.hits[1].title, "instructor acme.test", "a direct chat is named by the other person");

    assert_eq!(words(&search(&pool, &w.learner, "\"review on friday\" -meeting").await.unwrap()), ["Is the portfolio review on Friday?"]);
    assert!(search(&pool, &w.learner, "the").await.unwrap().hits.is_empty(), "a stop word alone finds nothing");
    assert_eq!(search(&pool, &w.learner, "  ").await.unwrap_err().field(), Some("q"));
    assert_eq!(search(&pool, &w.learner, &"x".repeat(201)).await.unwrap_err().field(), Some("q"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_search_never_finds_what_the_reader_cannot_read(pool: PgPool) {
    let w = world(&pool).await;
    let theirs = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, theirs, "secret rubric attached").await;
    for outsider in [&w.staff, &w.admin, &w.owner, &w.outsider] {
        assert!(search(&pool, outsider, "rubric").await.unwrap().hits.is_empty(), "{:?} is not in the chat", outsider.role);
    }

    // Deleted messages, and what came before the reader cleared the chat, are gone for them.
    let gone = say(&pool, &w.instructor, theirs, "rubric, first draft").await;
    messages::delete(&pool, &w.instructor, theirs, gone.id).await.unwrap();
    assert_eq!(words(&search(&pool, &w.learner, "rubric").await.unwrap()), ["secret rubric attached"]);
    conversations::delete_for_me(&pool, &w.learner, theirs).await.unwrap();
    assert!(search(&pool, &w.learner, "rubric").await.unwrap().hits.is_empty(), "cleared");
    say(&pool, &w.instructor, theirs, "new rubric").await;
    assert_eq!(words(&search(&pool, &w.learner, "rubric").await.unwrap()), ["new rubric"], "what came after clearing");
    assert_eq!(search(&pool, &w.instructor, "rubric").await.unwrap().hits.len(), 2, "the other member cleared nothing");

    // Who leaves a group no longer finds its messages.
    let group = group_of(&pool, &w.instructor, &[&w.staff]).await;
    say(&pool, &w.instructor, group, "staff rubric notes").await;
    assert_eq!(search(&pool, &w.staff, "rubric").await.unwrap().hits.len(), 1);
    conversations::leave_group(&pool, &w.staff, group).await.unwrap();
    assert!(search(&pool, &w.staff, "rubric").await.unwrap().hits.is_empty(), "left the group");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_result_opens_its_conversation_around_it_without_marking_the_newest_read(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let mut sent = Vec::new();
    for n in 0..120 {
        let body = if n == 10 { "the kiln schedule".to_owned() } else { format!("message {n}") };
        sent.push(say(&pool, &w.instructor, chat, &body).await.id);
    }
    let hit = search(&pool, &w.learner, "kiln").await.unwrap().hits.remove(0);
    assert_eq!(hit.message, sent[10]);

    let page = messages::open_at(&pool, &w.learner, chat, hit.message).await.unwrap();
    let shown: Vec<_> = page.messages.iter().map(|m| m.id).collect();
    let at = shown.iter().position(|id| *id == sent[10]).expect("the result is on the page");
    assert_eq!((page.anchor, page.newer), (Some(sent[10]), true));
    assert_eq!(shown.len() - at - 1, messages::PAGE_SIZE as usize / 2, "half a page of newer messages after it");
    assert_eq!(shown.first(), Some(&sent[0]), "and the older ones before it");
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 120, "an older page marks nothing read");

    let recent = messages::open_at(&pool, &w.learner, chat, sent[100]).await.unwrap();
    assert_eq!((recent.anchor, recent.newer, recent.messages.last().map(|m| m.id)), (Some(sent[100]), false, sent.last().copied()));
    assert_eq!(conversations::inbox(&pool, &w.learner).await.unwrap().total_unread, 0, "the newest page is read as it opens");

    let elsewhere = direct(&pool, &w.instructor, &w.staff).await;
    let other = say(&pool, &w.instructor, elsewhere, "not in this chat").await;
    let page = messages::open_at(&pool, &w.learner, chat, other.id).await.unwrap();
    assert_eq!((page.anchor, page.newer), (None, false), "a message of another chat opens the newest page");
    assert_eq!(messages::open_at(&pool, &w.staff, chat, sent[10]).await.unwrap_err(), app::error::AppError::NotFound);
    crate::support::assert_inbox_state_exact(&pool).await;
}
