//! Course announcements: posts on a course's page, newest first, apart from its messages,
//! written by its staff in the same Markdown, edited and deleted by their author and admins.

mod live_list;
mod model;
pub mod policy;
pub mod server_fns;
mod views;

#[cfg(feature = "hydrate")]
pub use live_list::{apply as apply_to_list, reset as reset_list};
pub use model::Announcement;
pub use views::Announcements;

#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;
