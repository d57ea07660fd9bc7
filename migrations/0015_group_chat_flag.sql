-- The organisation's "group chat" flag: with it on, staff add people to a direct chat, which
-- makes it a group; with it off, every direct chat stays between its two people.
ALTER TABLE organisations ADD COLUMN group_chats boolean NOT NULL DEFAULT true;
