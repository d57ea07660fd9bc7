use leptos::prelude::*;

use super::model::{Contact, ConversationView, DirectTarget, Inbox};
use crate::error::AppError;
use crate::ids::ConversationId;

#[cfg(feature = "ssr")]
use crate::auth::{require_user, session::pool};

#[server(endpoint = "inbox", output = crate::wire::Answer)]
pub async fn load_inbox() -> Result<Inbox, AppError> {
    let actor = require_user().await?;
    super::service::inbox(&pool()?, &actor).await
}

#[server(endpoint = "conversation", output = crate::wire::Answer)]
pub async fn load_conversation(id: ConversationId) -> Result<ConversationView, AppError> {
    let actor = require_user().await?;
    super::service::view(&pool()?, &actor, id).await
}

#[server(endpoint = "start_direct", output = crate::wire::Answer)]
pub async fn start_direct(
    input: DirectTarget,
    #[server(default)] context: String,
    #[server(default)] context_url: String,
) -> Result<ConversationId, AppError> {
    let actor = require_user().await?;
    let id = super::service::start_direct(&pool()?, &actor, input).await?;
    let mut address = format!("/messages/{id}");
    if let Some(ctx) = crate::messages::MessageContext::parse(Some(&context), Some(&context_url)) {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("context", &ctx.title)
            .append_pair("context_url", ctx.url.as_deref().unwrap_or_default())
            .finish();
        address = format!("{address}?{query}");
    }
    leptos_axum::redirect(&address);
    Ok(id)
}

#[server(endpoint = "contacts", output = crate::wire::Answer)]
pub async fn find_contacts(query: String) -> Result<Vec<Contact>, AppError> {
    let actor = require_user().await?;
    super::service::contacts(&pool()?, &actor, &query).await
}

#[server(endpoint = "delete_conversation", output = crate::wire::Answer)]
pub async fn delete_conversation(id: ConversationId) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::delete_for_me(&pool()?, &actor, id).await?;
    leptos_axum::redirect("/messages");
    Ok(())
}
