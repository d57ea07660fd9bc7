//! Live delivery: every server instance LISTENs for the ids that committed transactions
//! NOTIFY, and pushes them to the Server-Sent Events streams of the members concerned.

mod events;
#[cfg(feature = "ssr")]
mod hub;
#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
mod stream;

pub use events::{EventKind, LiveEvent};
#[cfg(feature = "ssr")]
pub use hub::Hub;
#[cfg(feature = "ssr")]
pub use queries::notify;
#[cfg(feature = "ssr")]
pub use stream::events;
