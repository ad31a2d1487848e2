-- tipwire schema, version 2: the audit trail (see src/audit/).
--
-- Append-only, hash-chained records of who read or changed what, when and why.
-- A record never holds a protected value (narrative text, phone numbers, tokens,
-- receipts): `details` is a small JSON object of identifiers and codes. `hash` is
-- HMAC-SHA256 under a key kept outside the database, chained from the previous
-- record, so an edit, a deletion or a reordering shows on `tipwire audit verify`.

CREATE TABLE audit_log (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: never reused, even after a deletion
  at      INTEGER NOT NULL,                   -- epoch ms
  actor   TEXT NOT NULL,                      -- user:alice, token:<id>, anonymous, system
  action  TEXT NOT NULL,                      -- stable dotted code: report.read, access.refused…
  target  TEXT,                               -- report:r_…, a route; NULL when none
  reason  TEXT NOT NULL,
  details TEXT NOT NULL,                      -- canonical JSON, exactly the bytes hashed
  hash    TEXT NOT NULL                       -- 64 hex characters
) STRICT;

-- Filters of GET /api/v1/audit, each newest first.
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_target ON audit_log (target, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- Keeps tipwire's own code honest (a careless DELETE in a purge, an UPDATE by
-- mistake). Someone with the file can drop these; the hash chain is what shows it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;
