/// How a queued notification email ended; the `email_outcome` enum of the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "email_outcome", rename_all = "snake_case"))]
pub enum EmailOutcome {
    /// Delivered to the mail server.
    Sent,
    /// Everything was read (or deleted) before the email was due.
    Read,
    /// The recipient was deactivated or left the conversation.
    Inactive,
    /// The recipient turned notification emails off.
    OptedOut,
    /// The email could not be built, or delivery was given up.
    Failed,
}
