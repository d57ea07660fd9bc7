-- The repair of the stored inbox state, as one SQL function: the server's repair calls it, and
-- so can a migration that backfills (a migration cannot call the server). It recomputes every
-- stored counter and preview, of one conversation or (NULL) of all, from the messages, under
-- the conversations' locks, and says how many were wrong.
CREATE FUNCTION repair_inbox_state(only_conversation uuid, OUT counters bigint, OUT previews bigint)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_conversations(COALESCE(ARRAY[only_conversation], ARRAY(SELECT id FROM conversations)));
    UPDATE conversation_members SET unread_count = count_unread(conversation_id, user_id)
    WHERE (only_conversation IS NULL OR conversation_id = only_conversation)
      AND unread_count <> count_unread(conversation_id, user_id);
    GET DIAGNOSTICS counters = ROW_COUNT;
    UPDATE conversations c SET last_message_at = l.created_at, last_message_id = l.id,
           last_preview = CASE WHEN l.deleted_at IS NULL THEN preview_of(l.plain) END
    FROM (SELECT DISTINCT ON (conversation_id) conversation_id, id, plain, created_at, deleted_at
          FROM messages WHERE only_conversation IS NULL OR conversation_id = only_conversation
          ORDER BY conversation_id, created_at DESC, id DESC) l
    WHERE l.conversation_id = c.id
      AND (c.last_message_id IS DISTINCT FROM l.id OR c.last_message_at <> l.created_at
           OR c.last_preview IS DISTINCT FROM CASE WHEN l.deleted_at IS NULL THEN preview_of(l.plain) END);
    GET DIAGNOSTICS previews = ROW_COUNT;
END
$$;
