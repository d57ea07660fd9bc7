mod channels;
mod conversation;
mod group;
mod inbox;
mod live;
mod new_message;
mod page;
mod sharing;

pub use channels::ChannelsPage;
pub use group::{GroupPeoplePage, NewGroupPage};
pub use live::{provide_live, Live, OpenPane};
pub use new_message::NewMessagePage;
pub use page::MessagesPage;
pub use sharing::DefaultSharingPanel;
