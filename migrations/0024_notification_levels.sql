-- How much each member hears of a conversation: everything, only what mentions them, or
-- nothing; and, for "everything", a mute until a set time, during which mentions still get
-- through. Emails follow it from the send on.
CREATE TYPE notify_level AS ENUM ('all', 'mentions', 'nothing');
ALTER TABLE conversation_members
    ADD COLUMN notify notify_level NOT NULL DEFAULT 'all',
    ADD COLUMN muted_until timestamptz;

-- Whether a message reaches a member, by their level, their mute and whether it mentions them.
CREATE FUNCTION notifies(level notify_level, muted_until timestamptz, mentioned boolean) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE level
               WHEN 'nothing' THEN false
               WHEN 'mentions' THEN mentioned
               ELSE mentioned OR muted_until IS NULL OR muted_until <= now()
           END
$$;

-- What a send writes (migration 0009), in statements that each do one thing: the preview, the
-- recipients' counters, the sender's read pointer with a recount of what others said after
-- their message, and the email outbox for those whom the message notifies. The same counters
-- as one statement with a recount per row, in about half the time for a broadcast's
-- thousands of chats.
CREATE OR REPLACE FUNCTION record_sends(sent_conversations uuid[], sent_messages uuid[], sender uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_conversations(sent_conversations);

    WITH sent AS (SELECT id, conversation_id, created_at, plain FROM messages WHERE id = ANY(sent_messages))
    UPDATE conversations c SET last_message_at = sent.created_at, last_message_id = sent.id, last_preview = preview_of(sent.plain)
    FROM sent WHERE c.id = sent.conversation_id AND c.last_message_at <= sent.created_at;

    WITH sent AS (SELECT id, conversation_id, author_id, created_at, deleted_at FROM messages WHERE id = ANY(sent_messages))
    UPDATE conversation_members m SET hidden = false,
           unread_count = m.unread_count
               + unread_for_member(m.user_id, m.read_position, m.cleared_at, sent.author_id, sent.created_at, sent.deleted_at)::integer
    FROM sent WHERE m.conversation_id = sent.conversation_id AND m.user_id <> sender;

    WITH sent AS (SELECT id, conversation_id, created_at FROM messages WHERE id = ANY(sent_messages)),
         later AS (
             SELECT m.conversation_id, count(*)::integer AS unread
             FROM sent JOIN conversation_members m ON m.conversation_id = sent.conversation_id AND m.user_id = sender
             JOIN messages x ON x.conversation_id = sent.conversation_id AND x.created_at > sent.created_at
             WHERE unread_for_member(m.user_id, m.read_position, m.cleared_at, x.author_id, x.created_at, x.deleted_at)
             GROUP BY m.conversation_id)
    UPDATE conversation_members m SET hidden = false, unread_count = COALESCE(later.unread, 0),
           last_read_message_id = CASE WHEN sent.created_at > COALESCE(m.read_position, '-infinity') THEN sent.id
                                       ELSE m.last_read_message_id END,
           read_position = GREATEST(m.read_position, sent.created_at),
           last_read_at = clock_timestamp()
    FROM sent LEFT JOIN later ON later.conversation_id = sent.conversation_id
    WHERE m.conversation_id = sent.conversation_id AND m.user_id = sender;

    WITH sent AS (SELECT conversation_id, mentions FROM messages WHERE id = ANY(sent_messages))
    INSERT INTO email_outbox (id, org_id, recipient_id, conversation_id)
    SELECT gen_random_uuid(), m.org_id, m.user_id, m.conversation_id
    FROM sent JOIN conversation_members m ON m.conversation_id = sent.conversation_id
    WHERE m.user_id <> sender AND notifies(m.notify, m.muted_until, m.user_id = ANY(sent.mentions))
    ON CONFLICT (recipient_id, conversation_id) WHERE done_at IS NULL DO NOTHING;
END
$$;
