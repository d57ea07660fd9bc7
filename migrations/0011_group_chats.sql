-- Group chats: what learners see of the other participants. Staff always see full names and
-- photos; the rule itself is `conversations::naming`, applied wherever a person is shown.
CREATE TYPE learner_naming AS ENUM ('full', 'first_initial', 'first');
ALTER TABLE conversations
    ADD COLUMN naming learner_naming NOT NULL DEFAULT 'full',
    ADD COLUMN people_visible boolean NOT NULL DEFAULT true;
