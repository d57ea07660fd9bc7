-- What a group's feed needs of its messages. A reply answers a post (a message without a
-- parent) of the same conversation: a feed shows posts newest first with their replies under
-- them, a chat quotes the post above the reply. Posts are pinned to the top of a feed, and
-- edited messages say so.
ALTER TABLE messages ADD CONSTRAINT messages_in_conversation UNIQUE (conversation_id, id);
ALTER TABLE messages
    ADD COLUMN parent_id uuid,
    ADD COLUMN edited_at timestamptz,
    ADD COLUMN pinned_at timestamptz,
    ADD CONSTRAINT messages_parent FOREIGN KEY (conversation_id, parent_id) REFERENCES messages (conversation_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT messages_replies_are_not_pinned CHECK (parent_id IS NULL OR pinned_at IS NULL);
CREATE INDEX messages_replies ON messages (parent_id, created_at) WHERE parent_id IS NOT NULL;
CREATE INDEX messages_posts_keyset ON messages (conversation_id, created_at DESC, id DESC) WHERE parent_id IS NULL;
