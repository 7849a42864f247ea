-- Sessions of signed-in people, and the failed sign-ins the brute-force limits count.

-- One row per tower-sessions record. user_id is copied out of the record so that disabling an
-- account or changing its password ends that user's sessions in one statement.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    -- The record's data as JSON.
    data TEXT NOT NULL CHECK (json_valid(data)),
    -- Unix seconds; a row past it is never loaded and is deleted by the hourly sweep.
    expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Failed sign-ins of the last minutes, by the email typed (known or not) and the client's
-- address. Pruned as it goes: the audit log keeps the lasting record.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    -- Unix seconds.
    at INTEGER NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    address TEXT NOT NULL
) STRICT;

CREATE INDEX login_failures_by_email ON login_failures (email, at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);

ALTER TABLE users ADD COLUMN last_login_at TEXT;
