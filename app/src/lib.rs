#![recursion_limit = "256"]
//! Confer: in-platform messaging for organisations that teach or care for people.

pub mod admin;
pub mod announcements;
pub mod auth;
pub mod broadcast;
pub mod conversations;
pub mod courses;
pub mod error;
pub mod forms;
pub mod home;
pub mod ids;
pub mod inbox_state;
pub mod messages;
pub mod notifications;
pub mod org;
pub mod people;
pub mod realtime;
pub mod search;
pub mod shell;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod platform;
