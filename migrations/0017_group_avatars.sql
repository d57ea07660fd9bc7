-- A group chat's picture: one of the provided pictures, or, with none, its initials. An
-- inbox row shows it where the chat has one, else the other person's, as before.
ALTER TABLE conversations ADD COLUMN avatar text;

CREATE OR REPLACE FUNCTION inbox_rows(viewers uuid[])
RETURNS TABLE (viewer uuid, viewer_role org_role, hidden boolean, id uuid, kind conversation_kind, title text,
               other_name text, other_avatar text, preview text, last_message_at timestamptz, unread integer)
LANGUAGE sql STABLE AS $$
    SELECT m.user_id, u.role, m.hidden, c.id, c.kind, c.title, other.name, COALESCE(c.avatar, other.avatar),
           CASE WHEN visible_to_member(c.last_message_at, m.cleared_at) THEN c.last_preview END,
           c.last_message_at, m.unread_count
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
