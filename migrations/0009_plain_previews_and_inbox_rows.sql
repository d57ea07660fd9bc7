-- Previews are text as people read it, not Markdown; and one definition of an inbox row serves
-- the inbox page and the live events that move a row.

-- A message's text without Markdown syntax, written beside its body by the server.
ALTER TABLE messages ADD COLUMN plain text NOT NULL DEFAULT '';

-- Messages from before this column: their cleaned HTML with the tags taken out.
UPDATE messages SET plain = replace(replace(replace(replace(replace(
        btrim(regexp_replace(regexp_replace(body_html, '<[^>]*>', ' ', 'g'), '\s+', ' ', 'g')),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&');

-- What an inbox shows of a message.
CREATE FUNCTION preview_of(plain text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT left(plain, 200) $$;

UPDATE conversations c SET last_preview = preview_of(m.plain)
FROM messages m WHERE m.id = c.last_message_id AND m.deleted_at IS NULL;

CREATE OR REPLACE FUNCTION record_sends(sent_conversations uuid[], sent_messages uuid[], sender uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM lock_conversations(sent_conversations);

    WITH sent AS (SELECT id, conversation_id, author_id, created_at, deleted_at, plain FROM messages WHERE id = ANY(sent_messages)),
         moved AS (UPDATE conversations c SET last_message_at = sent.created_at, last_message_id = sent.id, last_preview = preview_of(sent.plain)
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

-- Each conversation of these viewers as their inbox shows it: the stored preview and unread
-- count, and for a chat without a title the other person to name it by (a learner first).
-- Hidden rows are included, for callers that need to know a row left an inbox.
CREATE FUNCTION inbox_rows(viewers uuid[])
RETURNS TABLE (viewer uuid, viewer_role org_role, hidden boolean, id uuid, kind conversation_kind, title text,
               other_name text, other_avatar text, preview text, last_message_at timestamptz, unread integer)
LANGUAGE sql STABLE AS $$
    SELECT m.user_id, u.role, m.hidden, c.id, c.kind, c.title, other.name, other.avatar,
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
