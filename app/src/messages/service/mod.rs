//! Messages' services, one file per action.

mod delete;
mod edit;
mod page;
mod read;
mod send;

pub use delete::{delete, delete_all_by};
pub use edit::{edit, pin};
pub use page::{open, open_at, page, stored, PAGE_SIZE};
pub use read::{mark_read, read_on_delivery, seen_by, watch};
pub use send::{send, send_to_each};
