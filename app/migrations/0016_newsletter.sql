-- The newsletter: subscribers confirmed by a mailed link, editions drafted from the calendar
-- and the directory, and their sending through the outbox.

-- Keys that sign links the platform must be able to write again later (a subscriber's link
-- goes into every edition, so it cannot be kept only as a hash). Made here, once, from
-- SQLite's randomness (seeded by the operating system).
CREATE TABLE signing_keys (
    name TEXT PRIMARY KEY,
    key BLOB NOT NULL CHECK (length(key) = 32)
) STRICT;
INSERT INTO signing_keys (name, key) VALUES ('newsletter', randomblob(32));

-- A subscriber: pending until the mailed link is followed, then confirmed; unsubscribed
-- stays, so that nobody re-adds the address. Bouncing is not stored: an address in
-- mail_bounces is bouncing. `topics` is a set of bits (events 1, trainings 2, funding 4,
-- members 8). `generation` is part of every signed link; raising it voids the old links.
CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '_%@_%' AND length(email) <= 254),
    lang TEXT NOT NULL CHECK (lang IN ('et', 'ru', 'en')),
    topics INTEGER NOT NULL CHECK (topics BETWEEN 1 AND 15),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    -- The consent as the person saw it, when and from which address; or, when the coordinator
    -- added them, where they gave it.
    consent TEXT NOT NULL CHECK (length(consent) <= 2000),
    consent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    consent_address TEXT NOT NULL CHECK (length(consent_address) <= 64),
    added_by INTEGER REFERENCES users (id),
    generation INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    confirmed_at TEXT,
    unsubscribed_at TEXT
) STRICT;

CREATE INDEX subscribers_by_status ON subscribers (status, created_at);

-- Every request to subscribe, counted per client address and per email for their limits.
CREATE TABLE subscription_requests (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL CHECK (length(address) <= 64),
    email TEXT NOT NULL COLLATE NOCASE CHECK (length(email) <= 254),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX subscription_requests_by_address ON subscription_requests (address, created_at);
CREATE INDEX subscription_requests_by_email ON subscription_requests (email, created_at);

-- An edition: a draft the coordinator edits, then scheduled (send_at in the future), sending,
-- paused, or sent (every message handed to the mail server or failed). Its number is set
-- when it is sent and names it in the archive.
CREATE TABLE editions (
    id INTEGER PRIMARY KEY,
    number INTEGER UNIQUE,
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'sent')),
    subject_et TEXT NOT NULL DEFAULT '' CHECK (length(subject_et) <= 200),
    subject_ru TEXT NOT NULL DEFAULT '' CHECK (length(subject_ru) <= 200),
    subject_en TEXT NOT NULL DEFAULT '' CHECK (length(subject_en) <= 200),
    intro_et TEXT NOT NULL DEFAULT '' CHECK (length(intro_et) <= 10000),
    intro_ru TEXT NOT NULL DEFAULT '' CHECK (length(intro_ru) <= 10000),
    intro_en TEXT NOT NULL DEFAULT '' CHECK (length(intro_en) <= 10000),
    send_at TEXT,
    -- How many messages were queued when sending began.
    recipients INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    sent_at TEXT
) STRICT;

-- An edition's items in order, each under one topic, with its link and its title and text
-- (Markdown) per language; an empty language falls back as content does.
CREATE TABLE edition_items (
    id INTEGER PRIMARY KEY,
    edition_id INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    topic TEXT NOT NULL CHECK (topic IN ('events', 'trainings', 'funding', 'members')),
    link TEXT NOT NULL DEFAULT '' CHECK (length(link) <= 2000),
    title_et TEXT NOT NULL DEFAULT '' CHECK (length(title_et) <= 300),
    title_ru TEXT NOT NULL DEFAULT '' CHECK (length(title_ru) <= 300),
    title_en TEXT NOT NULL DEFAULT '' CHECK (length(title_en) <= 300),
    text_et TEXT NOT NULL DEFAULT '' CHECK (length(text_et) <= 5000),
    text_ru TEXT NOT NULL DEFAULT '' CHECK (length(text_ru) <= 5000),
    text_en TEXT NOT NULL DEFAULT '' CHECK (length(text_en) <= 5000),
    UNIQUE (edition_id, position)
) STRICT;

-- An edition's message to one subscriber is an outbox row that names both; its text is
-- written when it is sent (from the edition, in the subscriber's language and topics), so
-- 20,000 copies are not stored. `held` rows wait for their edition's time or its resumption.
ALTER TABLE outbox ADD COLUMN edition_id INTEGER REFERENCES editions (id);
-- NULL in an edition's row: the coordinator's test.
ALTER TABLE outbox ADD COLUMN subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));

-- Transactional mail before bulk mail, whatever their order in the queue.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, bulk, id);
CREATE UNIQUE INDEX outbox_by_edition ON outbox (edition_id, subscriber_id) WHERE edition_id IS NOT NULL;
CREATE INDEX outbox_edition_status ON outbox (edition_id, status) WHERE edition_id IS NOT NULL;
