-- The calendar in full: organiser, languages, capacity and registration, series with their
-- exceptions, and the sequence number subscribed calendars follow edits by.

ALTER TABLE events ADD COLUMN organiser TEXT;
ALTER TABLE events ADD COLUMN organiser_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL;
-- NULL: no limit.
ALTER TABLE events ADD COLUMN capacity INTEGER CHECK (capacity >= 0);
ALTER TABLE events ADD COLUMN registration TEXT NOT NULL DEFAULT 'none'
    CHECK (registration IN ('none', 'open', 'closed'));
-- UTC; registration closes then (NULL: at the start).
ALTER TABLE events ADD COLUMN registration_deadline TEXT;
-- RFC 5545 SEQUENCE: raised by every change a subscribed calendar should pick up.
ALTER TABLE events ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0);
-- A series: the RRULE value (`FREQ=MONTHLY;BYDAY=1TH;COUNT=12`), expanded in Europe/Tallinn
-- from the first occurrence, which starts_at and ends_at hold.
ALTER TABLE events ADD COLUMN recurrence TEXT CHECK (recurrence LIKE 'FREQ=%');

CREATE TABLE event_languages (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    language TEXT NOT NULL CHECK (length(language) IN (2, 3) AND language NOT GLOB '*[^a-z]*'),
    PRIMARY KEY (event_id, language)
) STRICT, WITHOUT ROWID;

-- One occurrence of a series moved or cancelled on its own (RECURRENCE-ID in iCalendar).
CREATE TABLE event_exceptions (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- UTC: the start the rule gives this occurrence.
    original_start TEXT NOT NULL,
    -- Where it moved to (UTC); NULL when it keeps its time.
    starts_at TEXT,
    ends_at TEXT,
    cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    PRIMARY KEY (event_id, original_start),
    CHECK ((starts_at IS NULL) = (ends_at IS NULL) AND (ends_at IS NULL OR ends_at >= starts_at))
) STRICT, WITHOUT ROWID;

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email TEXT NOT NULL COLLATE NOCASE CHECK (email LIKE '_%@_%' AND length(email) <= 254),
    organisation TEXT CHECK (length(organisation) <= 200),
    -- The consent line exactly as the registrant saw it, and when they agreed.
    consent TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    -- The secret of the registrant's private cancel link.
    cancel_token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    cancelled_at TEXT
) STRICT;

-- One live registration per email and event; a cancelled one does not block signing up again.
CREATE UNIQUE INDEX registrations_once ON registrations (event_id, email) WHERE status <> 'cancelled';
CREATE INDEX registrations_by_event ON registrations (event_id, status, id);
CREATE INDEX events_by_status ON events (status, ends_at);
