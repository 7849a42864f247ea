-- Mail that leaves: the outbox becomes the mailer's queue.

-- A message's state: waiting to be sent, claimed by the mailer (sending), sent, waiting for
-- another try after a temporary failure (retrying), failed for good, or cancelled by the
-- coordinator. Messages already marked sent keep that.
ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'waiting'
    CHECK (status IN ('waiting', 'sending', 'sent', 'retrying', 'failed', 'cancelled'));
UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
-- Tries made so far, and when the next may be made (a retry's delay grows with each).
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
-- The mail server's last answer when it was not a yes.
ALTER TABLE outbox ADD COLUMN last_error TEXT CHECK (length(last_error) <= 1000);
-- Bulk mail (the newsletter) skips bouncing addresses; transactional mail still tries them.
ALTER TABLE outbox ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0 CHECK (bulk IN (0, 1));

DROP INDEX outbox_unsent;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);

-- Addresses a mail server refused for good (5xx for the mailbox), so bulk mail skips them.
CREATE TABLE mail_bounces (
    address TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(address) <= 320),
    reason TEXT NOT NULL CHECK (length(reason) <= 1000),
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
