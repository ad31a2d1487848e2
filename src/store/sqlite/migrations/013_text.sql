-- tipwire schema, version 13: what intake reads from a report's text (F8).
--
-- A report's text is read after it is stored, in the text worker (intake/text-backlog.ts):
-- `text_state` is 'pending' until then, 'done' after, 'failed' when the worker could not;
-- NULL for reports stored before version 13 (never read). A new version is pending again.
ALTER TABLE reports ADD COLUMN text_state TEXT;
CREATE INDEX reports_text_pending ON reports (seq) WHERE text_state = 'pending';

-- `text_score` is domain/text.ts's TextScoreFacts as JSON: the language model's
-- perplexity of the narrative, its rank buckets and the model's size: numbers, never a
-- word. NULL for reports stored before version 13, or when the text worker could not
-- score it.
ALTER TABLE reports ADD COLUMN text_score TEXT;

-- The observables of the narrative and who/what (`[{type, value}]`, a phone number as
-- its caller pseudonym), sealed under the report's data key like the text they come from.
ALTER TABLE reports ADD COLUMN observables_sealed BLOB;

-- Each observable's keyed token (HMAC under the observables subkey): reports naming one
-- indicator share its token, and nothing else of the value is in the clear. One row per
-- token and report; deleted with the report, replaced with a new version.
CREATE TABLE report_observables (
  token TEXT NOT NULL,
  report_id TEXT NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (token, report_id)
) WITHOUT ROWID;
CREATE INDEX report_observables_report ON report_observables (report_id);
