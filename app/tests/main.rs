//! Integration tests against a real PostgreSQL: a fresh database for every test.
#![cfg(feature = "ssr")]

mod admin;
mod announcements;
mod auth;
mod broadcast;
mod demo;
mod email;
mod messaging;
mod platform;
mod profile;
mod roster;
mod smtp;
mod support;
