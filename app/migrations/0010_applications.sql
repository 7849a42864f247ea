-- Organisations and entrepreneurs propose their own directory entry at /{lang}/join; the
-- coordinator edits the proposal and approves it (it becomes a published entry) or rejects it
-- with a reason. `form` is the entry's form as last typed (JSON, the coordinator's edits
-- included once decided).
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL CHECK (lang IN ('et', 'ru', 'en')),
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    form TEXT NOT NULL CHECK (json_valid(form)),
    contact_name TEXT NOT NULL CHECK (trim(contact_name) <> ''),
    contact_email TEXT NOT NULL,
    contact_phone TEXT,
    -- The consent as the applicant read it, in their language, and when they gave it.
    consent TEXT NOT NULL,
    consented_at TEXT NOT NULL,
    address TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT,
    decided_at TEXT,
    decided_by INTEGER REFERENCES users (id),
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (status <> 'rejected' OR trim(coalesce(reason, '')) <> '')
) STRICT;

CREATE INDEX applications_by_status ON applications (status, created_at);
CREATE INDEX applications_by_address ON applications (address, created_at);
CREATE INDEX applications_by_organisation ON applications (organisation_id);

-- Messages the platform owes people (an application approved or rejected). Nothing sends them
-- yet: the coordinator sees them in the admin, and a mailer can take them from here later.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('et', 'ru', 'en')),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    application_id INTEGER REFERENCES applications (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    sent_at TEXT
) STRICT;

CREATE INDEX outbox_unsent ON outbox (sent_at, id);
