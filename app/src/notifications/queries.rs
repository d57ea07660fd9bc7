//! The email outbox: at most one pending row per recipient and conversation, claimed by a
//! worker under a lease so that several instances never send the same row twice. Sends queue
//! their rows in `record_sends` (migration 0008), with the rest of what a send writes.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::email::{Draft, Unread};
use super::EmailOutcome;
use crate::conversations::naming::Viewer;
use crate::conversations::{LearnerNaming, Naming};
use crate::error::AppError;
use crate::ids::{ConversationId, UserId};
use crate::people::OrgRole;

/// How long a claimed row stays with its worker before another may take it over.
const LEASE_SECS: f64 = 300.0;
/// How many messages one email shows at most.
const SHOWN: i64 = 10;

pub struct Claimed {
    pub id: Uuid,
    pub recipient: UserId,
    pub conversation: ConversationId,
    pub attempts: i32,
    pub claimed_at: OffsetDateTime,
}

/// Takes up to `limit` rows that have waited `delay_secs` and are nobody's right now.
pub async fn claim(conn: &mut PgConnection, delay_secs: f64, limit: i64) -> Result<Vec<Claimed>, AppError> {
    Ok(sqlx::query_as!(
        Claimed,
        r#"UPDATE email_outbox SET claimed_until = clock_timestamp() + make_interval(secs => $2), attempts = attempts + 1
         WHERE id IN (
             SELECT id FROM email_outbox
             WHERE done_at IS NULL AND created_at <= clock_timestamp() - make_interval(secs => $1)
               AND (claimed_until IS NULL OR claimed_until <= clock_timestamp())
             ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, recipient_id AS "recipient: UserId", conversation_id AS "conversation: ConversationId", attempts,
                   clock_timestamp() AS "claimed_at!""#,
        delay_secs,
        LEASE_SECS,
        limit,
    )
    .fetch_all(conn)
    .await?)
}

/// Why a claimed row sends nothing.
pub enum NoEmail {
    Inactive,
    OptedOut,
}

/// Who the email goes to, what the organisation lets it say, and how the conversation names
/// people to them.
struct Head {
    to: String,
    first_name: String,
    role: OrgRole,
    org_name: String,
    include_text: bool,
    title: Option<String>,
    wanted: bool,
    naming: LearnerNaming,
    people_visible: bool,
}

/// An unread message as stored, before the recipient's view of its author.
struct UnreadRow {
    author_id: UserId,
    first_name: String,
    last_name: String,
    body: String,
    at: OffsetDateTime,
    mentions_you: bool,
}

/// What the email would say, or why there is none; no messages when everything was read (or
/// deleted) in the meantime.
pub async fn draft(conn: &mut PgConnection, claimed: &Claimed) -> Result<Result<Draft, NoEmail>, AppError> {
    let head = sqlx::query_as!(
        Head,
        r#"SELECT u.email::text AS "to!", u.first_name, u.role AS "role: OrgRole", o.name AS org_name, o.email_includes_text AS include_text,
                  c.title, u.email_notifications AS wanted, c.naming AS "naming: LearnerNaming", c.people_visible
         FROM conversation_members m
         JOIN users u ON u.id = m.user_id
         JOIN organisations o ON o.id = u.org_id
         JOIN conversations c ON c.id = m.conversation_id
         WHERE m.conversation_id = $1 AND m.user_id = $2 AND u.active"#,
        claimed.conversation as ConversationId,
        claimed.recipient as UserId,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(Head { to, first_name, role, org_name, include_text, title, wanted, naming, people_visible }) = head else {
        return Ok(Err(NoEmail::Inactive));
    };
    if !wanted {
        return Ok(Err(NoEmail::OptedOut));
    }
    // Newest first to take the last SHOWN, then turned around: the email reads oldest first.
    let newest = sqlx::query_as!(
        UnreadRow,
        r#"SELECT u.id AS "author_id: UserId", u.first_name, u.last_name, x.body AS "body!", x.created_at AS "at!",
                $2 = ANY(x.mentions) AS "mentions_you!"
         FROM unread_messages($1, $2) x JOIN users u ON u.id = x.author_id
         ORDER BY x.created_at DESC, x.id DESC LIMIT $3"#,
        claimed.conversation as ConversationId,
        claimed.recipient as UserId,
        SHOWN,
    )
    .fetch_all(conn)
    .await?;
    // Authors as the recipient sees them in the conversation.
    let (naming, viewer) = (Naming { naming, people_visible }, Viewer { id: claimed.recipient, role });
    let unread = newest
        .into_iter()
        .rev()
        .map(|row| Unread {
            author: naming.name(viewer, row.author_id, &row.first_name, &row.last_name),
            body: row.body,
            at: row.at,
            mentions_you: row.mentions_you,
        })
        .collect();
    Ok(Ok(Draft { to, first_name, org_name, include_text, title, conversation: claimed.conversation, unread }))
}

/// Closes the row with its outcome. A message that arrived after the newest one the email
/// covered starts a new row, so it is not lost.
pub async fn finish(
    conn: &mut PgConnection,
    claimed: &Claimed,
    outcome: EmailOutcome,
    covered_up_to: Option<OffsetDateTime>,
) -> Result<(), AppError> {
    sqlx::query!("UPDATE email_outbox SET done_at = clock_timestamp(), outcome = $2 WHERE id = $1", claimed.id, outcome as EmailOutcome,)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "INSERT INTO email_outbox (id, org_id, recipient_id, conversation_id)
         SELECT gen_random_uuid(), m.org_id, m.user_id, m.conversation_id
         FROM conversation_members m
         WHERE m.conversation_id = $2 AND m.user_id = $1
           AND EXISTS (SELECT 1 FROM unread_messages($2, $1) x WHERE x.created_at > $3)
         ON CONFLICT (recipient_id, conversation_id) WHERE done_at IS NULL DO NOTHING",
        claimed.recipient as UserId,
        claimed.conversation as ConversationId,
        covered_up_to.unwrap_or(claimed.claimed_at),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives the row back for a later try, a minute more for each attempt so far.
pub async fn retry_later(conn: &mut PgConnection, claimed: &Claimed, error: &str) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE email_outbox SET claimed_until = clock_timestamp() + make_interval(mins => attempts), last_error = $2 WHERE id = $1",
        claimed.id,
        error,
    )
    .execute(conn)
    .await?;
    Ok(())
}
