-- Counselling: consultation times the coordinator publishes (optionally about a funding call)
-- and the one booking each may have. A unique index on the live booking of a slot makes a
-- double booking impossible, however many requests arrive at once.

CREATE TABLE consultation_slots (
    id INTEGER PRIMARY KEY,
    starts_at TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 10 AND 240),
    -- Where: a place, an online meeting link, or both.
    place TEXT CHECK (length(place) <= 200),
    online_url TEXT CHECK (length(online_url) <= 500),
    call_id INTEGER REFERENCES funding_calls (id) ON DELETE SET NULL,
    cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (place IS NOT NULL OR online_url IS NOT NULL)
) STRICT;

CREATE INDEX consultation_slots_by_start ON consultation_slots (starts_at);

CREATE TABLE consultation_bookings (
    id INTEGER PRIMARY KEY,
    slot_id INTEGER NOT NULL REFERENCES consultation_slots (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (trim(name) <> '' AND length(name) <= 200),
    organisation TEXT CHECK (length(organisation) <= 200),
    -- The directory entry the organisation typed names, when one has exactly that name.
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    email TEXT NOT NULL CHECK (length(email) <= 254),
    question TEXT CHECK (length(question) <= 2000),
    lang TEXT NOT NULL CHECK (lang IN ('et', 'ru', 'en')),
    cancel_token TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
    reminded INTEGER NOT NULL DEFAULT 0 CHECK (reminded IN (0, 1)),
    address TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE UNIQUE INDEX one_live_booking_per_slot ON consultation_bookings (slot_id)
    WHERE status = 'booked';
CREATE INDEX consultation_bookings_by_address ON consultation_bookings (address, created_at);

-- A booking's mail goes with the booking when its personal data is erased.
ALTER TABLE outbox ADD COLUMN booking_id INTEGER
    REFERENCES consultation_bookings (id) ON DELETE CASCADE;
