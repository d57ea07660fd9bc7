mod conversation;
mod inbox;
mod live;
mod new_message;
mod page;

pub use live::{provide_live, Live};
pub use new_message::NewMessagePage;
pub use page::MessagesPage;
