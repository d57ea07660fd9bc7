//! Which open streams belong to whom: a map keyed by user, so that delivering an event looks
//! at the streams of the users it concerns and at no other.

use std::collections::HashMap;

use tokio::sync::mpsc;
use tower_sessions::session::Id as SessionId;

use super::LiveEvent;
use crate::ids::{ConversationId, StreamId, UserId};

/// Streams one user may hold open; opening one more closes their oldest.
pub const STREAMS_PER_USER: usize = 10;
/// Events a stream may fall behind by before it is closed; its browser reconnects and resyncs.
pub const STREAM_BUFFER: usize = 256;

struct Route {
    id: u64,
    stream: StreamId,
    session: Option<SessionId>,
    sender: mpsc::Sender<LiveEvent>,
    /// The conversation whose newest messages this stream's page shows right now.
    watching: Option<ConversationId>,
}

#[derive(Default)]
pub struct Routes {
    opened: u64,
    by_user: HashMap<UserId, Vec<Route>>,
}

impl Routes {
    /// Adds a stream of `user`'s, closing their oldest past [`STREAMS_PER_USER`]; returns its
    /// id here, the id its page knows it by, and its end of the channel.
    pub fn open(&mut self, user: UserId, session: Option<SessionId>) -> (u64, StreamId, mpsc::Receiver<LiveEvent>) {
        let (sender, receiver) = mpsc::channel(STREAM_BUFFER);
        self.opened += 1;
        let stream = StreamId::new();
        let routes = self.by_user.entry(user).or_default();
        routes.push(Route { id: self.opened, stream, session, sender, watching: None });
        if routes.len() > STREAMS_PER_USER {
            routes.remove(0);
        }
        (self.opened, stream, receiver)
    }

    /// What `user`'s `stream` watches now; a stream of someone else's is left alone.
    pub fn watch(&mut self, user: UserId, stream: StreamId, conversation: Option<ConversationId>) {
        if let Some(route) = self.by_user.get_mut(&user).and_then(|routes| routes.iter_mut().find(|r| r.stream == stream)) {
            route.watching = conversation;
        }
    }

    pub fn close(&mut self, user: UserId, id: u64) {
        if let Some(routes) = self.by_user.get_mut(&user) {
            routes.retain(|r| r.id != id);
            if routes.is_empty() {
                self.by_user.remove(&user);
            }
        }
    }

    /// The users with at least one open stream here.
    pub fn users(&self) -> Vec<UserId> {
        self.by_user.keys().copied().collect()
    }

    /// The sessions behind `user`'s open streams, by stream id.
    pub fn sessions_of(&self, user: UserId) -> Vec<(u64, Option<SessionId>)> {
        self.by_user.get(&user).map(|routes| routes.iter().map(|r| (r.id, r.session)).collect()).unwrap_or_default()
    }

    /// Hands the event to each of `user`'s streams, and says whether one of them watches its
    /// conversation. A stream that has fallen [`STREAM_BUFFER`] events behind, or whose
    /// reader went away, is closed.
    pub fn deliver(&mut self, user: UserId, event: &LiveEvent) -> bool {
        let Some(routes) = self.by_user.get_mut(&user) else { return false };
        routes.retain(|r| r.sender.try_send(event.clone()).is_ok());
        let watched = event.conversation().is_some_and(|c| routes.iter().any(|r| r.watching == Some(c)));
        if routes.is_empty() {
            self.by_user.remove(&user);
        }
        watched
    }

    /// Hands the event to every stream here.
    pub fn deliver_to_all(&mut self, event: &LiveEvent) {
        for user in self.users() {
            self.deliver(user, event);
        }
    }

    pub fn close_all(&mut self) {
        self.by_user.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(receiver: &mut mpsc::Receiver<LiveEvent>) -> Vec<LiveEvent> {
        std::iter::from_fn(|| receiver.try_recv().ok()).collect()
    }

    #[test]
    fn an_event_reaches_every_stream_of_its_user_and_no_other() {
        let mut routes = Routes::default();
        let (me, other) = (UserId::new(), UserId::new());
        let (_, _, mut first) = routes.open(me, None);
        let (_, _, mut second) = routes.open(me, None);
        let (_, _, mut theirs) = routes.open(other, None);
        routes.deliver(me, &LiveEvent::Resync);
        assert_eq!(drain(&mut first), [LiveEvent::Resync]);
        assert_eq!(drain(&mut second), [LiveEvent::Resync]);
        assert!(drain(&mut theirs).is_empty());
    }

    #[test]
    fn opening_one_stream_too_many_closes_the_oldest() {
        let mut routes = Routes::default();
        let me = UserId::new();
        let mut receivers: Vec<_> = (0..=STREAMS_PER_USER).map(|_| routes.open(me, None).2).collect();
        assert_eq!(routes.sessions_of(me).len(), STREAMS_PER_USER);
        assert!(receivers[0].try_recv().is_err_and(|e| e == mpsc::error::TryRecvError::Disconnected), "the oldest closed");
        assert!(receivers[1].try_recv().is_err_and(|e| e == mpsc::error::TryRecvError::Empty), "the others stay open");
    }

    #[test]
    fn a_stream_that_falls_too_far_behind_is_closed_and_a_closed_one_forgotten() {
        let mut routes = Routes::default();
        let (me, other) = (UserId::new(), UserId::new());
        let (_, _, mut slow) = routes.open(me, None);
        for _ in 0..=STREAM_BUFFER {
            routes.deliver(me, &LiveEvent::Resync);
        }
        assert_eq!(drain(&mut slow).len(), STREAM_BUFFER);
        assert!(slow.try_recv().is_err_and(|e| e == mpsc::error::TryRecvError::Disconnected));
        assert!(routes.users().is_empty());

        let (id, _, _gone) = routes.open(other, None);
        routes.close(other, id);
        assert!(routes.users().is_empty());
    }

    #[test]
    fn only_the_owner_of_a_stream_says_what_it_watches() {
        let mut routes = Routes::default();
        let (me, other) = (UserId::new(), UserId::new());
        let conversation = ConversationId::new();
        let (_, stream, _open) = routes.open(me, None);
        let posted = LiveEvent::Changed { conversation, inbox: None, cannot_post: None };
        assert!(!routes.deliver(me, &posted));
        routes.watch(other, stream, Some(conversation));
        assert!(!routes.deliver(me, &posted), "someone else's claim on my stream changes nothing");
        routes.watch(me, stream, Some(conversation));
        assert!(routes.deliver(me, &posted));
        assert!(!routes.deliver(me, &LiveEvent::Changed { conversation: ConversationId::new(), inbox: None, cannot_post: None }));
        routes.watch(me, stream, None);
        assert!(!routes.deliver(me, &posted));
    }
}
