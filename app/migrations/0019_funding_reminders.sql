-- Reminders of funding deadlines to the newsletter's funding subscribers, 14 and 3 days before,
-- for the sectors each chose (none chosen: every sector); a row per reminder sent, so that none
-- goes twice.

ALTER TABLE subscribers ADD COLUMN sectors TEXT NOT NULL DEFAULT '' CHECK (length(sectors) <= 1000);

CREATE TABLE funding_reminders (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    call_id INTEGER NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    -- The deadline, as funding_deadlines has it (Tallinn wall clock).
    deadline TEXT NOT NULL,
    days INTEGER NOT NULL CHECK (days IN (14, 3)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (subscriber_id, call_id, deadline, days)
) STRICT, WITHOUT ROWID;
