-- The messages people expect: registrants told in their language of places, changes and the
-- day before; applicants and coordinators told of applications; coordinators invited by link.

-- The language the registrant registered in, for the mail sent to them later.
ALTER TABLE registrations ADD COLUMN lang TEXT NOT NULL DEFAULT 'et' CHECK (lang IN ('et', 'ru', 'en'));
-- The start of the occurrence the registrant was last reminded of (the day before), so that a
-- reminder goes once per date, and again when the date is moved.
ALTER TABLE registrations ADD COLUMN reminded_for TEXT;

-- The event a message is about, as an iCalendar attachment (METHOD:PUBLISH).
ALTER TABLE outbox ADD COLUMN calendar TEXT CHECK (length(calendar) <= 200000);

-- The language in which a coordinator asked, on their account page, to hear of each new
-- application; NULL for those who did not.
ALTER TABLE users ADD COLUMN notify_applications TEXT CHECK (notify_applications IN ('et', 'ru', 'en'));

-- A link that sets a password either resets a forgotten one or answers an admin's invitation
-- (valid longer, for an account that has no password yet).
ALTER TABLE password_resets ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reset'
    CHECK (purpose IN ('reset', 'invitation'));
