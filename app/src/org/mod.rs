//! The organisation (tenant): its settings, labels and messaging policy.

mod model;
pub mod policy;
pub mod server_fns;
mod views;

pub use model::{short_text, DmPolicy, Labels, OrgSettings, OrgSettingsForm};
pub use views::SettingsPage;

#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;
