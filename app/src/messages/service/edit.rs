use sqlx::PgPool;

use crate::auth::Actor;
use crate::conversations::naming::Viewer;
use crate::conversations::{self, policy};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId};
use crate::messages::body::MessageBody;
use crate::messages::model::MessageView;
use crate::messages::queries;
use crate::realtime::Notice;

/// Replaces the text of the actor's own message, and whom it mentions; every member sees the
/// change live, marked as edited.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %conversation, message = %message))]
pub async fn edit(
    pool: &PgPool,
    actor: &Actor,
    conversation: ConversationId,
    message: MessageId,
    body: &str,
) -> Result<MessageView, AppError> {
    let body = MessageBody::parse(body)?;
    let mut tx = pool.begin().await?;
    let membership = conversations::access(&mut tx, actor, conversation).await?;
    policy::can_post(actor.role, &membership)?;
    let author = queries::author_of(&mut tx, conversation, message).await?;
    policy::can_edit_message(author == actor.id)?;
    let plain = body.to_plain();
    let viewer = Viewer { id: actor.id, role: actor.role };
    let mentions = super::send::mentions_in(&mut tx, &body, conversation, &membership, viewer).await?;
    queries::edit(&mut tx, message, &queries::Edit { body: body.as_str(), html: &body.to_html(), plain: &plain, mentions: &mentions })
        .await?;
    crate::inbox_state::after_edit(&mut tx, conversation, message, &plain).await?;
    crate::realtime::notify(&mut tx, &[Notice::edited(conversation, message)]).await?;
    let row = queries::get(&mut tx, message).await?;
    tx.commit().await?;
    Ok(super::send::mine(&row, membership.naming, viewer))
}

/// Pins a post to the top of a group's feed, or unpins it: the group's owner and its staff.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %conversation, message = %message))]
pub async fn pin(pool: &PgPool, actor: &Actor, conversation: ConversationId, message: MessageId, pinned: bool) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let membership = conversations::access(&mut tx, actor, conversation).await?;
    policy::can_pin(actor, &membership)?;
    if !queries::set_pinned(&mut tx, conversation, message, pinned).await? {
        return Err(AppError::validation("message", "Only a post of this group can be pinned."));
    }
    crate::realtime::notify(&mut tx, &[Notice::edited(conversation, message)]).await?;
    Ok(tx.commit().await?)
}
