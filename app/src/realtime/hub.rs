use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::{mpsc, watch};
use tower_sessions::session::Id as SessionId;

use super::routes::Routes;
use super::{LiveEvent, Notice, NoticeKind};
use crate::ids::{StreamId, UserId};

/// Notices one instance takes in per round: one query each for the burst, however many came.
const BURST: usize = 1000;

/// This instance's live delivery: the listener, and the open streams by user.
#[derive(Clone)]
pub struct Hub {
    routes: Arc<Mutex<Routes>>,
    closing: watch::Sender<bool>,
    /// Whether the listener is connected and listening right now.
    listening: watch::Sender<bool>,
}

/// An open stream: its events, until the hub closes it or it is dropped.
pub struct Subscription {
    pub events: mpsc::Receiver<LiveEvent>,
    /// The id its page knows it by.
    pub stream: StreamId,
    hub: Hub,
    user: UserId,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.hub.routes().close(self.user, self.id);
    }
}

impl Hub {
    pub fn new() -> Self {
        Self { routes: Arc::default(), closing: watch::channel(false).0, listening: watch::channel(false).0 }
    }

    fn routes(&self) -> MutexGuard<'_, Routes> {
        self.routes.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Opens a stream of `user`'s, signed in through `session`.
    pub fn subscribe(&self, user: UserId, session: Option<SessionId>) -> Subscription {
        let (id, stream, events) = self.routes().open(user, session);
        Subscription { events, stream, hub: self.clone(), user, id }
    }

    /// Resolves once the listener listens: from then on, every commit's events arrive.
    pub async fn listening(&self) {
        let mut listening = self.listening.subscribe();
        let _ = listening.wait_for(|listening| *listening).await;
    }

    /// Whether the listener listens now: a server that does not yet would miss events.
    pub fn is_listening(&self) -> bool {
        *self.listening.borrow()
    }

    /// Ends every open stream, so that a graceful shutdown does not wait on them forever.
    pub fn close(&self) {
        self.closing.send_replace(true);
        self.routes().close_all();
    }

    /// Resolves once [`Hub::close`] was called.
    pub async fn closed(&self) {
        let mut closing = self.closing.subscribe();
        let _ = closing.wait_for(|closed| *closed).await;
    }

    /// Listens to `confer_events` until the pool closes, reconnecting after errors, and
    /// delivers what it hears in bursts.
    pub fn spawn_listener(&self, pool: PgPool) {
        let (notices, burst) = mpsc::channel(64 * BURST);
        let hub = self.clone();
        let listener_pool = pool.clone();
        tokio::spawn(async move {
            while !listener_pool.is_closed() {
                let result = hub.listen(&listener_pool, &notices).await;
                hub.listening.send_replace(false);
                if let Err(err) = result {
                    if listener_pool.is_closed() {
                        break;
                    }
                    tracing::warn!(error = %err, "event listener lost its connection; reconnecting");
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
        let hub = self.clone();
        tokio::spawn(async move { hub.deliver_bursts(&pool, burst).await });
    }

    async fn listen(&self, pool: &PgPool, notices: &mpsc::Sender<Notice>) -> Result<(), sqlx::Error> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen("confer_events").await?;
        self.listening.send_replace(true);
        // Whatever committed while no listener listened is unknown: every stream re-reads.
        self.routes().deliver_to_all(&LiveEvent::Resync);
        loop {
            let notification = listener.recv().await?;
            match serde_json::from_str::<Notice>(notification.payload()) {
                Ok(notice) if notices.send(notice).await.is_ok() => {}
                Ok(_) => return Ok(()),
                Err(err) => tracing::warn!(error = %err, payload = notification.payload(), "an event notice was not understood"),
            }
        }
    }

    /// Takes what has arrived, up to [`BURST`] notices, and delivers it; then the next burst.
    async fn deliver_bursts(&self, pool: &PgPool, mut notices: mpsc::Receiver<Notice>) {
        let mut burst = Vec::with_capacity(BURST);
        while notices.recv_many(&mut burst, BURST).await > 0 {
            self.deliver(pool, &burst).await;
            burst.clear();
        }
    }

    async fn deliver(&self, pool: &PgPool, burst: &[Notice]) {
        let mut changes = Vec::with_capacity(burst.len());
        for notice in burst {
            match (notice.kind, notice.user, notice.stream) {
                (NoticeKind::SessionsEnded, Some(user), _) => self.end_signed_out(pool, user).await,
                (NoticeKind::Watching, Some(user), Some(stream)) => self.routes().watch(user, stream, notice.conversation),
                (NoticeKind::SessionsEnded | NoticeKind::Watching, ..) => {}
                _ => changes.push(*notice),
            }
        }
        let listening = self.routes().users();
        match super::render::render(pool, &changes, &listening).await {
            Ok(events) => {
                let mut read = Vec::new();
                {
                    let mut routes = self.routes();
                    for (user, event) in &events {
                        let watched = routes.deliver(*user, event);
                        if let (true, LiveEvent::Posted { conversation, message, .. }) = (watched, event) {
                            if message.author_id != *user {
                                read.push((*user, *conversation, message.id));
                            }
                        }
                    }
                }
                // What arrives in a conversation its reader watches is read as it arrives: the
                // page asks nothing more, and the receipt reaches the others as an event.
                if let Err(err) = crate::messages::service::read_on_delivery(pool, &read).await {
                    tracing::warn!(error = %err, "could not mark delivered messages read");
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, "could not load a burst of events; every stream re-reads");
                self.routes().deliver_to_all(&LiveEvent::Resync);
            }
        }
    }

    /// Closes those of `user`'s streams whose session no longer holds.
    async fn end_signed_out(&self, pool: &PgPool, user: UserId) {
        let streams = self.routes().sessions_of(user);
        for (id, session) in streams {
            let holds = match session {
                Some(session) => crate::auth::session::still_signed_in(pool, session).await.unwrap_or(false),
                None => false,
            };
            if !holds {
                self.routes().close(user, id);
            }
        }
    }
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}
