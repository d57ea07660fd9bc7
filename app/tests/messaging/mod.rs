mod channels;
mod course_chats;
mod feed;
mod groups;
mod live;
mod over_http;
mod privacy;
mod reading;
mod search;
mod sending;
mod sharing;
mod starting;

use app::auth::Actor;
use app::conversations::{service as conversations, DirectTarget, GroupStyle, LearnerNaming, NewGroup};
use app::ids::ConversationId;
use app::messages::{service as messages, MessageView, Outgoing};
use sqlx::PgPool;

pub async fn direct(pool: &PgPool, from: &Actor, to: &Actor) -> ConversationId {
    conversations::start_direct(pool, from, DirectTarget { to: Some(to.id), ..Default::default() }).await.expect("direct chat")
}

pub fn outgoing(conversation: ConversationId, body: &str) -> Outgoing {
    Outgoing::new(conversation, body)
}

pub async fn say(pool: &PgPool, from: &Actor, conversation: ConversationId, body: &str) -> MessageView {
    messages::send(pool, from, outgoing(conversation, body), None).await.expect("sent")
}

/// A group chat of `owner`'s, with `others` added, through the service.
pub async fn group_of(pool: &PgPool, owner: &Actor, others: &[&Actor]) -> ConversationId {
    let input = NewGroup {
        name: "Cohort 7".into(),
        naming: LearnerNaming::Full,
        people_visible: true,
        style: GroupStyle::Chat,
        locked: false,
        avatar: String::new(),
    };
    let group = conversations::create_group(pool, owner, input).await.expect("group");
    for person in others {
        conversations::add_to_group(pool, owner, group, person.id, false).await.expect("added");
    }
    group
}

pub async fn message_count(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM messages").fetch_one(pool).await.unwrap()
}

/// A conversation of `kind` owned by `owner` with `others` in it, made directly in the
/// database: what the group and channel screens will create.
pub async fn conversation_of(pool: &PgPool, kind: &str, owner: &Actor, others: &[&Actor], locked: bool) -> ConversationId {
    let id = ConversationId::new();
    sqlx::query(
        "INSERT INTO conversations (id, org_id, kind, owner_id, title, locked, channel_role)
         VALUES ($1, $2, $3::conversation_kind, $4, 'Cohort', $5, CASE WHEN $3 = 'channel' THEN 'learner'::course_role END)",
    )
    .bind(id)
    .bind(owner.org_id)
    .bind(kind)
    .bind(owner.id)
    .bind(locked)
    .execute(pool)
    .await
    .unwrap();
    let members: Vec<uuid::Uuid> = std::iter::once(owner).chain(others.iter().copied()).map(|a| a.id.0).collect();
    sqlx::query("INSERT INTO conversation_members (org_id, conversation_id, user_id) SELECT $1, $2, unnest($3::uuid[])")
        .bind(owner.org_id)
        .bind(id)
        .bind(&members)
        .execute(pool)
        .await
        .unwrap();
    id
}
