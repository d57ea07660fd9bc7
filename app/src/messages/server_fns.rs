use leptos::prelude::*;

use super::model::{MessagePage, MessageView, Outgoing};
use crate::conversations::Seen;
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, StreamId};

#[cfg(feature = "ssr")]
use crate::auth::{require_user, session::pool};

#[server(endpoint = "messages", output = crate::wire::Answer)]
pub async fn load_messages(conversation: ConversationId, before: Option<MessageId>) -> Result<MessagePage, AppError> {
    let actor = require_user().await?;
    super::service::open(&pool()?, &actor, conversation, before).await
}

/// The conversation opened at one of its messages (a search result), loaded around it.
#[server(endpoint = "messages_at", output = crate::wire::Answer)]
pub async fn load_messages_at(conversation: ConversationId, at: MessageId) -> Result<MessagePage, AppError> {
    let actor = require_user().await?;
    super::service::open_at(&pool()?, &actor, conversation, at).await
}

#[server(endpoint = "send_message", output = crate::wire::Answer)]
pub async fn send_message(input: Outgoing) -> Result<MessageView, AppError> {
    let actor = require_user().await?;
    let context = super::MessageContext::parse(input.context_title.as_deref(), input.context_url.as_deref());
    super::service::send(&pool()?, &actor, input, context).await
}

#[server(endpoint = "mark_read", output = crate::wire::Answer)]
pub async fn mark_read(conversation: ConversationId, message: MessageId) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::mark_read(&pool()?, &actor, conversation, message).await
}

/// Which conversation, if any, the page of this event stream shows at its newest messages.
#[server(endpoint = "watch", output = crate::wire::Answer)]
pub async fn watch(stream: StreamId, conversation: Option<ConversationId>) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::watch(&pool()?, &actor, stream, conversation).await
}

#[server(endpoint = "seen_by", output = crate::wire::Answer)]
pub async fn seen_by(conversation: ConversationId, message: MessageId) -> Result<Vec<Seen>, AppError> {
    let actor = require_user().await?;
    super::service::seen_by(&pool()?, &actor, conversation, message).await
}

#[server(endpoint = "delete_message", output = crate::wire::Answer)]
pub async fn delete_message(conversation: ConversationId, message: MessageId) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::delete(&pool()?, &actor, conversation, message).await
}

/// Replaces the text of one's own message; everyone sees the change, marked as edited. A form
/// comes back to the conversation, at the message.
#[server(endpoint = "edit_message", output = crate::wire::Answer)]
pub async fn edit_message(conversation: ConversationId, message: MessageId, body: String) -> Result<MessageView, AppError> {
    let actor = require_user().await?;
    let edited = super::service::edit(&pool()?, &actor, conversation, message, &body).await?;
    leptos_axum::redirect(&format!("/messages/{conversation}#m-{message}"));
    Ok(edited)
}

/// Pins a post to the top of a group's feed, or, with `pinned` false, unpins it.
#[server(endpoint = "pin_message", output = crate::wire::Answer)]
pub async fn pin_message(conversation: ConversationId, message: MessageId, #[server(default)] pinned: bool) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::pin(&pool()?, &actor, conversation, message, pinned).await
}
