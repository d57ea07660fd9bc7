-- Shared chats and announcement channels.
--
-- A shared chat is a staff member's direct chat with a learner that its owner shared with
-- teammates: it keeps its direct key, so the pair's "new message" still finds it, until a
-- second learner makes it a group. Staff pick teammates with whom each new direct chat of
-- theirs is shared from the start (`default_shares`).
--
-- An announcement channel is everyone of one course role, in one course or in any course of
-- the organisation; its people follow enrolments (`sync_channels`), like course chats.

ALTER TABLE conversations DROP CONSTRAINT conversations_direct_key_kind,
    ADD CONSTRAINT conversations_direct_key_kind CHECK ((direct_key IS NOT NULL) = (kind IN ('direct', 'shared')));

CREATE TABLE default_shares (
    org_id uuid NOT NULL,
    owner_id uuid NOT NULL,
    teammate_id uuid NOT NULL,
    PRIMARY KEY (owner_id, teammate_id),
    CHECK (owner_id <> teammate_id),
    FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id),
    FOREIGN KEY (org_id, teammate_id) REFERENCES users (org_id, id)
);

-- The active teammates with whom each new direct chat of `owner`'s is shared.
CREATE FUNCTION default_teammates(owner uuid) RETURNS SETOF uuid
LANGUAGE sql STABLE AS $$
    SELECT s.teammate_id FROM default_shares s JOIN users u ON u.id = s.teammate_id WHERE s.owner_id = owner AND u.active
$$;

ALTER TABLE conversations ADD COLUMN channel_role course_role,
    ADD CONSTRAINT conversations_channel_role CHECK ((channel_role IS NOT NULL) = (kind = 'channel'));
CREATE UNIQUE INDEX conversations_course_channel ON conversations (course_id, channel_role) WHERE kind = 'channel' AND course_id IS NOT NULL;
CREATE UNIQUE INDEX conversations_org_channel ON conversations (org_id, channel_role) WHERE kind = 'channel' AND course_id IS NULL;

-- Brings announcement channels in line with enrolments: a course's (or, with `for_course`
-- NULL, none), and the organisation's own, for everyone or for `for_person` only. The
-- organisation is `for_org`, or else the course's. Members
-- are the channel's owner and everyone enrolled in its role, in its course or, for an
-- organisation's channel, in any of its courses. Newcomers start with the history read; who
-- no longer belongs leaves. Returns each membership that changed.
CREATE FUNCTION sync_channels(for_org uuid, for_course uuid, for_person uuid)
RETURNS TABLE (conversation_id uuid, user_id uuid, joined boolean)
LANGUAGE sql VOLATILE AS $$
    SELECT lock_conversations(ARRAY(
        SELECT v.id FROM conversations v
        WHERE v.org_id = COALESCE(for_org, (SELECT c.org_id FROM courses c WHERE c.id = for_course))
          AND v.kind = 'channel' AND (v.course_id IS NULL OR v.course_id = for_course)));

    WITH chans AS (
        SELECT v.id, v.org_id, v.course_id, v.channel_role, v.owner_id, v.last_message_id
        FROM conversations v
        WHERE v.org_id = COALESCE(for_org, (SELECT c.org_id FROM courses c WHERE c.id = for_course))
          AND v.kind = 'channel' AND (v.course_id IS NULL OR v.course_id = for_course)
    ), wanted AS (
        SELECT DISTINCT v.id, v.org_id, v.last_message_id, e.user_id
        FROM chans v JOIN enrolments e ON e.org_id = v.org_id AND e.role = v.channel_role
                                        AND (v.course_id IS NULL OR e.course_id = v.course_id)
        WHERE for_person IS NULL OR e.user_id = for_person
        UNION
        SELECT v.id, v.org_id, v.last_message_id, v.owner_id
        FROM chans v WHERE for_person IS NULL OR v.owner_id = for_person
    ), joined AS (
        INSERT INTO conversation_members AS m (org_id, conversation_id, user_id, last_read_message_id, read_position, last_read_at)
        SELECT w.org_id, w.id, w.user_id, w.last_message_id, x.created_at, x.created_at
        FROM wanted w LEFT JOIN messages x ON x.id = w.last_message_id
        ON CONFLICT DO NOTHING
        RETURNING m.conversation_id, m.user_id
    ), gone AS (
        DELETE FROM conversation_members m USING chans v
        WHERE m.conversation_id = v.id AND (for_person IS NULL OR m.user_id = for_person)
          AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = m.conversation_id AND w.user_id = m.user_id)
        RETURNING m.conversation_id, m.user_id
    )
    SELECT j.conversation_id, j.user_id, true FROM joined j
    UNION ALL
    SELECT g.conversation_id, g.user_id, false FROM gone g
$$;

-- Course announcements: posts on a course's page, newest first, apart from its messages.
CREATE TABLE announcements (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    course_id uuid NOT NULL,
    author_id uuid NOT NULL,
    body text NOT NULL,
    body_html text NOT NULL,
    plain text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    edited_at timestamptz,
    FOREIGN KEY (org_id, course_id) REFERENCES courses (org_id, id),
    FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id)
);
CREATE INDEX announcements_course ON announcements (course_id, created_at DESC, id DESC);

-- A shared chat's title: its learner and how many more.
DROP FUNCTION inbox_rows(uuid[]);
CREATE FUNCTION inbox_rows(viewers uuid[])
RETURNS TABLE (viewer uuid, viewer_role org_role, hidden boolean, id uuid, kind conversation_kind, title text,
               other_name text, other_avatar text, preview text, last_message_at timestamptz, unread integer,
               mentioned boolean)
LANGUAGE sql STABLE AS $$
    SELECT m.user_id, u.role, m.hidden, c.id, c.kind, c.title,
           CASE WHEN c.kind = 'shared' AND other.others > 1 THEN other.name || ' +' || (other.others - 1) || ' more' ELSE other.name END,
           COALESCE(c.avatar, other.avatar),
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
    -- members does not sort them for each of its viewers. A shared chat is named after its
    -- learner and how many more are in it: "Ada Okafor +2 more".
    LEFT JOIN LATERAL (
        SELECT full_name(ou.first_name, ou.last_name) AS name, ou.avatar, count(*) OVER () AS others
        FROM conversation_members om JOIN users ou ON ou.id = om.user_id
        WHERE c.title IS NULL AND om.conversation_id = c.id AND om.user_id <> m.user_id
        ORDER BY ou.role = 'learner' DESC, c.owner_id IS NOT DISTINCT FROM ou.id DESC, ou.last_name, ou.first_name LIMIT 1) other ON true
    WHERE m.user_id = ANY(viewers)
$$;

-- Each learner of the course gets an email about a new announcement, through the same outbox
-- and worker as messages: a row is about a conversation or about an announcement.
ALTER TABLE email_outbox ALTER COLUMN conversation_id DROP NOT NULL,
    ADD COLUMN announcement_id uuid REFERENCES announcements (id) ON DELETE CASCADE,
    ADD CONSTRAINT email_outbox_about_one CHECK ((conversation_id IS NULL) <> (announcement_id IS NULL));
