-- Notification emails, written in the same transaction as the message that causes them and
-- sent by a worker once the delay has passed, unless everything was read meanwhile.

-- Each person may turn notification emails off on their profile.
ALTER TABLE users ADD COLUMN email_notifications boolean NOT NULL DEFAULT true;

CREATE TABLE email_outbox (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    recipient_id uuid NOT NULL,
    conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- A worker's lease on the row, or when a failed delivery may be tried again.
    claimed_until timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    done_at timestamptz,
    outcome text CHECK (outcome IN ('sent', 'read', 'inactive', 'opted_out', 'failed')),
    CHECK ((done_at IS NULL) = (outcome IS NULL)),
    FOREIGN KEY (org_id, recipient_id) REFERENCES users (org_id, id)
);

-- One waiting email per recipient and conversation: later messages join it.
CREATE UNIQUE INDEX email_outbox_pending ON email_outbox (recipient_id, conversation_id) WHERE done_at IS NULL;
CREATE INDEX email_outbox_due ON email_outbox (created_at) WHERE done_at IS NULL;
