use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::model::{ChannelChoice, Contact, ConversationView, DefaultSharing, DirectTarget, Inbox, NewGroup};
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, UserId};

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

/// Creates a group chat and opens it.
#[server(endpoint = "create_group", output = crate::wire::Answer)]
pub async fn create_group(input: NewGroup) -> Result<ConversationId, AppError> {
    let actor = require_user().await?;
    let id = super::service::create_group(&pool()?, &actor, input).await?;
    leptos_axum::redirect(&format!("/messages/{id}"));
    Ok(id)
}

#[server(endpoint = "update_group", output = crate::wire::Answer)]
pub async fn update_group(id: ConversationId, input: NewGroup) -> Result<(), AppError> {
    let actor = require_user().await?;
    let result = super::service::update_group(&pool()?, &actor, id, input).await;
    crate::forms::shown(UpdateGroup::PATH, result)
}

/// Adds someone to a chat; `convert` confirms that a second learner makes a shared chat a group.
#[server(endpoint = "add_to_group", output = crate::wire::Answer)]
pub async fn add_to_group(id: ConversationId, person: UserId, #[server(default)] convert: bool) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::add_to_group(&pool()?, &actor, id, person, convert).await
}

/// People of the organisation whose name matches, for a manager of the group to add.
#[server(endpoint = "people_to_add", output = crate::wire::Answer)]
pub async fn people_to_add(id: ConversationId, query: String) -> Result<Vec<Contact>, AppError> {
    let actor = require_user().await?;
    super::service::people_to_add(&pool()?, &actor, id, &query).await
}

/// Removes someone from a group, keeping their messages or, with `delete_messages`, not.
#[server(endpoint = "remove_from_group", output = crate::wire::Answer)]
pub async fn remove_from_group(id: ConversationId, person: UserId, #[server(default)] delete_messages: bool) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::remove_from_group(&pool()?, &actor, id, person, delete_messages).await
}

/// Leaves a group; what the actor wrote in it is deleted. Answers with the inbox.
#[server(endpoint = "leave_group", output = crate::wire::Answer)]
pub async fn leave_group(id: ConversationId) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::leave_group(&pool()?, &actor, id).await?;
    leptos_axum::redirect("/messages");
    Ok(())
}

/// With whom `owner`'s new direct chats are shared, for their settings.
#[server(endpoint = "default_sharing", output = crate::wire::Answer)]
pub async fn load_default_sharing(owner: UserId) -> Result<DefaultSharing, AppError> {
    let actor = require_user().await?;
    super::service::default_sharing(&pool()?, &actor, owner).await
}

/// Shares `owner`'s new direct chats with `teammate` from now on (`shared`), or stops.
#[server(endpoint = "set_default_share", output = crate::wire::Answer)]
pub async fn set_default_share(owner: UserId, teammate: UserId, #[server(default)] shared: bool) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::set_default_share(&pool()?, &actor, owner, teammate, shared).await
}

/// Where the actor may open announcement channels, and those open there.
#[server(endpoint = "channel_choices", output = crate::wire::Answer)]
pub async fn load_channel_choices() -> Result<Vec<ChannelChoice>, AppError> {
    let actor = require_user().await?;
    super::service::channel_choices(&pool()?, &actor).await
}

/// Opens the announcement channel for `role` in `course` (the organisation's without one), and
/// goes there.
#[server(endpoint = "create_channel", output = crate::wire::Answer)]
pub async fn create_channel(#[server(default)] course: Option<CourseId>, role: CourseRole) -> Result<ConversationId, AppError> {
    let actor = require_user().await?;
    let id = super::service::create_channel(&pool()?, &actor, course, role).await?;
    leptos_axum::redirect(&format!("/messages/{id}"));
    Ok(id)
}
