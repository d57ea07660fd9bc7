//! A message as it is shown, and the composer that writes one.

mod composer;
mod message_item;

use leptos::prelude::*;

pub use composer::Composer;
pub use message_item::MessageItem;

use super::server_fns::{DeleteMessage, SendMessage};

/// The message actions of an open conversation; each makes its messages re-read.
#[derive(Clone, Copy)]
pub struct PaneActions {
    pub send: ServerAction<SendMessage>,
    pub delete: ServerAction<DeleteMessage>,
}

/// A timestamp as people read it in a list: "2026-11-23 09:41".
pub fn short_time(rfc3339: &str) -> String {
    rfc3339.get(..16).map(|t| t.replace('T', " ")).unwrap_or_default()
}
