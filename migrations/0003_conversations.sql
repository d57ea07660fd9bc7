-- Conversations, their members and messages.

CREATE TYPE conversation_kind AS ENUM ('direct', 'shared', 'group', 'channel');

CREATE TABLE conversations (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL REFERENCES organisations (id),
    kind conversation_kind NOT NULL,
    owner_id uuid,
    course_id uuid,
    -- Direct chats: the two member ids, sorted and joined, so a pair has one chat.
    direct_key text,
    title text,
    last_message_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversations_direct_key UNIQUE (org_id, direct_key),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id),
    FOREIGN KEY (org_id, course_id) REFERENCES courses (org_id, id)
);

CREATE TABLE conversation_members (
    org_id uuid NOT NULL,
    conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id uuid NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now(),
    -- The read pointer: the last message read, its position, and when it was read.
    -- Unread counts and read receipts derive from it.
    last_read_message_id uuid,
    read_position timestamptz,
    last_read_at timestamptz,
    -- "Delete chat": gone from this member's inbox until a new message arrives, and the
    -- history before `cleared_at` stays hidden from them.
    hidden boolean NOT NULL DEFAULT false,
    cleared_at timestamptz,
    PRIMARY KEY (conversation_id, user_id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX conversation_members_inbox ON conversation_members (user_id) WHERE NOT hidden;

CREATE TABLE messages (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id uuid NOT NULL,
    -- Chosen by the sending client: a retry with the same id is the same message.
    client_id uuid NOT NULL,
    body text NOT NULL,
    body_html text NOT NULL,
    context_title text,
    context_url text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    deleted_at timestamptz,
    CONSTRAINT messages_client_key UNIQUE (author_id, client_id),
    FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id)
);
CREATE INDEX messages_conversation_keyset ON messages (conversation_id, created_at DESC, id DESC);
