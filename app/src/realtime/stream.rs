use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};
use sqlx::PgPool;
use tower_sessions::Session;

use super::{Hub, LiveEvent};

/// `GET /events`: the signed-in user's stream of changes, each rendered for them. A
/// reconnecting client (`Last-Event-ID`) first gets "resync", re-reads what it shows, and so
/// misses nothing. The stream ends with its session, and when the user opens too many.
pub async fn events(State(pool): State<PgPool>, State(hub): State<Hub>, session: Session, headers: HeaderMap) -> Response {
    let Ok(Some(user)) = crate::auth::session::user_of(&pool, &session).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let resumed = headers.contains_key("last-event-id");
    let subscription = hub.subscribe(user.actor.id, session.id());
    let first = std::iter::once(LiveEvent::Connected { stream: subscription.stream }).chain(resumed.then_some(LiveEvent::Resync));
    let live = stream::unfold(subscription, |mut subscription| async move {
        let event = subscription.events.recv().await?;
        Some((event, subscription))
    });
    let closed = Box::pin(async move { hub.closed().await });
    Sse::new(stream::iter(first).chain(live).take_until(closed).map(to_sse).boxed())
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

fn to_sse(event: LiveEvent) -> Result<Event, Infallible> {
    let id = uuid::Uuid::now_v7().to_string();
    Ok(Event::default().id(id).event("change").json_data(&event).unwrap_or_else(|err| {
        tracing::error!(error = %err, "a live event could not be written; the stream re-reads");
        Event::default().id(uuid::Uuid::now_v7().to_string()).event("change").data("\"resync\"")
    }))
}
