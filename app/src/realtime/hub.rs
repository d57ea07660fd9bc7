use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::{broadcast, watch};

use super::LiveEvent;
use crate::ids::UserId;

/// Events of this instance, each with the members it concerns.
#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<(Vec<UserId>, LiveEvent)>,
    closing: watch::Sender<bool>,
    /// Whether the listener is connected and listening right now.
    listening: watch::Sender<bool>,
}

impl Hub {
    pub fn new() -> Self {
        Self { sender: broadcast::channel(4096).0, closing: watch::channel(false).0, listening: watch::channel(false).0 }
    }

    /// Resolves once the listener listens: from then on, every commit's events arrive.
    pub async fn listening(&self) {
        let mut listening = self.listening.subscribe();
        let _ = listening.wait_for(|listening| *listening).await;
    }

    /// Ends every open stream, so that a graceful shutdown does not wait on them forever.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Resolves once [`Hub::close`] was called.
    pub async fn closed(&self) {
        let mut closing = self.closing.subscribe();
        let _ = closing.wait_for(|closed| *closed).await;
    }

    pub fn subscribe(&self) -> broadcast::Receiver<(Vec<UserId>, LiveEvent)> {
        self.sender.subscribe()
    }

    /// Listens to `confer_events` until the pool closes, reconnecting after errors.
    pub fn spawn_listener(&self, pool: PgPool) {
        let hub = self.clone();
        tokio::spawn(async move {
            while !pool.is_closed() {
                let result = hub.listen(&pool).await;
                hub.listening.send_replace(false);
                if let Err(err) = result {
                    if pool.is_closed() {
                        break;
                    }
                    tracing::warn!(error = %err, "event listener lost its connection; reconnecting");
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
    }

    async fn listen(&self, pool: &PgPool) -> Result<(), sqlx::Error> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen("confer_events").await?;
        self.listening.send_replace(true);
        loop {
            let notification = listener.recv().await?;
            let Ok(event) = serde_json::from_str::<LiveEvent>(notification.payload()) else { continue };
            match crate::conversations::service::member_ids(pool, event.conversation).await {
                Ok(members) => {
                    let _ = self.sender.send((members, event));
                }
                Err(err) => tracing::warn!(error = %err, "could not load the members of an event"),
            }
        }
    }
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}
