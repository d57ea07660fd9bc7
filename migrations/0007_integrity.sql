-- What the code promises, said by the schema: tenant links that include org_id everywhere,
-- a direct key exactly on direct chats, closed sets as enums, the facts a membership decides
-- on, and one definition each of what a member sees and what is unread for them.

-- Tenant links: a member, a message, a team member or a queued email can only point at a
-- conversation or team of its own organisation.
ALTER TABLE conversation_members
    DROP CONSTRAINT conversation_members_conversation_id_fkey,
    ADD CONSTRAINT conversation_members_conversation_fkey
        FOREIGN KEY (org_id, conversation_id) REFERENCES conversations (org_id, id) ON DELETE CASCADE;
ALTER TABLE messages
    DROP CONSTRAINT messages_conversation_id_fkey,
    ADD CONSTRAINT messages_conversation_fkey
        FOREIGN KEY (org_id, conversation_id) REFERENCES conversations (org_id, id) ON DELETE CASCADE;
ALTER TABLE team_members
    DROP CONSTRAINT team_members_team_id_fkey,
    ADD CONSTRAINT team_members_team_fkey
        FOREIGN KEY (org_id, team_id) REFERENCES teams (org_id, id) ON DELETE CASCADE;
ALTER TABLE email_outbox
    DROP CONSTRAINT email_outbox_conversation_id_fkey,
    ADD CONSTRAINT email_outbox_conversation_fkey
        FOREIGN KEY (org_id, conversation_id) REFERENCES conversations (org_id, id) ON DELETE CASCADE;

-- A conversation has a direct key exactly when it is a direct chat.
ALTER TABLE conversations
    ADD CONSTRAINT conversations_direct_key_kind CHECK ((direct_key IS NOT NULL) = (kind = 'direct'));

-- Closed sets.
CREATE TYPE email_outcome AS ENUM ('sent', 'read', 'inactive', 'opted_out', 'failed');
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_outcome_check;
ALTER TABLE email_outbox ALTER COLUMN outcome TYPE email_outcome USING outcome::email_outcome;

CREATE TYPE throttle_scope AS ENUM ('account', 'address');
ALTER TABLE sign_in_failures ALTER COLUMN scope TYPE throttle_scope USING scope::throttle_scope;

-- Who may post is data on the conversation: locked lets only its owner post. Group chats
-- show as a feed (newest post on top) or a chat (oldest on top).
CREATE TYPE group_style AS ENUM ('feed', 'chat');
ALTER TABLE conversations
    ADD COLUMN locked boolean NOT NULL DEFAULT false,
    ADD COLUMN style group_style NOT NULL DEFAULT 'chat';

-- What a member sees: everything after they last cleared the chat ("delete chat").
CREATE FUNCTION visible_to_member(message_at timestamptz, cleared_at timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT message_at > COALESCE(cleared_at, '-infinity')
$$;

-- What is unread for a member: a message by someone else, not deleted, that they see and
-- have not read past. The stored counters, the emails and the repair all use it.
CREATE FUNCTION unread_for_member(
    member uuid, read_position timestamptz, cleared_at timestamptz,
    author uuid, message_at timestamptz, deleted_at timestamptz
) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT author <> member AND deleted_at IS NULL
       AND visible_to_member(message_at, cleared_at)
       AND message_at > COALESCE(read_position, '-infinity')
$$;

CREATE OR REPLACE FUNCTION unread_messages(conversation uuid, member uuid) RETURNS SETOF messages
LANGUAGE sql STABLE AS $$
    SELECT x.*
    FROM conversation_members m
    JOIN messages x ON x.conversation_id = m.conversation_id
    WHERE m.conversation_id = conversation AND m.user_id = member
      AND unread_for_member(m.user_id, m.read_position, m.cleared_at, x.author_id, x.created_at, x.deleted_at)
$$;

-- How a person is named in full, everywhere a name is shown.
CREATE FUNCTION full_name(first_name text, last_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT first_name || ' ' || last_name
$$;

-- The one key of a direct chat between two people: their ids, sorted and joined.
CREATE FUNCTION direct_key(a uuid, b uuid) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT LEAST(a, b)::text || ':' || GREATEST(a, b)::text
$$;
