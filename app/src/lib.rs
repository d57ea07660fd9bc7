#![recursion_limit = "256"]
//! Confer: in-platform messaging for organisations that teach or care for people.

pub mod error;
pub mod home;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod platform;
