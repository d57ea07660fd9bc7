//! Live delivery: every server instance LISTENs for the ids that committed transactions
//! NOTIFY, renders each change for the viewers listening on it, and pushes it to their
//! Server-Sent Events streams.

mod events;
#[cfg(feature = "ssr")]
mod hub;
#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
mod render;
#[cfg(feature = "ssr")]
mod routes;
#[cfg(feature = "ssr")]
mod stream;

pub use events::{LiveEvent, Notice, NoticeKind};
#[cfg(feature = "ssr")]
pub use hub::{Hub, Subscription};
#[cfg(feature = "ssr")]
pub use queries::notify;
#[cfg(feature = "ssr")]
pub use routes::STREAMS_PER_USER;
#[cfg(feature = "ssr")]
pub use stream::events;
