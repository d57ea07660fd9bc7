use sqlx::{PgConnection, PgPool};

use super::model::{direct_key, Contact, ConversationKind, ConversationView, Inbox, DirectTarget};
use super::policy::can_start_direct;
use super::queries::{self, Membership};
use crate::auth::Actor;
use crate::error::AppError;
use crate::ids::{ConversationId, UserId};

/// Loads a conversation through the actor's membership: a non-member, admins included, gets
/// "not found", exactly as for an id that does not exist.
pub async fn access(conn: &mut PgConnection, actor: &Actor, id: ConversationId) -> Result<Membership, AppError> {
    queries::membership(conn, actor.org_id, id, actor.id).await
}

pub async fn inbox(pool: &PgPool, actor: &Actor) -> Result<Inbox, AppError> {
    let entries = queries::inbox(pool, actor.id).await?;
    let total_unread = entries.iter().map(|e| e.unread).sum();
    Ok(Inbox { entries, total_unread })
}

pub async fn view(pool: &PgPool, actor: &Actor, id: ConversationId) -> Result<ConversationView, AppError> {
    let mut conn = pool.acquire().await?;
    let membership = access(&mut conn, actor, id).await?;
    let members = queries::members(&mut conn, id).await?;
    let title = membership.title.unwrap_or_else(|| {
        let others: Vec<&str> = members.iter().filter(|m| m.id != actor.id).map(|m| m.name.as_str()).collect();
        if others.is_empty() { "Just you".to_owned() } else { others.join(", ") }
    });
    Ok(ConversationView { id, kind: membership.kind, title, members, me: actor.id })
}

/// Opens the direct chat with someone, creating it on first use, as the policy allows.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn start_direct(pool: &PgPool, actor: &Actor, input: DirectTarget) -> Result<ConversationId, AppError> {
    let mut tx = pool.begin().await?;
    let target = match (input.to, input.course, input.to_instructor) {
        (_, Some(course), true) => queries::course_instructor(&mut tx, actor.org_id, course, actor.id).await?,
        (Some(to), _, false) => to,
        _ => return Err(AppError::validation("to", "Choose someone to write to.")),
    };
    let reach = queries::reach(&mut tx, actor, target).await?;
    can_start_direct(actor, target == actor.id, &reach)?;
    let id = queries::find_or_create_direct(&mut tx, actor.org_id, actor.id, target, &direct_key(actor.id, target)).await?;
    tx.commit().await?;
    Ok(id)
}

/// The people the actor may start a chat with, filtered by name.
pub async fn contacts(pool: &PgPool, actor: &Actor, query: &str) -> Result<Vec<Contact>, AppError> {
    let query: String = query.trim().chars().take(80).filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
    let candidates = queries::contacts(pool, actor.org_id, actor.id, &query).await?;
    let ids: Vec<UserId> = candidates.iter().map(|c| c.id).collect();
    let reaches = queries::reach_all(&mut *pool.acquire().await?, actor, &ids).await?;
    let reachable: Vec<UserId> = reaches.into_iter().filter(|(_, reach)| can_start_direct(actor, false, reach).is_ok()).map(|(id, _)| id).collect();
    Ok(candidates.into_iter().filter(|c| reachable.contains(&c.id)).collect())
}

/// Removes the chat from the actor's inbox and history; a new message brings it back.
#[tracing::instrument(skip_all, fields(actor = %actor.id, conversation = %id))]
pub async fn delete_for_me(pool: &PgPool, actor: &Actor, id: ConversationId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let membership = access(&mut tx, actor, id).await?;
    if membership.kind == ConversationKind::Channel {
        return Err(AppError::Conflict("Announcement channels cannot be deleted.".into()));
    }
    queries::hide_for(&mut tx, id, actor.id).await?;
    Ok(tx.commit().await?)
}

pub async fn member_ids(pool: &PgPool, id: ConversationId) -> Result<Vec<UserId>, AppError> {
    queries::member_ids(pool, id).await
}
