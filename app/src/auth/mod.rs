//! Signing in and out, sessions, and who is asking.

mod model;
pub mod server_fns;
mod views;

pub use model::{Actor, CurrentUser, NewPassword, Password};
pub use views::{SignInForm, SignOutButton, UserContext};

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
mod queries;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
mod throttle;

#[cfg(feature = "ssr")]
pub use session::require_user;
