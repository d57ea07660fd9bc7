//! What the server process is made of, outside any one concept.

pub mod database;
pub mod delivery;
pub mod embedded_pg;
pub mod files;
pub mod health;
mod queries;
pub mod router;
pub mod security;
pub mod sessions;
pub mod settings;
pub mod telemetry;
