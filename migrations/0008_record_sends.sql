-- What a send writes after its messages, in one call, so that the conversations it locks are
-- held for one round trip and the commit only: sends into one busy conversation queue
-- briefly instead of waiting on each other's network round trips.

-- The one lock order of every writer of several member rows: the conversations first, by id.
-- NO KEY UPDATE lets new messages keep referencing them meanwhile.
CREATE FUNCTION lock_conversations(ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM conversations WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
END
$$;

-- What a send writes: it takes the conversations' locks first (`lock_conversations`). Then each conversation moves
-- up every inbox with its message as the preview (unless a newer one got there first) and
-- comes back for those who deleted it; the message counts as unread for the others who have
-- not read past it (`unread_for_member`); the author has read everything up to it; and every
-- other member gets a notification email queued, or the message joins the one already waiting.
CREATE FUNCTION record_sends(sent_conversations uuid[], sent_messages uuid[], sender uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_conversations(sent_conversations);

    WITH sent AS (SELECT id, conversation_id, author_id, created_at, deleted_at, body FROM messages WHERE id = ANY(sent_messages)),
         moved AS (UPDATE conversations c SET last_message_at = sent.created_at, last_message_id = sent.id, last_preview = left(sent.body, 200)
                   FROM sent WHERE c.id = sent.conversation_id AND c.last_message_at <= sent.created_at)
    UPDATE conversation_members m SET hidden = false,
           unread_count = CASE
               WHEN m.user_id = sender THEN (
                   SELECT count(*)::integer FROM messages x
                   WHERE x.conversation_id = m.conversation_id AND x.created_at > sent.created_at
                     AND unread_for_member(m.user_id, m.read_position, m.cleared_at, x.author_id, x.created_at, x.deleted_at))
               WHEN unread_for_member(m.user_id, m.read_position, m.cleared_at, sent.author_id, sent.created_at, sent.deleted_at)
                   THEN m.unread_count + 1
               ELSE m.unread_count END,
           last_read_message_id = CASE WHEN m.user_id = sender AND sent.created_at > COALESCE(m.read_position, '-infinity')
                                       THEN sent.id ELSE m.last_read_message_id END,
           read_position = CASE WHEN m.user_id = sender THEN GREATEST(m.read_position, sent.created_at) ELSE m.read_position END,
           last_read_at = CASE WHEN m.user_id = sender THEN clock_timestamp() ELSE m.last_read_at END
    FROM sent
    WHERE m.conversation_id = sent.conversation_id;

    INSERT INTO email_outbox (id, org_id, recipient_id, conversation_id)
    SELECT gen_random_uuid(), m.org_id, m.user_id, m.conversation_id
    FROM conversation_members m
    WHERE m.conversation_id = ANY(sent_conversations) AND m.user_id <> sender
    ON CONFLICT (recipient_id, conversation_id) WHERE done_at IS NULL DO NOTHING;
END
$$;
