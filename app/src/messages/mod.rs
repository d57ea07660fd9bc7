//! Messages: writing, reading, receipts and deletion.

mod body;
#[cfg(feature = "ssr")]
mod mentions;
mod model;
pub mod server_fns;
mod views;

#[cfg(feature = "ssr")]
pub use body::text_of;
pub use body::{MessageBody, MAX_CHARS};
pub use model::{MessageContext, MessagePage, MessageView, Outgoing, Quote};
#[cfg(feature = "ssr")]
pub use views::provide_viewer_zone;
#[cfg(feature = "hydrate")]
pub use views::remember_zone;
pub use views::{folded, Composer, Mentionable, MessageItem, MessageList, PaneActions, When};

#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use queries::{Deleted, MessageRow};

/// Timestamps travel as RFC 3339 text, which sorts like the instants it names.
#[cfg(feature = "ssr")]
pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(&time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"))
        .unwrap_or_default()
}
