-- Certificates of attendance, issued by the coordinator to those marked present. Each has a
-- code that its PDF prints as a link and a QR code, which opens the page that shows it is
-- genuine. What it certifies is kept as issued: editing the event later changes no
-- certificate given. Erasing the registration erases its certificate.
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL UNIQUE REFERENCES registrations (id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 32),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- JSON: {"et": …, "ru": …, "en": …}
    event_title TEXT NOT NULL CHECK (json_valid(event_title) AND length(event_title) <= 4000),
    -- UTC
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
    -- NULL: the foundation that coordinates the cluster.
    organiser TEXT CHECK (length(organiser) <= 300),
    issued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
