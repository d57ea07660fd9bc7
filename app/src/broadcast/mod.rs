//! Broadcast: staff write to every learner of a course at once; each learner gets the message
//! in their own direct chat with the sender (a one-time blast, not a channel).

mod model;
pub mod policy;
pub mod server_fns;
mod views;

pub use model::{BroadcastForm, BroadcastReport};
pub use views::BroadcastPanel;

#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;
