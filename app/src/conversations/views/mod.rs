mod composer;
mod conversation;
mod inbox;
mod live;
mod message;
mod new_message;
mod page;

pub use live::{provide_live, LiveVersion};
pub use new_message::NewMessagePage;
pub use page::MessagesPage;

/// A timestamp as people read it in a list: "2026-11-23 09:41".
fn short_time(rfc3339: &str) -> String {
    rfc3339.get(..16).map(|t| t.replace('T', " ")).unwrap_or_default()
}
