//! Search with 1,000 messages stored and with 1,000,000, for a staff member in 50 chats: a
//! word in every tenth message, a word in one message of 50,000, and a word in none. The
//! seeded messages say "Message N about <one of ten words>", and every 50,000th adds
//! "zeppelin".

use std::time::Duration;

use app::auth::Actor;
use app::search::service::search;
use sqlx::PgPool;

/// The searches measured: (what is looked for, what it stands for).
pub const SEARCHES: [(&str, &str); 3] =
    [("portfolio", "in every tenth message"), ("zeppelin", "in one of 50,000"), ("xylophone", "in none")];

/// The words the seeded messages are about, one each in turn.
pub const TOPICS: &str = "{portfolio,rubric,glaze,kiln,quiz,deadline,feedback,sketch,review,studio}";

/// The median time of each search in [`SEARCHES`], with how many results it showed.
pub async fn searches(pool: &PgPool, reader: &Actor) -> Vec<(Duration, usize)> {
    let mut figures = Vec::new();
    for (words, _) in SEARCHES {
        let shown = search(pool, reader, words).await.expect("search").hits.len();
        let took = super::timed(|| async move {
            search(pool, reader, words).await.expect("search");
        })
        .await;
        figures.push((took, shown));
    }
    figures
}

/// How PostgreSQL runs the search statement (`search::queries::matching`) for `words`.
pub async fn plan(pool: &PgPool, reader: &Actor, words: &str) -> String {
    let lines: Vec<String> = sqlx::query_scalar(
        "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
         SELECT m.id, m.conversation_id,
                ts_headline('english', m.plain, q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=35, MinWords=15')
         FROM websearch_to_tsquery('english', $2) q,
              conversation_members r JOIN messages m ON m.conversation_id = r.conversation_id
         WHERE r.user_id = $1 AND NOT r.hidden AND m.search @@ q AND m.deleted_at IS NULL AND visible_to_member(m.created_at, r.cleared_at)
         ORDER BY m.created_at DESC, m.id DESC LIMIT 31",
    )
    .bind(reader.id)
    .bind(words)
    .fetch_all(pool)
    .await
    .expect("plan");
    lines.join("\n")
}
