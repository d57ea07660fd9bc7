-- Each member's unread count, kept beside the read pointer so an inbox never counts messages.

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
