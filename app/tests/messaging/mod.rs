mod live;
mod over_http;
mod privacy;
mod reading;
mod sending;
mod starting;

use app::auth::Actor;
use app::conversations::{service as conversations, DirectTarget};
use app::ids::{ClientMessageId, ConversationId};
use app::messages::{service as messages, MessageView, Outgoing};
use sqlx::PgPool;

pub async fn direct(pool: &PgPool, from: &Actor, to: &Actor) -> ConversationId {
    conversations::start_direct(pool, from, DirectTarget { to: Some(to.id), ..Default::default() }).await.expect("direct chat")
}

pub fn outgoing(conversation: ConversationId, body: &str) -> Outgoing {
    Outgoing { conversation, client_id: ClientMessageId::new(), body: body.into(), context_title: None, context_url: None }
}

pub async fn say(pool: &PgPool, from: &Actor, conversation: ConversationId, body: &str) -> MessageView {
    messages::send(pool, from, outgoing(conversation, body), None).await.expect("sent")
}

pub async fn message_count(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM messages").fetch_one(pool).await.unwrap()
}
