-- Funding opportunities: calls for applications, who may apply, and their deadlines. A
-- deadline is a Tallinn wall-clock minute (`YYYY-MM-DDTHH:MM`), never an instant: "until 23:59"
-- stays 23:59 whatever the offset. A call has its single deadlines, a rule that makes them year
-- by year (`02-20 05-20 08-20 11-20 @ 23:59 next-working-day`), or both.

CREATE TABLE funding_calls (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) <= 80),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'forecast', 'open', 'paused', 'closed')),
    funder TEXT NOT NULL CHECK (trim(funder) <> '' AND length(funder) <= 200),
    -- The funder's own entry in the directory, when it has one.
    funder_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    programme TEXT CHECK (length(programme) <= 200),
    title_et TEXT CHECK (length(title_et) <= 200),
    title_ru TEXT CHECK (length(title_ru) <= 200),
    title_en TEXT CHECK (length(title_en) <= 200),
    summary_et TEXT CHECK (length(summary_et) <= 4000),
    summary_ru TEXT CHECK (length(summary_ru) <= 4000),
    summary_en TEXT CHECK (length(summary_en) <= 4000),
    -- Who may apply, as space-separated codes; empty: any kind, any sector, all Estonia.
    kinds TEXT NOT NULL DEFAULT '' CHECK (length(kinds) <= 200),
    sectors TEXT NOT NULL DEFAULT '' CHECK (length(sectors) <= 1000),
    municipalities TEXT NOT NULL DEFAULT '' CHECK (length(municipalities) <= 1000),
    amount_min INTEGER CHECK (amount_min BETWEEN 0 AND 1000000000),
    amount_max INTEGER CHECK (amount_max BETWEEN 0 AND 1000000000),
    -- The applicant's own share, in per cent.
    self_financing INTEGER CHECK (self_financing BETWEEN 0 AND 100),
    url TEXT CHECK (length(url) <= 500),
    contact TEXT CHECK (length(contact) <= 300),
    opens_on TEXT CHECK (opens_on IS NULL OR opens_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    deadline_rule TEXT CHECK (length(deadline_rule) <= 200),
    -- Raised by every change, for the calendar feed's SEQUENCE.
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (amount_min IS NULL OR amount_max IS NULL OR amount_min <= amount_max),
    CHECK (coalesce(title_et, title_ru, title_en) IS NOT NULL)
) STRICT;

CREATE TABLE funding_deadlines (
    call_id INTEGER NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
    PRIMARY KEY (call_id, at)
) STRICT, WITHOUT ROWID;

-- Every change to a call raises the version, so each server process knows to load the board
-- it keeps in memory again.
CREATE TABLE funding_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;

INSERT INTO funding_version (id, version) VALUES (1, 0);

CREATE TRIGGER funding_calls_insert_version AFTER INSERT ON funding_calls
BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER funding_calls_update_version AFTER UPDATE ON funding_calls
BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER funding_calls_delete_version AFTER DELETE ON funding_calls
BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER funding_deadlines_insert_version AFTER INSERT ON funding_deadlines
BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER funding_deadlines_delete_version AFTER DELETE ON funding_deadlines
BEGIN UPDATE funding_version SET version = version + 1; END;
-- A funder's entry published, hidden or renamed changes the link on the call's page.
CREATE TRIGGER organisations_funding_version AFTER UPDATE OF is_published, slug, name ON organisations
BEGIN UPDATE funding_version SET version = version + 1; END;
