use sqlx::{PgConnection, PgPool};

use crate::auth::Actor;
use crate::conversations::naming::Viewer;
use crate::conversations::{self, policy, ConversationKind, Membership, Naming};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::body::MessageBody;
use crate::messages::mentions::mentioned;
use crate::messages::model::{MessageContext, MessageView, Outgoing};
use crate::messages::queries::{self, NewMessage};
use crate::realtime::Notice;

/// Sends a message: idempotent by the client's id, all writes (message, inbox state, email
/// outbox) in one transaction, the event published by that transaction's commit. The
/// conversation is locked only for the last writes, so concurrent sends into one
/// conversation queue briefly instead of failing.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %input.conversation))]
pub async fn send(pool: &PgPool, actor: &Actor, input: Outgoing, context: Option<MessageContext>) -> Result<MessageView, AppError> {
    let mut tx = pool.begin().await?;
    let membership = conversations::access(&mut tx, actor, input.conversation).await?;
    if let Err(refused) = policy::can_post(actor.role, &membership) {
        // A retry of a message sent before posting was closed still gets its answer.
        return earlier(&mut tx, actor, &input).await?.ok_or(refused);
    }
    if let Some(post) = input.reply_to {
        check_reply(&mut tx, &membership, input.conversation, post).await?;
    }
    let body = MessageBody::parse(&input.body)?;
    let (html, plain) = (body.to_html(), body.to_plain());
    let viewer = Viewer { id: actor.id, role: actor.role };
    let mentions = mentions_in(&mut tx, &body, input.conversation, &membership, viewer).await?;
    let new = NewMessage {
        org: actor.org_id,
        conversation: input.conversation,
        author: actor.id,
        client_id: input.client_id,
        body: body.as_str(),
        html: &html,
        plain: &plain,
        context: context.as_ref(),
        reply_to: input.reply_to,
        mentions: &mentions,
    };
    let Some(row) = queries::insert(&mut tx, &new).await? else {
        // The client id was used before (a retry, or a concurrent one that committed first,
        // which the insert waited for): answer with that message and write nothing.
        return earlier(&mut tx, actor, &input).await?.ok_or_else(|| AppError::internal("a conflicting send vanished"));
    };
    after_insert(&mut tx, actor, &[input.conversation], &[row.id]).await?;
    tx.commit().await?;
    Ok(mine(&row, membership.naming, viewer))
}

/// A reply answers a post of the same group chat that is still there.
async fn check_reply(
    conn: &mut PgConnection,
    membership: &Membership,
    conversation: ConversationId,
    post: MessageId,
) -> Result<(), AppError> {
    if membership.kind != ConversationKind::Group {
        return Err(AppError::validation("reply_to", "Only posts in a group chat take replies."));
    }
    match queries::answerable(conn, conversation, post).await? {
        Some(true) => Ok(()),
        Some(false) => Err(AppError::validation("reply_to", "Replies answer a post, not another reply or a deleted post.")),
        None => Err(AppError::validation("reply_to", "That post is not in this conversation.")),
    }
}

/// Whom `body` @mentions among the people its author may mention here; the members are read
/// only when the text has an `@`.
pub(super) async fn mentions_in(
    conn: &mut PgConnection,
    body: &MessageBody,
    conversation: ConversationId,
    membership: &Membership,
    author: Viewer,
) -> Result<Vec<UserId>, AppError> {
    if !body.as_str().contains('@') {
        return Ok(Vec::new());
    }
    Ok(mentioned(body.as_str(), &conversations::service::mentionable(conn, conversation, membership, author).await?))
}

/// The message the actor already sent under this client id, if any; a client id used in
/// another conversation is a conflict.
async fn earlier(conn: &mut PgConnection, actor: &Actor, input: &Outgoing) -> Result<Option<MessageView>, AppError> {
    let Some((id, conversation)) = queries::by_client_id(conn, actor.id, input.client_id).await? else { return Ok(None) };
    if conversation != input.conversation {
        return Err(AppError::Conflict("That message id is taken.".into()));
    }
    Ok(Some(mine(&queries::get(conn, id).await?, Default::default(), Viewer { id: actor.id, role: actor.role })))
}

/// One message from the actor in each of `conversations`, in the caller's transaction, with
/// everything a send does: inbox state, emails and live events. Set-based: the same few
/// statements for one conversation or ten thousand.
pub async fn send_to_each(
    conn: &mut PgConnection,
    actor: &Actor,
    conversations: &[ConversationId],
    body: &MessageBody,
) -> Result<(), AppError> {
    let ids = queries::insert_each(conn, actor.org_id, actor.id, conversations, body).await?;
    after_insert(conn, actor, conversations, &ids).await
}

/// What follows the insert of messages: the live events (sent by the commit), then, under the
/// conversations' locks, the inbox state and the email outbox in one round trip.
async fn after_insert(conn: &mut PgConnection, actor: &Actor, conversations: &[ConversationId], ids: &[MessageId]) -> Result<(), AppError> {
    let notices: Vec<Notice> = conversations.iter().zip(ids).map(|(c, m)| Notice::posted(*c, *m)).collect();
    crate::realtime::notify(conn, &notices).await?;
    crate::inbox_state::after_send(conn, conversations, ids, actor.id).await
}

/// The sender's own message, as they see it: theirs to delete and to edit.
pub(super) fn mine(row: &queries::MessageRow, naming: Naming, viewer: Viewer) -> MessageView {
    let mut view = row.view(naming, viewer);
    view.can_delete = true;
    view
}
