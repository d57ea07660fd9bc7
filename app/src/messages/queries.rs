use sqlx::PgConnection;
use time::OffsetDateTime;

use super::body::MessageBody;
use super::model::{MessageContext, MessageView, Quote};
use crate::conversations::naming::Viewer;
use crate::conversations::Naming;
use crate::error::AppError;
use crate::ids::{ClientMessageId, ConversationId, MessageId, OrgId, UserId};

/// A message as stored, with its author's names: each viewer sees it through the
/// conversation's [`Naming`].
pub struct MessageRow {
    pub id: MessageId,
    client_id: ClientMessageId,
    author_id: UserId,
    author_first: String,
    author_last: String,
    author_avatar: Option<String>,
    /// Whether the author is still a member: a participant removed with their messages kept
    /// is shown with no name or photo.
    author_present: bool,
    body: String,
    html: String,
    plain: String,
    context_title: Option<String>,
    context_url: Option<String>,
    created_at: OffsetDateTime,
    parent_id: Option<MessageId>,
    parent_author: Option<UserId>,
    parent_first: Option<String>,
    parent_last: Option<String>,
    parent_plain: Option<String>,
    edited: bool,
    pinned: bool,
    /// Who the message mentions.
    mentions: Vec<UserId>,
    /// Whether it is unread for the member whose page it is on (`unread_for_member`); never,
    /// read for nobody in particular.
    unread: bool,
}

impl MessageRow {
    /// The view for `viewer`, who sees the author as `naming` says; whether they may delete
    /// it is the service's to say.
    pub fn view(&self, naming: Naming, viewer: Viewer) -> MessageView {
        MessageView {
            id: self.id,
            client_id: self.client_id,
            author_id: self.author_id,
            author_name: match self.author_present {
                true => naming.name(viewer, self.author_id, &self.author_first, &self.author_last),
                false => FORMER_MEMBER.to_owned(),
            },
            author_avatar: naming.photo(viewer, self.author_id, self.author_avatar.clone()).filter(|_| self.author_present),
            html: self.html.clone(),
            plain: self.plain.clone(),
            editable: (self.author_id == viewer.id).then(|| self.body.clone()),
            context_title: self.context_title.clone(),
            context_url: self.context_url.clone(),
            created_at: super::rfc3339(self.created_at),
            can_delete: false,
            reply_to: self.quote(naming, viewer),
            edited: self.edited,
            pinned: self.pinned,
            mentions_me: self.mentions.contains(&viewer.id),
        }
    }

    /// The post it answers, as `viewer` sees its author.
    fn quote(&self, naming: Naming, viewer: Viewer) -> Option<Quote> {
        let (id, author) = (self.parent_id?, self.parent_author?);
        let (first, last) = (self.parent_first.as_deref().unwrap_or_default(), self.parent_last.as_deref().unwrap_or_default());
        let plain = self.parent_plain.as_deref().unwrap_or_default();
        let mut snippet: String = plain.chars().take(QUOTE_CHARS).collect();
        if plain.chars().nth(QUOTE_CHARS).is_some() {
            snippet.push('…');
        }
        Some(Quote { id, author_name: naming.name(viewer, author, first, last), snippet })
    }

    pub fn is_post(&self) -> bool {
        self.parent_id.is_none()
    }

    pub fn is_unread(&self) -> bool {
        self.unread
    }

    pub fn author(&self) -> UserId {
        self.author_id
    }

    pub fn created_at(&self) -> OffsetDateTime {
        self.created_at
    }
}

/// How a removed participant's kept messages are signed.
pub const FORMER_MEMBER: &str = "Former participant";

/// How much of a post a reply quotes.
const QUOTE_CHARS: usize = 80;

/// The message an author already sent under this client id, if any, and where.
pub async fn by_client_id(
    conn: &mut PgConnection,
    author: UserId,
    client_id: ClientMessageId,
) -> Result<Option<(MessageId, ConversationId)>, AppError> {
    let row = sqlx::query!(
        r#"SELECT id AS "id: MessageId", conversation_id AS "conversation_id: ConversationId" FROM messages WHERE author_id = $1 AND client_id = $2"#,
        author as UserId,
        client_id as ClientMessageId,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.id, r.conversation_id)))
}

pub struct NewMessage<'a> {
    pub org: OrgId,
    pub conversation: ConversationId,
    pub author: UserId,
    pub client_id: ClientMessageId,
    pub body: &'a str,
    pub html: &'a str,
    pub plain: &'a str,
    pub context: Option<&'a MessageContext>,
    pub reply_to: Option<MessageId>,
    pub mentions: &'a [UserId],
}

/// A message's new text, in each of its forms, and whom it now mentions.
pub struct Edit<'a> {
    pub body: &'a str,
    pub html: &'a str,
    pub plain: &'a str,
    pub mentions: &'a [UserId],
}

/// Inserts the message and answers with it; `None` when its client id was used before (a
/// retry, or a concurrent one that committed first).
pub async fn insert(conn: &mut PgConnection, new: &NewMessage<'_>) -> Result<Option<MessageRow>, AppError> {
    let row = sqlx::query_as!(
        MessageRow,
        r#"WITH inserted AS (
               INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, plain, context_title, context_url, parent_id, mentions)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
               ON CONFLICT (author_id, client_id) DO NOTHING
               RETURNING id, client_id, author_id, body, body_html, plain, context_title, context_url, created_at, parent_id, mentions)
           SELECT i.id AS "id!: MessageId", i.client_id AS "client_id!: ClientMessageId", i.author_id AS "author_id!: UserId",
                  u.first_name AS author_first, u.last_name AS author_last, u.avatar AS author_avatar, true AS "author_present!", i.body AS "body!", i.body_html AS "html!",
                  i.plain AS "plain!", i.context_title, i.context_url, i.created_at AS "created_at!",
                  i.parent_id AS "parent_id: MessageId", p.author_id AS "parent_author?: UserId", pu.first_name AS "parent_first?",
                  pu.last_name AS "parent_last?", p.plain AS "parent_plain?", false AS "edited!", false AS "pinned!",
                  i.mentions AS "mentions!: Vec<UserId>", false AS "unread!"
           FROM inserted i JOIN users u ON u.id = i.author_id
           LEFT JOIN messages p ON p.id = i.parent_id LEFT JOIN users pu ON pu.id = p.author_id"#,
        MessageId::new() as MessageId,
        new.org as OrgId,
        new.conversation as ConversationId,
        new.author as UserId,
        new.client_id as ClientMessageId,
        new.body,
        new.html,
        new.plain,
        new.context.map(|c| c.title.as_str()),
        new.context.and_then(|c| c.url.as_deref()),
        new.reply_to as Option<MessageId>,
        new.mentions as &[UserId],
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// One message from `author` in each of `conversations`; returns their ids.
pub async fn insert_each(
    conn: &mut PgConnection,
    org: OrgId,
    author: UserId,
    conversations: &[ConversationId],
    body: &MessageBody,
) -> Result<Vec<MessageId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, plain)
           SELECT gen_random_uuid(), $1, c, $2, gen_random_uuid(), $4, $5, $6 FROM unnest($3::uuid[]) AS c
           RETURNING id AS "id: MessageId""#,
        org as OrgId,
        author as UserId,
        conversations as &[ConversationId],
        body.as_str(),
        body.to_html(),
        body.to_plain(),
    )
    .fetch_all(conn)
    .await?)
}

/// These messages, in no particular order; missing ids are left out.
pub async fn get_many(conn: impl sqlx::PgExecutor<'_>, ids: &[MessageId]) -> Result<Vec<MessageRow>, AppError> {
    Ok(sqlx::query_as!(
        MessageRow,
        r#"SELECT m.id AS "id: MessageId", m.client_id AS "client_id: ClientMessageId",
                  m.author_id AS "author_id: UserId", u.first_name AS author_first, u.last_name AS author_last, u.avatar AS author_avatar,
                  EXISTS (SELECT 1 FROM conversation_members am WHERE am.conversation_id = m.conversation_id AND am.user_id = m.author_id) AS "author_present!",
                  m.body, m.body_html AS html, m.plain,
                  m.context_title, m.context_url, m.created_at,
                  m.parent_id AS "parent_id: MessageId", p.author_id AS "parent_author?: UserId", pu.first_name AS "parent_first?",
                  pu.last_name AS "parent_last?", p.plain AS "parent_plain?", m.edited_at IS NOT NULL AS "edited!", m.pinned_at IS NOT NULL AS "pinned!", m.mentions AS "mentions: Vec<UserId>", false AS "unread!"
           FROM messages m JOIN users u ON u.id = m.author_id
           LEFT JOIN messages p ON p.id = m.parent_id LEFT JOIN users pu ON pu.id = p.author_id
           WHERE m.id = ANY($1) AND m.deleted_at IS NULL"#,
        ids as &[MessageId],
    )
    .fetch_all(conn)
    .await?)
}

pub async fn get(conn: &mut PgConnection, id: MessageId) -> Result<MessageRow, AppError> {
    get_many(conn, &[id]).await?.pop().ok_or(AppError::NotFound)
}

/// Up to `limit` messages the reader sees before `before` (or the newest), newest first, by
/// keyset, each saying whether it is unread for them.
pub async fn page(
    conn: &mut PgConnection,
    conversation: ConversationId,
    before: Option<MessageId>,
    reader: UserId,
    limit: i64,
) -> Result<Vec<MessageRow>, AppError> {
    Ok(sqlx::query_as!(
        MessageRow,
        r#"SELECT m.id AS "id: MessageId", m.client_id AS "client_id: ClientMessageId",
                  m.author_id AS "author_id: UserId", u.first_name AS author_first, u.last_name AS author_last, u.avatar AS author_avatar,
                  EXISTS (SELECT 1 FROM conversation_members am WHERE am.conversation_id = m.conversation_id AND am.user_id = m.author_id) AS "author_present!",
                  m.body, m.body_html AS html, m.plain,
                  m.context_title, m.context_url, m.created_at,
                  m.parent_id AS "parent_id: MessageId", p.author_id AS "parent_author?: UserId", pu.first_name AS "parent_first?",
                  pu.last_name AS "parent_last?", p.plain AS "parent_plain?", m.edited_at IS NOT NULL AS "edited!", m.pinned_at IS NOT NULL AS "pinned!", m.mentions AS "mentions: Vec<UserId>",
                  unread_for_member(r.user_id, r.read_position, r.cleared_at, m.author_id, m.created_at, m.deleted_at) AS "unread!"
           FROM messages m JOIN users u ON u.id = m.author_id
           LEFT JOIN messages p ON p.id = m.parent_id LEFT JOIN users pu ON pu.id = p.author_id
           JOIN conversation_members r ON r.conversation_id = m.conversation_id AND r.user_id = $3
           WHERE m.conversation_id = $1 AND m.deleted_at IS NULL
             AND ($2::uuid IS NULL OR (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = $2 AND conversation_id = $1))
             AND visible_to_member(m.created_at, r.cleared_at)
           ORDER BY m.created_at DESC, m.id DESC LIMIT $4"#,
        conversation as ConversationId,
        before as Option<MessageId>,
        reader as UserId,
        limit,
    )
    .fetch_all(conn)
    .await?)
}

/// The key of the page that shows `at` with `after` newer messages (posts, in a feed, where a
/// reply stands by its post): the next newer one, which that page stops before. `None` when
/// there are not that many, or `at` is not one the reader sees: the newest page then.
pub async fn page_around(
    conn: &mut PgConnection,
    conversation: ConversationId,
    at: MessageId,
    reader: UserId,
    after: i64,
    feed: bool,
) -> Result<Option<MessageId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"WITH anchor AS (
               SELECT COALESCE(p.created_at, a.created_at) AS created_at, COALESCE(p.id, a.id) AS id
               FROM messages a LEFT JOIN messages p ON $5 AND p.id = a.parent_id
               -- A feed's pinned posts show on its newest page.
               WHERE a.id = $2 AND a.conversation_id = $1 AND a.deleted_at IS NULL
                 AND NOT ($5 AND COALESCE(p.pinned_at, a.pinned_at) IS NOT NULL))
           SELECT m.id AS "id: MessageId"
           FROM messages m JOIN conversation_members r ON r.conversation_id = m.conversation_id AND r.user_id = $3, anchor
           WHERE m.conversation_id = $1 AND m.deleted_at IS NULL AND visible_to_member(m.created_at, r.cleared_at)
             AND visible_to_member(anchor.created_at, r.cleared_at)
             AND (NOT $5 OR (m.parent_id IS NULL AND m.pinned_at IS NULL))
             AND (m.created_at, m.id) > (anchor.created_at, anchor.id)
           ORDER BY m.created_at, m.id OFFSET $4 LIMIT 1"#,
        conversation as ConversationId,
        at as MessageId,
        reader as UserId,
        after,
        feed,
    )
    .fetch_optional(conn)
    .await?)
}

/// Up to `limit` posts of a feed the member sees before `before` (or the newest), newest
/// first, by keyset; pinned posts are not among them (see [`pinned_posts`]).
pub async fn feed_posts(
    conn: &mut PgConnection,
    conversation: ConversationId,
    before: Option<MessageId>,
    cleared_at: Option<OffsetDateTime>,
    limit: i64,
) -> Result<Vec<MessageId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT m.id AS "id: MessageId" FROM messages m
           WHERE m.conversation_id = $1 AND m.parent_id IS NULL AND m.pinned_at IS NULL AND m.deleted_at IS NULL
             AND ($2::uuid IS NULL OR (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = $2 AND conversation_id = $1))
             AND visible_to_member(m.created_at, $3)
           ORDER BY m.created_at DESC, m.id DESC LIMIT $4"#,
        conversation as ConversationId,
        before as Option<MessageId>,
        cleared_at,
        limit,
    )
    .fetch_all(conn)
    .await?)
}

/// The pinned posts of a feed that the member sees.
pub async fn pinned_posts(
    conn: &mut PgConnection,
    conversation: ConversationId,
    cleared_at: Option<OffsetDateTime>,
) -> Result<Vec<MessageId>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT m.id AS "id: MessageId" FROM messages m
           WHERE m.conversation_id = $1 AND m.pinned_at IS NOT NULL AND visible_to_member(m.created_at, $2)"#,
        conversation as ConversationId,
        cleared_at,
    )
    .fetch_all(conn)
    .await?)
}

/// These posts and the replies to them that the member sees, newest first. The posts were
/// read from one conversation, and replies share their post's (a foreign key says so), so
/// the rows are found through the posts' ids alone: a plan made for a typical conversation
/// never walks a long one's history.
pub async fn threads(conn: &mut PgConnection, posts: &[MessageId], reader: UserId) -> Result<Vec<MessageRow>, AppError> {
    Ok(sqlx::query_as!(
        MessageRow,
        r#"SELECT m.id AS "id: MessageId", m.client_id AS "client_id: ClientMessageId",
                  m.author_id AS "author_id: UserId", u.first_name AS author_first, u.last_name AS author_last, u.avatar AS author_avatar,
                  EXISTS (SELECT 1 FROM conversation_members am WHERE am.conversation_id = m.conversation_id AND am.user_id = m.author_id) AS "author_present!",
                  m.body, m.body_html AS html, m.plain,
                  m.context_title, m.context_url, m.created_at,
                  m.parent_id AS "parent_id: MessageId", p.author_id AS "parent_author?: UserId", pu.first_name AS "parent_first?",
                  pu.last_name AS "parent_last?", p.plain AS "parent_plain?", m.edited_at IS NOT NULL AS "edited!", m.pinned_at IS NOT NULL AS "pinned!", m.mentions AS "mentions: Vec<UserId>",
                  unread_for_member(r.user_id, r.read_position, r.cleared_at, m.author_id, m.created_at, m.deleted_at) AS "unread!"
           FROM messages m JOIN users u ON u.id = m.author_id
           LEFT JOIN messages p ON p.id = m.parent_id LEFT JOIN users pu ON pu.id = p.author_id
           JOIN conversation_members r ON r.conversation_id = m.conversation_id AND r.user_id = $2
           WHERE (m.id = ANY($1) OR m.parent_id = ANY($1)) AND m.deleted_at IS NULL AND visible_to_member(m.created_at, r.cleared_at)
           ORDER BY m.created_at DESC, m.id DESC"#,
        posts as &[MessageId],
        reader as UserId,
    )
    .fetch_all(conn)
    .await?)
}

/// Whether a message of the conversation can be replied to: a post, not deleted. `None` when
/// there is no such message.
pub async fn answerable(conn: &mut PgConnection, conversation: ConversationId, message: MessageId) -> Result<Option<bool>, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT parent_id IS NULL AND deleted_at IS NULL AS "answerable!" FROM messages WHERE id = $2 AND conversation_id = $1"#,
        conversation as ConversationId,
        message as MessageId,
    )
    .fetch_optional(conn)
    .await?)
}

/// The earliest read position among the members other than `user`: what everyone has seen.
pub async fn others_position(
    conn: &mut PgConnection,
    conversation: ConversationId,
    user: UserId,
) -> Result<Option<OffsetDateTime>, AppError> {
    Ok(sqlx::query_scalar!(
        "SELECT CASE WHEN bool_and(read_position IS NOT NULL) THEN min(read_position) END
         FROM conversation_members WHERE conversation_id = $1 AND user_id <> $2",
        conversation as ConversationId,
        user as UserId,
    )
    .fetch_one(conn)
    .await?)
}

pub struct SeenRow {
    pub user: UserId,
    pub first_name: String,
    pub last_name: String,
    pub at: OffsetDateTime,
}

/// Who has read up to `message`, and when they last read, excluding its author.
pub async fn seen_by(conn: &mut PgConnection, conversation: ConversationId, message: MessageId) -> Result<Vec<SeenRow>, AppError> {
    Ok(sqlx::query_as!(
        SeenRow,
        r#"SELECT u.id AS "user: UserId", u.first_name, u.last_name, m.last_read_at AS "at!"
           FROM messages x
           JOIN conversation_members m ON m.conversation_id = x.conversation_id AND m.user_id <> x.author_id
           JOIN users u ON u.id = m.user_id
           WHERE x.id = $2 AND x.conversation_id = $1 AND m.read_position >= x.created_at
           ORDER BY m.last_read_at"#,
        conversation as ConversationId,
        message as MessageId,
    )
    .fetch_all(conn)
    .await?)
}

pub async fn author_of(conn: &mut PgConnection, conversation: ConversationId, message: MessageId) -> Result<UserId, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT author_id AS "author_id: UserId" FROM messages WHERE id = $2 AND conversation_id = $1 AND deleted_at IS NULL"#,
        conversation as ConversationId,
        message as MessageId,
    )
    .fetch_one(conn)
    .await?)
}

/// A message as it was before it was deleted: what the stored inbox state needs to forget it.
pub struct Deleted {
    pub id: MessageId,
    pub author: UserId,
    pub at: OffsetDateTime,
}

/// Deletes a message, and, for a post, the replies under it: the rows stay, so receipts stay
/// in place, but the text is gone and nobody is shown them. Empty when a concurrent delete
/// got there first.
pub async fn soft_delete(conn: &mut PgConnection, conversation: ConversationId, message: MessageId) -> Result<Vec<Deleted>, AppError> {
    Ok(sqlx::query_as!(
        Deleted,
        r#"UPDATE messages SET deleted_at = clock_timestamp(), body = '', body_html = '', plain = '', pinned_at = NULL
           WHERE conversation_id = $1 AND (id = $2 OR parent_id = $2) AND deleted_at IS NULL
           RETURNING id AS "id: MessageId", author_id AS "author: UserId", created_at AS at"#,
        conversation as ConversationId,
        message as MessageId,
    )
    .fetch_all(conn)
    .await?)
}

pub async fn edit(conn: &mut PgConnection, message: MessageId, edit: &Edit<'_>) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE messages SET body = $2, body_html = $3, plain = $4, mentions = $5, edited_at = clock_timestamp()
         WHERE id = $1 AND deleted_at IS NULL",
        message as MessageId,
        edit.body,
        edit.html,
        edit.plain,
        edit.mentions as &[UserId],
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Pins or unpins a post of the conversation; false when there is no such post.
pub async fn set_pinned(conn: &mut PgConnection, conversation: ConversationId, message: MessageId, pinned: bool) -> Result<bool, AppError> {
    let changed = sqlx::query!(
        "UPDATE messages SET pinned_at = CASE WHEN $3 THEN coalesce(pinned_at, clock_timestamp()) END
         WHERE id = $2 AND conversation_id = $1 AND parent_id IS NULL AND deleted_at IS NULL",
        conversation as ConversationId,
        message as MessageId,
        pinned,
    )
    .execute(conn)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Deletes everything `author` wrote in the conversation, and the threads under their posts.
pub async fn soft_delete_by(conn: &mut PgConnection, conversation: ConversationId, author: UserId) -> Result<Vec<Deleted>, AppError> {
    Ok(sqlx::query_as!(
        Deleted,
        r#"UPDATE messages SET deleted_at = clock_timestamp(), body = '', body_html = '', plain = '', pinned_at = NULL
           WHERE conversation_id = $1 AND deleted_at IS NULL
             AND (author_id = $2 OR parent_id IN (SELECT id FROM messages WHERE conversation_id = $1 AND author_id = $2 AND parent_id IS NULL))
           RETURNING id AS "id: MessageId", author_id AS "author: UserId", created_at AS at"#,
        conversation as ConversationId,
        author as UserId,
    )
    .fetch_all(conn)
    .await?)
}
