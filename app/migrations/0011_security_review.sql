-- What a security review of the running site asked for.

-- Sessions carry the epoch of their account when they were made; changing the password or
-- disabling the account raises it, so every older session is refused, even one that a request
-- still in flight would save again.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0 CHECK (session_epoch >= 0);

-- Addresses an account has signed in from. The per-account limit on failed sign-ins does not
-- hold them back, so strangers guessing from elsewhere cannot lock the owner out.
CREATE TABLE known_addresses (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address TEXT NOT NULL CHECK (length(address) <= 64),
    -- Unix seconds of the last sign-in from there.
    last_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, address)
) STRICT, WITHOUT ROWID;

-- Failed sign-ins are now counted per account and address too.
CREATE INDEX login_failures_by_email_and_address ON login_failures (email, address, at);

-- A registration's confirmation (with its private link) goes by mail, like an application's
-- decision; it goes with the registration.
ALTER TABLE outbox ADD COLUMN registration_id INTEGER REFERENCES registrations (id) ON DELETE CASCADE;
CREATE INDEX outbox_by_registration ON outbox (registration_id);
