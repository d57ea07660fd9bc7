//! Course announcements: posts on a course's page, newest first, apart from its messages,
//! written by its staff in the same Markdown, edited and deleted by their author and admins.

mod model;
pub mod policy;
pub mod server_fns;
mod views;

pub use model::{apply_announcement, Announcement};
pub use views::Announcements;

#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;
