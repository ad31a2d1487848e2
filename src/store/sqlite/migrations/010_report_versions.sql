-- tipwire schema, version 10: a resend is a new version of its report (F6).
--
-- A sender who names its reports (an import, an API token, a call-taker's login)
-- corrects one by sending its `externalId` again: the report keeps its id, receipt,
-- incident, status and case history, its content becomes the next `version`, and the
-- content it replaced is kept whole in `report_versions`, sealed as it was stored.
--
-- `sender` is who may do that: `import`, `token:<id>` or `user:<name>`; NULL for the
-- public (anyone could claim another's externalId: an anonymous resend is a new
-- report) and for a report without an externalId. `content_hash` is a keyed hash
-- (HMAC under the receipt subkey) of what a version holds, so that an identical
-- resend is recognised without opening the text; NULL for reports stored before.
ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reports ADD COLUMN sender TEXT;
ALTER TABLE reports ADD COLUMN content_hash TEXT;

-- Who sent the reports already stored. Before this version a resend was stored as a
-- second report, so a database may hold several reports of one sender under one
-- externalId: the first of them (lowest seq) becomes the one a resend updates; the
-- others keep a NULL sender and stay reports of their own (nothing is merged here).
-- Authenticated API senders are known from `submitted_by`.
UPDATE reports SET sender = submitted_by
WHERE external_id IS NOT NULL AND submitted_by IS NOT NULL
  AND seq = (SELECT min(r.seq) FROM reports AS r
             WHERE r.submitted_by = reports.submitted_by AND r.external_id = reports.external_id);
-- Imported reports are known from the line keys an import still holds (they expire
-- with the other idempotency records): older imports stay without a sender, and
-- importing their lines again stores new reports, as it did before.
UPDATE reports SET sender = 'import'
WHERE external_id IS NOT NULL AND submitted_by IS NULL
  AND id IN (SELECT json_extract(response, '$.id') FROM idempotency_keys WHERE principal = 'import')
  AND seq = (SELECT min(r.seq) FROM reports AS r
             WHERE r.external_id = reports.external_id AND r.submitted_by IS NULL
               AND r.id IN (SELECT json_extract(response, '$.id') FROM idempotency_keys
                            WHERE principal = 'import'));

-- One report per sender and externalId: the lookup of a resend, and the guard against
-- two processes storing the same one twice.
CREATE UNIQUE INDEX reports_sender_external ON reports (sender, external_id)
  WHERE sender IS NOT NULL AND external_id IS NOT NULL;

-- Each replaced version, whole: its sealed text (under the report's own data key,
-- which a report keeps for life: its attachments and messages are sealed under it,
-- and key rotation rewraps it in one place), claims, category and what intake read
-- from its text (counts, event kinds, the keyed sketch). Never plaintext.
CREATE TABLE report_versions (
  report_id        TEXT NOT NULL REFERENCES reports(id),
  version          INTEGER NOT NULL,
  narrative_sealed BLOB NOT NULL,
  subjects_sealed  BLOB,
  claims           TEXT NOT NULL,
  category         TEXT,
  text_facts       TEXT,
  event_kinds      TEXT,
  text_sketch      BLOB,
  content_hash     TEXT,
  replaced_at      INTEGER NOT NULL,          -- epoch ms
  replaced_by      TEXT NOT NULL,             -- the sender of the version that replaced it
  PRIMARY KEY (report_id, version)
);

-- Deleting a report (retention) deletes its earlier versions first.
CREATE TRIGGER reports_versions_delete BEFORE DELETE ON reports
BEGIN
  DELETE FROM report_versions WHERE report_id = old.id;
END;
