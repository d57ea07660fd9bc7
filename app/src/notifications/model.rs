use serde::{Deserialize, Serialize};

/// How a queued notification email ended; the `email_outcome` enum of the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "email_outcome", rename_all = "snake_case"))]
pub enum EmailOutcome {
    /// Delivered to the mail server.
    Sent,
    /// Everything was read (or deleted) before the email was due.
    Read,
    /// The recipient was deactivated or left the conversation.
    Inactive,
    /// The recipient turned notification emails off.
    OptedOut,
    /// The email could not be built, or delivery was given up.
    Failed,
}

/// How much a member hears of a conversation; the `notify_level` enum of the database.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray, strum::IntoStaticStr, strum::EnumMessage,
)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "notify_level", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum NotifyLevel {
    #[default]
    #[strum(message = "Every message")]
    All,
    #[strum(message = "Only when I am mentioned")]
    Mentions,
    #[strum(message = "Nothing")]
    Nothing,
}

impl NotifyLevel {
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

/// A member's notifications for one conversation, as their settings show them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifySetting {
    pub level: NotifyLevel,
    /// Until when "every message" is muted (mentions still get through), while it is.
    pub muted_until: Option<String>,
}

/// The mutes offered, in hours.
pub const MUTE_HOURS: [(u32, &str); 4] = [(1, "for an hour"), (8, "for 8 hours"), (24, "for a day"), (168, "for a week")];
