use serde::{Deserialize, Serialize};

use crate::ids::ConversationId;

/// What changed: ids only, the database stays the source of truth and clients re-read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    pub conversation: ConversationId,
    /// "message", "deleted" or "read"; "resync" asks the client to re-read everything.
    pub kind: String,
}

impl LiveEvent {
    /// Asks the client to re-read everything it shows (after a reconnect, or a missed event).
    pub fn resync() -> Self {
        Self { conversation: ConversationId(uuid::Uuid::nil()), kind: "resync".into() }
    }
}
