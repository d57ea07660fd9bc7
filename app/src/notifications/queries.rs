//! The email outbox: at most one pending row per recipient and conversation, claimed by a
//! worker under a lease so that several instances never send the same row twice. Sends queue
//! their rows in `record_sends` (migration 0024), with the rest of what a send writes, for
//! the members whom the message notifies.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::email::{About, Draft, Unread};
use super::{EmailOutcome, NotifyLevel};
use crate::conversations::naming::Viewer;
use crate::conversations::{LearnerNaming, Naming};
use crate::error::AppError;
use crate::ids::{AnnouncementId, ConversationId, CourseId, UserId};
use crate::people::OrgRole;

/// How long a claimed row stays with its worker before another may take it over.
const LEASE_SECS: f64 = 300.0;
/// How many messages one email shows at most.
const SHOWN: i64 = 10;

pub struct Claimed {
    pub id: Uuid,
    pub recipient: UserId,
    /// What it is about: a conversation's unread messages, or an announcement.
    pub conversation: Option<ConversationId>,
    pub announcement: Option<AnnouncementId>,
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
         RETURNING id, recipient_id AS "recipient: UserId", conversation_id AS "conversation: ConversationId",
                   announcement_id AS "announcement: AnnouncementId", attempts,
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
    /// Whether they hear of every message now (their level, their mute), or of mentions only.
    everything: bool,
    /// Whether they hear anything of the conversation.
    anything: bool,
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
    let conversation = match (claimed.conversation, claimed.announcement) {
        (Some(conversation), _) => conversation,
        (None, Some(announcement)) => return announcement_draft(conn, claimed.recipient, announcement).await,
        (None, None) => return Ok(Err(NoEmail::Inactive)),
    };
    let head = sqlx::query_as!(
        Head,
        r#"SELECT u.email::text AS "to!", u.first_name, u.role AS "role: OrgRole", o.name AS org_name, o.email_includes_text AS include_text,
                  c.title, u.email_notifications AS wanted, c.naming AS "naming: LearnerNaming", c.people_visible,
                  notifies(m.notify, m.muted_until, false) AS "everything!", m.notify <> 'nothing' AS "anything!"
         FROM conversation_members m
         JOIN users u ON u.id = m.user_id
         JOIN organisations o ON o.id = u.org_id
         JOIN conversations c ON c.id = m.conversation_id
         WHERE m.conversation_id = $1 AND m.user_id = $2 AND u.active"#,
        conversation as ConversationId,
        claimed.recipient as UserId,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(Head { to, first_name, role, org_name, include_text, title, wanted, naming, people_visible, everything, anything }) = head
    else {
        return Ok(Err(NoEmail::Inactive));
    };
    if !wanted || !anything {
        return Ok(Err(NoEmail::OptedOut));
    }
    // Newest first to take the last SHOWN, then turned around: the email reads oldest first.
    let newest = sqlx::query_as!(
        UnreadRow,
        r#"SELECT u.id AS "author_id: UserId", u.first_name, u.last_name, x.body AS "body!", x.created_at AS "at!",
                $2 = ANY(x.mentions) AS "mentions_you!"
         FROM unread_messages($1, $2) x JOIN users u ON u.id = x.author_id
         ORDER BY x.created_at DESC, x.id DESC LIMIT $3"#,
        conversation as ConversationId,
        claimed.recipient as UserId,
        SHOWN,
    )
    .fetch_all(conn)
    .await?;
    // Set to mentions (or muted) since the send: only what mentions them, if anything.
    let (any_unread, mut newest) = (!newest.is_empty(), newest);
    if !everything {
        newest.retain(|row| row.mentions_you);
        if any_unread && newest.is_empty() {
            return Ok(Err(NoEmail::OptedOut));
        }
    }
    // Authors as the recipient sees them in the conversation.
    let (naming, viewer) = (Naming { naming, people_visible }, Viewer { id: claimed.recipient, role });
    let unread = newest
        .into_iter()
        .rev()
        .map(|row| Unread {
            author: naming.name(viewer, row.author_id, &row.first_name, &row.last_name),
            body: crate::messages::text_of(&row.body),
            at: row.at,
            mentions_you: row.mentions_you,
        })
        .collect();
    Ok(Ok(Draft { to, first_name, org_name, include_text, title, about: About::Conversation(conversation), unread }))
}

/// A course's announcement, for one of its learners who is still enrolled and active.
struct AnnouncementRow {
    to: String,
    first_name: String,
    org_name: String,
    include_text: bool,
    wanted: bool,
    course: CourseId,
    course_title: String,
    author: String,
    body: String,
    at: OffsetDateTime,
}

async fn announcement_draft(conn: &mut PgConnection, recipient: UserId, id: AnnouncementId) -> Result<Result<Draft, NoEmail>, AppError> {
    let row = sqlx::query_as!(
        AnnouncementRow,
        r#"SELECT u.email::text AS "to!", u.first_name, o.name AS org_name, o.email_includes_text AS include_text,
                  u.email_notifications AS wanted, c.id AS "course: CourseId", c.title AS course_title,
                  full_name(au.first_name, au.last_name) AS "author!", a.body, a.created_at AS at
           FROM announcements a
           JOIN courses c ON c.id = a.course_id
           JOIN users au ON au.id = a.author_id
           JOIN users u ON u.id = $2 AND u.active
           JOIN organisations o ON o.id = u.org_id
           WHERE a.id = $1 AND EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = a.course_id AND e.user_id = $2)"#,
        id as AnnouncementId,
        recipient as UserId,
    )
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(Err(NoEmail::Inactive)) };
    if !row.wanted {
        return Ok(Err(NoEmail::OptedOut));
    }
    let unread = vec![Unread { author: row.author, body: crate::messages::text_of(&row.body), at: row.at, mentions_you: false }];
    Ok(Ok(Draft {
        to: row.to,
        first_name: row.first_name,
        org_name: row.org_name,
        include_text: row.include_text,
        title: Some(row.course_title),
        about: About::Announcement(row.course),
        unread,
    }))
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
        claimed.conversation as Option<ConversationId>,
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

pub async fn set_level(
    conn: &mut PgConnection,
    conversation: ConversationId,
    user: UserId,
    level: NotifyLevel,
    mute_hours: u32,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE conversation_members SET notify = $3,
                muted_until = CASE WHEN $4::integer > 0 THEN clock_timestamp() + make_interval(hours => $4::integer) END
         WHERE conversation_id = $1 AND user_id = $2",
        conversation as ConversationId,
        user as UserId,
        level as NotifyLevel,
        mute_hours as i32,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The member's level, and their mute while it lasts.
pub async fn level(
    conn: &mut PgConnection,
    conversation: ConversationId,
    user: UserId,
) -> Result<(NotifyLevel, Option<OffsetDateTime>), AppError> {
    let row = sqlx::query!(
        r#"SELECT notify AS "notify: NotifyLevel", CASE WHEN muted_until > now() THEN muted_until END AS muted_until
           FROM conversation_members WHERE conversation_id = $1 AND user_id = $2"#,
        conversation as ConversationId,
        user as UserId,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok((row.notify, row.muted_until))
}
