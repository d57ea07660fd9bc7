-- Organisations (tenants), their departments, people, courses, enrolments and teams.
-- Every tenant row carries org_id, and every link between tenant rows includes it, so a row
-- can never point into another organisation.

CREATE TYPE org_role AS ENUM ('owner', 'admin', 'department_admin', 'staff', 'learner');
CREATE TYPE course_role AS ENUM ('learner', 'mentor', 'instructor');
CREATE TYPE course_status AS ENUM ('active', 'archived');
CREATE TYPE dm_policy AS ENUM ('none', 'assigned_staff', 'course_members', 'anyone');

CREATE TABLE organisations (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    label_learner text NOT NULL DEFAULT 'Learner',
    label_instructor text NOT NULL DEFAULT 'Instructor',
    label_course text NOT NULL DEFAULT 'Course',
    private_messaging boolean NOT NULL DEFAULT true,
    learner_dm_policy dm_policy NOT NULL DEFAULT 'assigned_staff',
    email_includes_text boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE departments (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL REFERENCES organisations (id),
    name text NOT NULL,
    CONSTRAINT departments_name_key UNIQUE (org_id, name),
    UNIQUE (org_id, id)
);

CREATE TABLE users (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL REFERENCES organisations (id),
    department_id uuid,
    email citext NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    role org_role NOT NULL,
    active boolean NOT NULL DEFAULT true,
    password_hash text NOT NULL,
    -- Bumped to end every session of the user at once (deactivation, password change).
    session_epoch integer NOT NULL DEFAULT 0,
    avatar text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, department_id) REFERENCES departments (org_id, id)
);
CREATE INDEX users_org_name ON users (org_id, last_name, first_name);

CREATE TABLE courses (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL REFERENCES organisations (id),
    title text NOT NULL,
    status course_status NOT NULL DEFAULT 'active',
    -- NULL: the organisation's policy applies.
    learner_dm_policy dm_policy,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT courses_title_key UNIQUE (org_id, title),
    UNIQUE (org_id, id)
);

CREATE TABLE enrolments (
    org_id uuid NOT NULL,
    course_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role course_role NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (course_id, user_id),
    FOREIGN KEY (org_id, course_id) REFERENCES courses (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX enrolments_user ON enrolments (user_id);

CREATE TABLE teams (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    course_id uuid NOT NULL,
    name text NOT NULL,
    CONSTRAINT teams_name_key UNIQUE (course_id, name),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, course_id) REFERENCES courses (org_id, id)
);

CREATE TABLE team_members (
    org_id uuid NOT NULL,
    team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id uuid NOT NULL,
    PRIMARY KEY (team_id, user_id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

-- Failed sign-ins, for throttling per account and per client address.
CREATE TABLE sign_in_failures (
    scope text NOT NULL,
    key text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_lookup ON sign_in_failures (scope, key, failed_at);
