-- Who joins and who leaves a chat that follows a roster is one function for course chats and
-- announcement channels alike, and a channel's sync reaches only the channels a change can
-- touch. Member and conversation rows leave room on their pages for the updates every send
-- makes to them.

-- Every send rewrites the sender's and each recipient's member row and the conversation's
-- row; none of those columns is indexed, so with room on the page the new version stays
-- there (a HOT update) and no index grows. It applies to pages written from now on.
ALTER TABLE conversation_members SET (fillfactor = 70);
ALTER TABLE conversations SET (fillfactor = 70);

-- Adds each person of `people` to the chat at the same place of `chats` (two arrays read as
-- pairs), with the history so far read; a member already there stays as they are.
CREATE FUNCTION join_members(chats uuid[], people uuid[])
RETURNS TABLE (conversation_id uuid, user_id uuid)
LANGUAGE sql VOLATILE AS $$
    INSERT INTO conversation_members AS m (org_id, conversation_id, user_id, last_read_message_id, read_position, last_read_at)
    SELECT v.org_id, v.id, p.person, x.id, x.created_at, x.created_at
    FROM unnest(chats, people) AS p(chat, person)
    JOIN conversations v ON v.id = p.chat
    LEFT JOIN messages x ON x.id = v.last_message_id
    ON CONFLICT DO NOTHING
    RETURNING m.conversation_id, m.user_id
$$;

-- Makes the members of `chats` (those of them who are `for_person`, when given) exactly the
-- pairs of `want_chats` and `want_people`: the missing join with the history read, the others
-- leave, their messages staying. The chats' locks come first, as for every writer of several
-- member rows, so that no send moves the history that newcomers start with as read.
CREATE FUNCTION settle_members(chats uuid[], want_chats uuid[], want_people uuid[], for_person uuid)
RETURNS TABLE (conversation_id uuid, user_id uuid, joined boolean)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM lock_conversations(chats);
    RETURN QUERY SELECT j.conversation_id, j.user_id, true FROM join_members(want_chats, want_people) j;
    RETURN QUERY
        WITH wanted AS (SELECT w.chat, w.person FROM unnest(want_chats, want_people) AS w(chat, person)),
             gone AS (
                 DELETE FROM conversation_members m
                 WHERE m.conversation_id = ANY(chats) AND (for_person IS NULL OR m.user_id = for_person)
                   AND NOT EXISTS (SELECT FROM wanted w WHERE w.chat = m.conversation_id AND w.person = m.user_id)
                 RETURNING m.conversation_id AS chat, m.user_id AS person)
        SELECT g.chat, g.person, false FROM gone g;
END
$$;

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

    WITH chats AS (
        SELECT v.id, v.roster, v.team_id
        FROM conversations v JOIN courses c ON c.id = v.course_id
        WHERE v.course_id = for_course AND v.roster IS NOT NULL AND c.course_chats
    ), wanted AS (
        SELECT v.id, e.user_id
        FROM chats v JOIN enrolments e ON e.course_id = for_course
        WHERE v.roster = 'cohort' AND (for_person IS NULL OR e.user_id = for_person)
        UNION ALL
        SELECT v.id, m.user_id
        FROM chats v JOIN team_members m ON m.team_id = v.team_id
        WHERE v.roster = 'team' AND (for_person IS NULL OR m.user_id = for_person)
    )
    SELECT s.* FROM settle_members(ARRAY(SELECT id FROM chats), ARRAY(SELECT id FROM wanted),
                                   ARRAY(SELECT user_id FROM wanted), for_person) s
$$;

-- A channel's people: everyone enrolled in its course (any course of the organisation, for an
-- organisation-wide one) in its role, and its owner. Synced are `for_channel` alone when given
-- (a channel just opened); otherwise the channels of `for_course`, and the organisation-wide
-- ones too when `for_person` is given, since only a change of someone's enrolments can move
-- them in or out of those.
DROP FUNCTION sync_channels(uuid, uuid, uuid);
CREATE FUNCTION sync_channels(for_channel uuid, for_course uuid, for_person uuid)
RETURNS TABLE (conversation_id uuid, user_id uuid, joined boolean)
LANGUAGE sql VOLATILE AS $$
    WITH chans AS (
        SELECT v.id, v.org_id, v.course_id, v.channel_role, v.owner_id
        FROM conversations v
        WHERE v.kind = 'channel'
          AND CASE WHEN for_channel IS NOT NULL THEN v.id = for_channel
                   ELSE v.course_id = for_course
                        OR (for_person IS NOT NULL AND v.course_id IS NULL
                            AND v.org_id = (SELECT c.org_id FROM courses c WHERE c.id = for_course)) END
    ), wanted AS (
        SELECT v.id, e.user_id
        FROM chans v JOIN enrolments e ON e.org_id = v.org_id AND e.role = v.channel_role
                                        AND (v.course_id IS NULL OR e.course_id = v.course_id)
        WHERE for_person IS NULL OR e.user_id = for_person
        UNION
        SELECT v.id, v.owner_id
        FROM chans v WHERE for_person IS NULL OR v.owner_id = for_person
    )
    SELECT s.* FROM settle_members(ARRAY(SELECT id FROM chans), ARRAY(SELECT id FROM wanted),
                                   ARRAY(SELECT user_id FROM wanted), for_person) s
$$;
