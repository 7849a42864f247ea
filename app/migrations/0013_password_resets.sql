-- Password reset by email: each request for a link, kept for its limits (per address and per
-- account) and, for a known account, with the link's secret as a SHA-256 hash only. A link
-- works once, for 30 minutes.
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY,
    -- NULL when the email has no enabled account: the request still counts for its address.
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    secret_hash BLOB CHECK (length(secret_hash) = 32),
    address TEXT NOT NULL CHECK (length(address) <= 64),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- Unix seconds.
    expires_at INTEGER NOT NULL,
    used_at TEXT,
    CHECK ((user_id IS NULL) = (secret_hash IS NULL))
) STRICT;

CREATE INDEX password_resets_by_address ON password_resets (address, created_at);
CREATE INDEX password_resets_by_user ON password_resets (user_id, created_at);
