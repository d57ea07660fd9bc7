-- What an inbox row shows, kept where the inbox reads it, so that listing conversations
-- never touches the messages table: each member's unread count beside their read pointer,
-- and each conversation's last message.

ALTER TABLE conversations ADD COLUMN last_message_id uuid, ADD COLUMN last_preview text;

UPDATE conversations c SET last_message_id = l.id, last_preview = CASE WHEN l.deleted_at IS NULL THEN left(l.body, 200) END
FROM (SELECT DISTINCT ON (conversation_id) conversation_id, id, body, deleted_at
      FROM messages ORDER BY conversation_id, created_at DESC, id DESC) l
WHERE l.conversation_id = c.id;

ALTER TABLE conversation_members ADD COLUMN unread_count integer NOT NULL DEFAULT 0;

-- Messages by others, not deleted, after the member's read position and after they cleared
-- the chat: the one definition of "unread", for the counter and for notification emails.
CREATE FUNCTION unread_messages(conversation uuid, member uuid) RETURNS SETOF messages
LANGUAGE sql STABLE AS $$
    SELECT x.*
    FROM conversation_members m
    JOIN messages x ON x.conversation_id = m.conversation_id
    WHERE m.conversation_id = conversation AND m.user_id = member
      AND x.author_id <> member AND x.deleted_at IS NULL
      AND x.created_at > COALESCE(GREATEST(m.read_position, m.cleared_at), '-infinity')
$$;

CREATE FUNCTION count_unread(conversation uuid, member uuid) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT count(*)::integer FROM unread_messages(conversation, member)
$$;

UPDATE conversation_members SET unread_count = count_unread(conversation_id, user_id);
