-- What funders such as ESF+ ask of participants: gender, age band and employment status. Asked
-- only at the events the coordinator turns it on for, each answer optional, kept only with the
-- registrant's consent, and reported only in totals of five or more.
ALTER TABLE events ADD COLUMN asks_participant_facts INTEGER NOT NULL DEFAULT 0
    CHECK (asks_participant_facts IN (0, 1));

CREATE TABLE participant_facts (
    registration_id INTEGER PRIMARY KEY REFERENCES registrations (id) ON DELETE CASCADE,
    gender TEXT CHECK (gender IN ('woman', 'man', 'other')),
    age_band TEXT CHECK (age_band IN ('under-18', '18-29', '30-54', '55-plus')),
    employment TEXT CHECK (employment IN ('employed', 'self-employed', 'unemployed', 'inactive')),
    consented_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (coalesce(gender, age_band, employment) IS NOT NULL)
) STRICT;
