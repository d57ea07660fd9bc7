-- Full-text search over messages: each message's words, from its text as people read it, kept
-- beside it by the database and indexed. English stemming ("meeting" finds "meet"); words of
-- other languages are matched as they are written.
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', plain)) STORED;
CREATE INDEX messages_search ON messages USING gin (search);
