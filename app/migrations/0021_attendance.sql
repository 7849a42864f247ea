-- Who came. The coordinator marks registrants present at the door (a tap, or their QR code),
-- perhaps offline on a phone that sends the marks later: each mark carries the phone's clock,
-- and only a later mark replaces an earlier one, so a mark sent twice or late changes nothing.

-- When the registrant was first marked present (UTC); NULL: not present.
ALTER TABLE registrations ADD COLUMN attended_at TEXT;
-- The phone's clock (milliseconds since 1970) of the mark that set attended_at, or unset it.
ALTER TABLE registrations ADD COLUMN attendance_clock INTEGER;
-- A walk-in added on the attendance page: the key the phone gave it, so that sending it again
-- adds no one twice. NULL for everyone who registered.
ALTER TABLE registrations ADD COLUMN walk_in_key TEXT
    CHECK (length(walk_in_key) BETWEEN 8 AND 64);
CREATE UNIQUE INDEX registrations_walk_in ON registrations (event_id, walk_in_key)
    WHERE walk_in_key IS NOT NULL;

-- The secret in the registrant's QR code: it opens the coordinator's check-in page. Apart from
-- the private link's token, so that the code shown at the door cannot cancel anything.
ALTER TABLE registrations ADD COLUMN check_in_code TEXT;
UPDATE registrations SET check_in_code = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX registrations_check_in ON registrations (check_in_code);
CREATE TRIGGER registrations_check_in_code AFTER INSERT ON registrations
WHEN NEW.check_in_code IS NULL
BEGIN
    UPDATE registrations SET check_in_code = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

-- The check-in address a confirmation mail shows as a QR code (attached as a picture).
ALTER TABLE outbox ADD COLUMN check_in TEXT CHECK (length(check_in) <= 500);
