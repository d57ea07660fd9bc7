-- A broadcast: one message from staff to every learner of a course, each in their own direct
-- chat. The row makes a retry of the same form (author, client id) find it instead of sending
-- again, and keeps how many learners it reached.

CREATE TABLE broadcasts (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    course_id uuid NOT NULL,
    author_id uuid NOT NULL,
    client_id uuid NOT NULL,
    recipients integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT broadcasts_client_key UNIQUE (author_id, client_id),
    FOREIGN KEY (org_id, course_id) REFERENCES courses (org_id, id),
    FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id)
);
