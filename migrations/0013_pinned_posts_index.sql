-- A feed's first page reads its pinned posts: found through their own index, not by reading
-- every message of the conversation.
CREATE INDEX messages_pinned ON messages (conversation_id) WHERE pinned_at IS NOT NULL;
