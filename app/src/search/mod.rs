//! Search: the messages a person can read, found by their words, newest first, each with the
//! words it matched marked and a way to open it in its conversation.

mod model;
pub mod server_fns;
mod views;

pub use model::{Fragment, SearchHit, SearchResults};
pub use views::{SearchBox, SearchPage};

#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;
