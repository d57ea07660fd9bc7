//! A message as it is shown, and the composer that writes one.

mod composer;
mod list;
mod mention_picker;
mod message_actions;
mod message_item;
mod when;

use leptos::prelude::*;

pub use composer::Composer;
pub use list::MessageList;
pub use mention_picker::{folded, Mentionable};
pub use message_item::MessageItem;
#[cfg(feature = "ssr")]
pub use when::provide_viewer_zone;
#[cfg(feature = "hydrate")]
pub use when::remember_zone;
pub use when::When;

use super::server_fns::DeleteMessage;
use crate::error::AppError;
use crate::forms::island_action;
use crate::ids::MessageId;

/// The message actions of an open conversation; the pane shows their results at once.
#[derive(Clone, Copy)]
pub struct PaneActions {
    pub delete: Action<DeleteMessage, Result<(), AppError>>,
    /// The reader's own message whose text they are editing (`?edit=`), if any.
    pub editing: Option<MessageId>,
    /// Why the last edit was refused, shown beside its text.
    pub edit_error: StoredValue<Option<String>>,
}

impl PaneActions {
    pub fn new(editing: Option<MessageId>, edit_error: Option<String>) -> Self {
        Self { delete: island_action(), editing, edit_error: StoredValue::new(edit_error) }
    }
}
