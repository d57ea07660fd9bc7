//! Integration tests against a real PostgreSQL: a fresh database for every test.
#![cfg(feature = "ssr")]

mod platform;
mod support;
