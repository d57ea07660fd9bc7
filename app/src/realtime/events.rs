use serde::{Deserialize, Serialize};

use crate::announcements::Announcement;
use crate::conversations::InboxEntry;
use crate::ids::{AnnouncementId, ConversationId, CourseId, MessageId, StreamId, UserId};
use crate::messages::MessageView;

/// A change as one viewer's browser receives it: the change itself, rendered for that viewer,
/// with their inbox row as it now is (`None`: the conversation is not in their inbox). The
/// browser applies it to what it shows and asks the server nothing more. It travels named by
/// its kind (`{"posted": {...}}`, `"resync"`), which the browser reads without buffering it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveEvent {
    Posted {
        conversation: ConversationId,
        message: MessageView,
        inbox: Option<InboxEntry>,
    },
    Edited {
        conversation: ConversationId,
        message: MessageView,
        inbox: Option<InboxEntry>,
    },
    Deleted {
        conversation: ConversationId,
        message: MessageId,
        inbox: Option<InboxEntry>,
    },
    /// `reader` has read up to `message`.
    Read {
        conversation: ConversationId,
        reader: UserId,
        message: MessageId,
        inbox: Option<InboxEntry>,
    },
    /// The title, members or settings changed, or the viewer's own view of it (deleted for
    /// them); with why the viewer may not post there now (`None`: they may).
    Changed {
        conversation: ConversationId,
        inbox: Option<InboxEntry>,
        cannot_post: Option<String>,
    },
    /// A course's announcement was posted or edited (as the viewer sees it), or deleted
    /// (`None`).
    Announced {
        course: CourseId,
        id: AnnouncementId,
        announcement: Option<Announcement>,
    },
    /// Something may have been missed (a reconnect, a lagging stream): re-read what is shown.
    Resync,
    /// The first event of a stream: its id, for saying which conversation it watches.
    Connected {
        stream: StreamId,
    },
}

impl LiveEvent {
    pub fn conversation(&self) -> Option<ConversationId> {
        match self {
            Self::Posted { conversation, .. }
            | Self::Edited { conversation, .. }
            | Self::Deleted { conversation, .. }
            | Self::Read { conversation, .. }
            | Self::Changed { conversation, .. } => Some(*conversation),
            Self::Announced { .. } | Self::Resync | Self::Connected { .. } => None,
        }
    }

    /// The viewer's inbox row after the change, when the event says.
    pub fn inbox(&self) -> Option<Option<&InboxEntry>> {
        match self {
            Self::Posted { inbox, .. }
            | Self::Edited { inbox, .. }
            | Self::Deleted { inbox, .. }
            | Self::Read { inbox, .. }
            | Self::Changed { inbox, .. } => Some(inbox.as_ref()),
            Self::Announced { .. } | Self::Resync | Self::Connected { .. } => None,
        }
    }
}

/// What a committed transaction tells every instance through NOTIFY: what happened, to which
/// conversation, message, user or course announcement; ids only, the database stays the
/// source of truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub conversation: Option<ConversationId>,
    pub message: Option<MessageId>,
    pub user: Option<UserId>,
    pub stream: Option<StreamId>,
    #[serde(default)]
    pub course: Option<CourseId>,
    #[serde(default)]
    pub announcement: Option<AnnouncementId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum NoticeKind {
    Posted,
    Edited,
    Deleted,
    /// `user` read up to `message`.
    Read,
    /// The conversation changed for its members, or, with `user`, for that member only.
    Changed,
    /// Sessions of `user` ended (sign-out, deactivation, a new password): their streams close.
    SessionsEnded,
    /// `user`'s `stream` now watches `conversation` (its newest messages are in view), or,
    /// without one, nothing: what arrives in a watched conversation is read on delivery.
    Watching,
    /// `announcement` of `course` was posted, edited or deleted.
    Announced,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_travel_as_the_json_that_notify_builds() {
        let (conversation, message) = (ConversationId::new(), MessageId::new());
        let json = format!(
            r#"{{"kind": "posted", "conversation": "{conversation}", "message": "{message}", "user": null, "stream": null, "course": null, "announcement": null}}"#
        );
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), Notice::posted(conversation, message));
        assert!(serde_json::from_str::<Notice>(
            r#"{"kind": "exploded", "conversation": null, "message": null, "user": null, "stream": null}"#
        )
        .is_err());
    }

    #[test]
    fn events_are_named_by_their_kind_for_the_browser() {
        let json = serde_json::to_string(&LiveEvent::Resync).unwrap();
        assert_eq!(json, r#""resync""#);
        let conversation = ConversationId::new();
        let changed = LiveEvent::Changed { conversation, inbox: None, cannot_post: None };
        let json = serde_json::to_string(&changed).unwrap();
        assert_eq!(json, format!(r#"{{"changed":{{"conversation":"{conversation}","inbox":null,"cannot_post":null}}}}"#));
        assert_eq!(serde_json::from_str::<LiveEvent>(&json).unwrap(), changed);
        assert_eq!(changed.conversation(), Some(conversation));
        assert_eq!(changed.inbox(), Some(None));
        assert_eq!(LiveEvent::Resync.inbox(), None);
    }
}
