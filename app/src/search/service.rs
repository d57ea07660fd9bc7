use std::collections::HashMap;

use sqlx::PgPool;

use super::model::{fragments, SearchHit, SearchResults, QUERY_MAX, RESULTS};
use super::queries;
use crate::auth::Actor;
use crate::conversations::naming::Viewer;
use crate::error::AppError;
use crate::ids::MessageId;

/// The newest messages the actor can read that match `query` (words, "a phrase", or, -not),
/// as they may see them: named as each conversation names people for them. Four statements,
/// whatever the history.
pub async fn search(pool: &PgPool, actor: &Actor, query: &str) -> Result<SearchResults, AppError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(AppError::validation("q", "Type the words to look for."));
    }
    if query.chars().count() > QUERY_MAX {
        return Err(AppError::validation("q", format!("A search can be at most {QUERY_MAX} characters.")));
    }
    let mut found = queries::matching(pool, actor.id, query, RESULTS as i64 + 1).await?;
    let more = found.len() > RESULTS;
    found.truncate(RESULTS);
    if found.is_empty() {
        return Ok(SearchResults { hits: Vec::new(), more });
    }
    let ids: Vec<MessageId> = found.iter().map(|m| m.id).collect();
    let mut conversations: Vec<_> = found.iter().map(|m| m.conversation).collect();
    conversations.sort_unstable();
    conversations.dedup();
    let rows: HashMap<_, _> = crate::messages::service::stored(pool, &ids).await?.into_iter().map(|row| (row.id, row)).collect();
    let namings = crate::conversations::service::namings(pool, &conversations).await?;
    let titles: HashMap<_, _> = crate::conversations::service::viewer_rows(pool, &conversations, &[actor.id])
        .await?
        .into_iter()
        .filter_map(|row| row.entry.map(|entry| (row.conversation, entry.title)))
        .collect();
    let viewer = Viewer { id: actor.id, role: actor.role };
    let hits = found
        .into_iter()
        .filter_map(|found| {
            let row = rows.get(&found.id)?;
            let message = row.view(namings.get(&found.conversation).copied().unwrap_or_default(), viewer);
            Some(SearchHit {
                conversation: found.conversation,
                title: titles.get(&found.conversation).cloned().unwrap_or_default(),
                message: found.id,
                author_name: message.author_name,
                created_at: message.created_at,
                excerpt: fragments(&found.marked),
            })
        })
        .collect();
    Ok(SearchResults { hits, more })
}
