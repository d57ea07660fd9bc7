-- What a send writes beside its messages is written at its commit, not before it: the
-- conversations' locks are then held from inside COMMIT to its end, never across a round trip
-- to the application, and sends into one busy conversation follow each other without waiting
-- on a client in between.
--
-- A send queues its call of `record_sends` here, in its own transaction; a deferred trigger
-- makes the call when that transaction commits and removes the row. No row outlives its
-- transaction, so the table needs no WAL.
CREATE UNLOGGED TABLE sends_to_record (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversations uuid[] NOT NULL,
    messages uuid[] NOT NULL,
    sender uuid NOT NULL
);

CREATE FUNCTION record_queued_sends() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_sends(NEW.conversations, NEW.messages, NEW.sender);
    DELETE FROM sends_to_record WHERE id = NEW.id;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER record_at_commit AFTER INSERT ON sends_to_record
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_queued_sends();
