//! Conversations: the inbox, direct and group chats, and who is in them.

pub mod live_state;
mod model;
pub mod policy;
pub mod server_fns;
mod views;

pub use model::{
    ChannelChoice, Contact, ConversationKind, ConversationView, DefaultSharing, DirectTarget, GroupStyle, Inbox, InboxEntry, InboxSection,
    LearnerNaming, MemberRole, Membership, Naming, NewGroup, Participant, Roster, Seen,
};
pub use views::{
    provide_live, ChannelsPage, DefaultSharingPanel, GroupPeoplePage, Live, MessagesPage, NewGroupPage, NewMessagePage, OpenPane,
};

#[cfg(feature = "ssr")]
pub mod naming;
#[cfg(feature = "ssr")]
pub mod photo_upload;
#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use queries::ViewerRow;
#[cfg(feature = "ssr")]
pub use service::access;
