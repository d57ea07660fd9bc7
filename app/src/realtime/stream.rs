use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};
use sqlx::PgPool;
use tokio::sync::broadcast::error::RecvError;
use tower_sessions::Session;

use super::{Hub, LiveEvent};

/// `GET /events`: the signed-in user's stream. A reconnecting client (`Last-Event-ID`) first
/// gets "resync", re-reads what it shows, and so misses nothing.
pub async fn events(State(pool): State<PgPool>, State(hub): State<Hub>, session: Session, headers: HeaderMap) -> Response {
    let Ok(Some(user)) = crate::auth::session::user_of(&pool, &session).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let me = user.actor.id;
    let resumed = headers.contains_key("last-event-id");
    let first = resumed.then(LiveEvent::resync);
    let receiver = hub.subscribe();
    let closed = Box::pin(async move { hub.closed().await });
    let live = stream::unfold(receiver, move |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok((members, event)) if members.contains(&me) => return Some((event, receiver)),
                Ok(_) => continue,
                Err(RecvError::Lagged(_)) => return Some((LiveEvent::resync(), receiver)),
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream::iter(first).chain(live).take_until(closed).map(to_sse).boxed())
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

fn to_sse(event: LiveEvent) -> Result<Event, Infallible> {
    let id = uuid::Uuid::now_v7().to_string();
    Ok(Event::default().id(id).event("change").json_data(&event).unwrap_or_default())
}
