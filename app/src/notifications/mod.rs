//! Notification emails for messages left unread: a transactional outbox written with the
//! message, and a worker that sends what is still unread once a delay has passed; and how much
//! each member hears of each conversation (`notify_level`, migration 0024).

mod model;
pub mod server_fns;

#[cfg(feature = "ssr")]
mod email;
#[cfg(feature = "ssr")]
mod mailer;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod worker;

pub use model::{EmailOutcome, NotifyLevel, NotifySetting, MUTE_HOURS};

#[cfg(feature = "ssr")]
pub use email::{Draft, Unread};
#[cfg(feature = "ssr")]
pub use mailer::Mailer;
#[cfg(feature = "ssr")]
pub use worker::EmailConfig;
