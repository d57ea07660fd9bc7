-- Writers of several member rows take the conversations' locks first (migration 0008); the
-- course chats' sync did not. And a conversation's last message is one of its own messages.

CREATE OR REPLACE FUNCTION sync_course_chats(for_course uuid, for_person uuid)
RETURNS TABLE (conversation_id uuid, user_id uuid, joined boolean)
LANGUAGE sql VOLATILE AS $$
    INSERT INTO conversations (id, org_id, kind, course_id, title, roster)
    SELECT gen_random_uuid(), c.org_id, 'group', c.id, c.title, 'cohort'
    FROM courses c WHERE c.id = for_course AND c.course_chats
    ON CONFLICT (course_id) WHERE roster = 'cohort' DO NOTHING;

    INSERT INTO conversations (id, org_id, kind, course_id, team_id, title, roster)
    SELECT gen_random_uuid(), t.org_id, 'group', t.course_id, t.id, t.name, 'team'
    FROM teams t JOIN courses c ON c.id = t.course_id
    WHERE t.course_id = for_course AND c.course_chats
    ON CONFLICT (team_id) WHERE roster = 'team' DO NOTHING;

    -- Member rows of several conversations are written: their locks first, as every such
    -- writer takes them, so that a send committing meanwhile neither deadlocks with this nor
    -- moves the history that newcomers start with as read.
    SELECT lock_conversations(ARRAY(SELECT v.id FROM conversations v WHERE v.course_id = for_course AND v.roster IS NOT NULL));

    WITH chats AS (
        SELECT v.id, v.org_id, v.roster, v.team_id, v.last_message_id
        FROM conversations v JOIN courses c ON c.id = v.course_id
        WHERE v.course_id = for_course AND v.roster IS NOT NULL AND c.course_chats
    ), wanted AS (
        SELECT v.id, v.org_id, v.last_message_id, e.user_id
        FROM chats v JOIN enrolments e ON e.course_id = for_course
        WHERE v.roster = 'cohort' AND (for_person IS NULL OR e.user_id = for_person)
        UNION ALL
        SELECT v.id, v.org_id, v.last_message_id, m.user_id
        FROM chats v JOIN team_members m ON m.team_id = v.team_id
        WHERE v.roster = 'team' AND (for_person IS NULL OR m.user_id = for_person)
    ), joined AS (
        INSERT INTO conversation_members AS m (org_id, conversation_id, user_id, last_read_message_id, read_position, last_read_at)
        SELECT w.org_id, w.id, w.user_id, w.last_message_id, x.created_at, x.created_at
        FROM wanted w LEFT JOIN messages x ON x.id = w.last_message_id
        ON CONFLICT DO NOTHING
        RETURNING m.conversation_id, m.user_id
    ), gone AS (
        DELETE FROM conversation_members m USING chats v
        WHERE m.conversation_id = v.id AND (for_person IS NULL OR m.user_id = for_person)
          AND NOT EXISTS (SELECT FROM wanted w WHERE w.id = m.conversation_id AND w.user_id = m.user_id)
        RETURNING m.conversation_id, m.user_id
    )
    SELECT j.conversation_id, j.user_id, true FROM joined j
    UNION ALL
    SELECT g.conversation_id, g.user_id, false FROM gone g
$$;

ALTER TABLE conversations ADD CONSTRAINT conversations_last_message
    FOREIGN KEY (id, last_message_id) REFERENCES messages (conversation_id, id);
