//! The stored inbox state: each member's unread count beside their read pointer, and each
//! conversation's last message and preview. They are copies of what `messages` says, kept so
//! that an inbox never reads the messages table; this module is the only one that writes
//! them, always from the SQL definitions of "visible" and "unread" (migration 0007), and
//! [`repair`] recomputes them from scratch.
//!
//! Lock order: a writer that touches several member rows first locks the conversations
//! concerned, by id (the SQL function `lock_conversations`, [`lock`] here). Single-row writers (a read,
//! a clear) take no other lock while holding theirs; a transaction of several reads takes the
//! conversations' locks first, like any writer of several member rows. So no two transactions ever wait on each other in a cycle,
//! however many send into one conversation at once.

#[cfg(feature = "ssr")]
mod queries;

#[cfg(feature = "ssr")]
pub use queries::{after_clear, after_delete, after_edit, after_read, after_send, lock, repair, Drift};
