-- The people who run the platform, and the trail of every change.

-- Roles: admin (manages accounts) and coordinator (manages content). A later role for members
-- who keep their own entry extends the CHECK in a migration of its own.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '_%@_%' AND length(email) <= 254),
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator')),
    -- argon2id in the PHC string format, parameters included.
    password_hash TEXT NOT NULL,
    disabled_at TEXT,
    password_changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Written in the same transaction as the change it describes. user_id is NULL for the command
-- line and for failed logins of unknown accounts; address is the client's, NULL for the
-- command line. changes: {"field": [old, new], …}.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    user_id INTEGER REFERENCES users (id),
    address TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    changes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes))
) STRICT;

CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);

-- Nobody rewrites history: rows are never deleted, and only `changes` may be rewritten (to
-- erase personal values on request, keeping the fact of the change).
CREATE TRIGGER audit_log_keeps_rows BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log rows cannot be deleted'); END;
CREATE TRIGGER audit_log_keeps_facts BEFORE UPDATE OF at, user_id, address, action, entity, entity_id ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log facts cannot be changed'); END;
