-- Entries kept fresh by their owners: a link to the entry's contact address opens its form
-- without an account; the owner confirms it unchanged or proposes changes, which the
-- coordinator reviews field by field.

-- The address the platform writes to about the entry; never shown to the public (the entry's
-- public email is `email`). Without it, links go to the public email.
ALTER TABLE organisations ADD COLUMN contact_email TEXT
    CHECK (contact_email LIKE '_%@_%' AND length(contact_email) <= 254);
-- When the entry was last confirmed by its owner (or its proposal approved).
ALTER TABLE organisations ADD COLUMN confirmed_at TEXT;

-- A link sent about an entry: its secret only as SHA-256; it works once, until expires_at
-- (unix seconds).
CREATE TABLE entry_links (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    expires_at INTEGER NOT NULL,
    used_at TEXT
) STRICT;

CREATE INDEX entry_links_by_organisation ON entry_links (organisation_id, created_at);

-- Changes an owner proposed: the entry's whole form as proposed (JSON), waiting for the
-- coordinator, then approved (applied) or rejected.
CREATE TABLE entry_proposals (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    form TEXT NOT NULL CHECK (length(form) <= 100000),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    decided_at TEXT,
    decided_by INTEGER REFERENCES users (id)
) STRICT;

CREATE INDEX entry_proposals_by_status ON entry_proposals (status, id);
CREATE INDEX entry_proposals_by_organisation ON entry_proposals (organisation_id);

-- Each request for a new link from the owner's page, counted per address for its limit
-- whether or not the email belongs to an entry.
CREATE TABLE entry_link_requests (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL CHECK (length(address) <= 64),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX entry_link_requests_by_address ON entry_link_requests (address, created_at);
