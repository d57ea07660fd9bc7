-- An inbox row says whether the viewer's unread messages there mention them. Only the chat's
-- messages that mention someone, after the viewer's read position, are looked at, through an
-- index of just those: neither the chat's other unread messages nor the viewer's mentions
-- elsewhere (an index of whom messages name would walk every mention of the viewer, in every
-- chat, for each row).
CREATE INDEX messages_mentions ON messages (conversation_id, created_at) WHERE mentions <> '{}';

DROP FUNCTION inbox_rows(uuid[]);
CREATE FUNCTION inbox_rows(viewers uuid[])
RETURNS TABLE (viewer uuid, viewer_role org_role, hidden boolean, id uuid, kind conversation_kind, title text,
               other_name text, other_avatar text, preview text, last_message_at timestamptz, unread integer,
               mentioned boolean)
LANGUAGE sql STABLE AS $$
    SELECT m.user_id, u.role, m.hidden, c.id, c.kind, c.title, other.name, COALESCE(c.avatar, other.avatar),
           CASE WHEN visible_to_member(c.last_message_at, m.cleared_at) THEN c.last_preview END,
           c.last_message_at, m.unread_count,
           -- Asked only where something is unread.
           m.unread_count > 0 AND EXISTS (
               SELECT 1 FROM messages x
               WHERE x.mentions <> '{}' AND x.conversation_id = c.id AND m.user_id = ANY(x.mentions)
                 AND unread_for_member(m.user_id, m.read_position, m.cleared_at, x.author_id, x.created_at, x.deleted_at))
    FROM conversation_members m
    JOIN users u ON u.id = m.user_id
    JOIN conversations c ON c.id = m.conversation_id
    -- Only a chat without a title looks for the other person: a titled group of a thousand
    -- members does not sort them for each of its viewers.
    LEFT JOIN LATERAL (
        SELECT full_name(ou.first_name, ou.last_name) AS name, ou.avatar
        FROM conversation_members om JOIN users ou ON ou.id = om.user_id
        WHERE c.title IS NULL AND om.conversation_id = c.id AND om.user_id <> m.user_id
        ORDER BY ou.role = 'learner' DESC, ou.last_name LIMIT 1) other ON true
    WHERE m.user_id = ANY(viewers)
$$;
