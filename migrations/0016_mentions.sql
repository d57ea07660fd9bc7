-- @mentions: the participants a message names, resolved when it is written. A mention marks
-- the message for the person named, in the chat and in their notification email.
ALTER TABLE messages ADD COLUMN mentions uuid[] NOT NULL DEFAULT '{}';
