//! A group's feed page with 100 posts and with 100,000: the page reads a page of posts and
//! their replies by keyset, so its time and statements must not grow with the history.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::auth::Actor;
use app::conversations::{service as conversations, GroupStyle, LearnerNaming, NewGroup};
use app::ids::ConversationId;
use app::messages::service as messages;
use sqlx::PgPool;

pub struct FeedFigures {
    pub small: Duration,
    pub large: Duration,
    pub statements_small: usize,
    pub statements_large: usize,
}

/// Two feeds of `owner`'s, one with 100 posts and one with 100,000, every tenth post with
/// three replies; the median time of their first page, and its SQL statements.
pub async fn feed_pages(pool: &PgPool, owner: &Actor, queries: &AtomicUsize) -> FeedFigures {
    let small = feed_with(pool, owner, 100).await;
    let large = feed_with(pool, owner, 100_000).await;
    sqlx::query("ANALYZE messages").execute(pool).await.unwrap();
    let page = |group| async move {
        messages::page(pool, owner, group, None).await.expect("feed page");
    };
    let statements = |group| async move {
        let before = queries.load(Ordering::Relaxed);
        page(group).await;
        queries.load(Ordering::Relaxed) - before
    };
    FeedFigures {
        small: super::timed(|| page(small)).await,
        large: super::timed(|| page(large)).await,
        statements_small: statements(small).await,
        statements_large: statements(large).await,
    }
}

async fn feed_with(pool: &PgPool, owner: &Actor, posts: i64) -> ConversationId {
    let settings = NewGroup {
        name: format!("Feed of {posts}"),
        naming: LearnerNaming::Full,
        people_visible: true,
        style: GroupStyle::Feed,
        locked: false,
        avatar: String::new(),
    };
    let group = conversations::create_group(pool, owner, settings).await.expect("group");
    sqlx::query(
        "INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, plain, created_at)
         SELECT gen_random_uuid(), $1, $2, $3, gen_random_uuid(), 'Post ' || n, '<p>Post ' || n || '</p>', 'Post ' || n,
                now() - make_interval(secs => n * 10)
         FROM generate_series(1, $4) AS n",
    )
    .bind(owner.org_id)
    .bind(group)
    .bind(owner.id)
    .bind(posts)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, plain, created_at, parent_id)
         SELECT gen_random_uuid(), p.org_id, p.conversation_id, p.author_id, gen_random_uuid(), 'Reply', '<p>Reply</p>', 'Reply',
                p.created_at + make_interval(secs => r), p.id
         FROM (SELECT *, row_number() OVER (ORDER BY created_at) AS k FROM messages WHERE conversation_id = $1) p, generate_series(1, 3) AS r
         WHERE p.k % 10 = 0",
    )
    .bind(group)
    .execute(pool)
    .await
    .unwrap();
    // Seeding writes messages only; the stored counters and preview come from the repair.
    app::inbox_state::repair(&mut pool.acquire().await.unwrap(), Some(group)).await.unwrap();
    group
}
