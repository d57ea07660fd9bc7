use serde::{Deserialize, Serialize};

use crate::ids::ConversationId;

/// What happened to a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    /// A message was posted.
    Message,
    /// A message was deleted.
    Deleted,
    /// A member's read position moved.
    Read,
    /// Asks the client to re-read everything it shows.
    Resync,
}

/// What changed: ids only, the database stays the source of truth and clients re-read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    pub conversation: ConversationId,
    pub kind: EventKind,
}

impl LiveEvent {
    /// Asks the client to re-read everything it shows (after a reconnect, or a missed event).
    pub fn resync() -> Self {
        Self { conversation: ConversationId(uuid::Uuid::nil()), kind: EventKind::Resync }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_travel_as_the_json_that_notify_builds() {
        let conversation = ConversationId::new();
        let json = format!(r#"{{"conversation": "{conversation}", "kind": "deleted"}}"#);
        assert_eq!(serde_json::from_str::<LiveEvent>(&json).unwrap(), LiveEvent { conversation, kind: EventKind::Deleted });
        assert!(serde_json::from_str::<LiveEvent>(r#"{"conversation": "x", "kind": "exploded"}"#).is_err());
    }
}
