-- The address a public registration came from, for the per-address limit that keeps scripts from
-- filling an event's places. NULL for registrations the coordinator adds.
ALTER TABLE registrations ADD COLUMN address TEXT;
CREATE INDEX registrations_by_address ON registrations (address, created_at);
