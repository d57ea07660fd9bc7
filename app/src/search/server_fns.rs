use leptos::prelude::*;

use super::SearchResults;
#[cfg(feature = "ssr")]
use crate::auth::{require_user, session::pool};
use crate::error::AppError;

#[server(endpoint = "search", output = crate::wire::Answer)]
pub async fn search_messages(q: String) -> Result<SearchResults, AppError> {
    let actor = require_user().await?;
    super::service::search(&pool()?, &actor, &q).await
}
