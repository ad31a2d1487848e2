-- tipwire schema, version 6: who submitted a report.
--
-- The principal that sent a report on a caller's behalf (`token:<id>` for an API
-- token, `user:<name>` for a call-taker's login); NULL for the public. A call-taker
-- (role intake) may add answers only to reports it submitted itself, while nobody
-- works them yet.
ALTER TABLE reports ADD COLUMN submitted_by TEXT;
