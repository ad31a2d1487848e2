-- tipwire schema, version 7: stages as load → decide → apply (F5).
--
-- `stage_effects` records that a stage's effects were applied to a report, in the
-- same transaction as the effects: one row per (report, stage, stage version, pass).
-- A job delivered again (at-least-once delivery) finds its key and skips the apply.
-- `pass` counts the report's trips through the pipeline: an analyst's answer sends
-- the report through the stages after normalize again, as a new pass.
CREATE TABLE stage_effects (
  report_id  TEXT NOT NULL REFERENCES reports(id),
  stage      TEXT NOT NULL,
  version    INTEGER NOT NULL,
  pass       INTEGER NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (report_id, stage, version, pass)
) WITHOUT ROWID;

ALTER TABLE jobs ADD COLUMN pass INTEGER NOT NULL DEFAULT 1;

-- What the verify stage's checks found. A check's findings are replaced whole each
-- time it runs on the report, whatever its version was before (one current answer
-- per check); `check_version` says which version gave them.
CREATE TABLE findings (
  id            INTEGER PRIMARY KEY,
  report_id     TEXT NOT NULL REFERENCES reports(id),
  check_name    TEXT NOT NULL,
  check_version INTEGER NOT NULL,
  code          TEXT NOT NULL,
  severity      TEXT NOT NULL,         -- info | notice | warning | critical
  message       TEXT NOT NULL,         -- {"en": …, "zh": …}
  evidence      TEXT NOT NULL,         -- JSON: identifiers, numbers and codes, never report text
  created_at    INTEGER NOT NULL
);
CREATE INDEX findings_report ON findings (report_id, check_name);

-- Heavy checks the verify stage put off under load (state 'deferred'), run later
-- without holding back correlation; 'done' once they ran.
CREATE TABLE check_runs (
  report_id     TEXT NOT NULL REFERENCES reports(id),
  check_name    TEXT NOT NULL,
  check_version INTEGER NOT NULL,
  state         TEXT NOT NULL,         -- deferred | done
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (report_id, check_name)
) WITHOUT ROWID;
CREATE INDEX check_runs_deferred ON check_runs (updated_at) WHERE state = 'deferred';

-- Deleting a report (retention) deletes what these tables hold about it first.
CREATE TRIGGER reports_stage_rows_delete BEFORE DELETE ON reports
BEGIN
  DELETE FROM stage_effects WHERE report_id = old.id;
  DELETE FROM findings WHERE report_id = old.id;
  DELETE FROM check_runs WHERE report_id = old.id;
END;
