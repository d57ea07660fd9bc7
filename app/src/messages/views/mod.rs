//! A message as it is shown, and the composer that writes one.

mod composer;
mod mention_picker;
mod message_actions;
mod message_item;
mod when;

use leptos::prelude::*;

pub use composer::Composer;
pub use mention_picker::{folded, Mentionable};
pub use message_item::MessageItem;
#[cfg(feature = "ssr")]
pub use when::provide_viewer_zone;
#[cfg(feature = "hydrate")]
pub use when::remember_zone;
pub use when::When;

use super::server_fns::DeleteMessage;
use crate::ids::MessageId;

/// The message actions of an open conversation; the pane shows their results at once.
#[derive(Clone, Copy)]
pub struct PaneActions {
    pub delete: ServerAction<DeleteMessage>,
    /// The reader's own message whose text they are editing (`?edit=`), if any.
    pub editing: Option<MessageId>,
}

impl PaneActions {
    pub fn new(editing: Option<MessageId>) -> Self {
        Self { delete: ServerAction::new(), editing }
    }
}
