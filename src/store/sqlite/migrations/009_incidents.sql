-- tipwire schema, version 9: incidents as uncertainty-aware clusters (F6).
--
-- A report's text is never stored in the clear; what correlation needs from it is
-- computed at intake: `event_kinds` (the kinds of event its category or narrative
-- names, comma-separated codes of domain/event-kinds.ts) and `text_sketch` (a keyed
-- MinHash signature of the normalized narrative: near-identical texts have near-equal
-- signatures, and without the key it says nothing about the words).
ALTER TABLE reports ADD COLUMN event_kinds TEXT;
ALTER TABLE reports ADD COLUMN text_sketch BLOB;
-- 1 when an analyst placed the report in its incident: the automatic rule never moves it.
ALTER TABLE reports ADD COLUMN incident_pinned INTEGER NOT NULL DEFAULT 0;
-- Why correlation kept the report apart (a catalogue code such as `cluster.ambiguous`).
ALTER TABLE reports ADD COLUMN incident_reason TEXT;

-- The incident's estimate of its event (see correlate/incident-state.ts): the kind, the
-- place as an accuracy-weighted mean of its precise members (weights 1/accuracy², as a
-- sum of weighted unit vectors) and the latest start and earliest end of its precise members' widened observation intervals (their spread must fit in the kind's duration); a merged
-- incident points at the one that absorbed it and leaves the index.
ALTER TABLE incidents ADD COLUMN kind TEXT;
ALTER TABLE incidents ADD COLUMN precise_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN place_weight REAL NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN wx REAL NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN wy REAL NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN wz REAL NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN latest_start INTEGER;
ALTER TABLE incidents ADD COLUMN earliest_end INTEGER;
ALTER TABLE incidents ADD COLUMN radius_m REAL NOT NULL DEFAULT 0;
-- How far an analyst's hand spread it (see domain/incident.ts Estimate.handSpreadMeters).
ALTER TABLE incidents ADD COLUMN hand_spread_m REAL NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN independent_sources INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN confidence REAL;
-- The confidence's terms as JSON (each term, its weight in log-odds and why).
ALTER TABLE incidents ADD COLUMN confidence_terms TEXT;
ALTER TABLE incidents ADD COLUMN last_activity INTEGER;
ALTER TABLE incidents ADD COLUMN merged_into TEXT;
UPDATE incidents SET last_activity = updated_at;
CREATE INDEX incidents_activity ON incidents (last_activity DESC, seq DESC) WHERE merged_into IS NULL;
CREATE INDEX incidents_confidence ON incidents (confidence DESC, seq DESC) WHERE merged_into IS NULL;

-- Where and when each open incident's event may be: its place box (centroid ± the
-- tolerance of its accuracy, plus its kind's extent) and the minutes in which a witness
-- could have seen it (feasible start to feasible start + duration). One row per part
-- (id = seq·2 + part): a box across the antimeridian is stored as two parts. Incidents
-- whose members are all vague are kept in their own index, so that their wide boxes
-- never crowd the candidates of a precise report.
CREATE VIRTUAL TABLE incident_core USING rtree (
  id,
  min_lat, max_lat,
  min_lon, max_lon,
  min_minute, max_minute,
  +incident_id
);
CREATE VIRTUAL TABLE incident_vague USING rtree (
  id,
  min_lat, max_lat,
  min_lon, max_lon,
  min_minute, max_minute,
  +incident_id
);

-- What changed an incident's membership beyond a report joining it: automatic merges
-- (a report bridged two incidents; a vague report attached later) and an analyst's
-- merge, split and move. `actor` is null for the automatic rule.
CREATE TABLE incident_changes (
  seq         INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL,
  kind        TEXT NOT NULL,            -- merge | split | move | bridge | attach
  actor       TEXT,
  detail      TEXT NOT NULL,            -- JSON: ids and codes, never report text
  at          INTEGER NOT NULL
);
CREATE INDEX incident_changes_incident ON incident_changes (incident_id, seq);

-- Incidents an analyst split apart: the automatic rule never merges such a pair (a < b).
CREATE TABLE incident_separations (
  a          TEXT NOT NULL,
  b          TEXT NOT NULL,
  actor      TEXT NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- The LSH band keys of each report's text sketch (16 per report, never more): a report's
-- near-identical copies are found by a lookup per band, not by comparing every pair.
CREATE TABLE report_bands (
  band      TEXT NOT NULL,
  report_id TEXT NOT NULL REFERENCES reports(id),
  PRIMARY KEY (band, report_id)
) WITHOUT ROWID;
CREATE INDEX report_bands_report ON report_bands (report_id);

CREATE TRIGGER reports_bands_delete BEFORE DELETE ON reports
BEGIN
  DELETE FROM report_bands WHERE report_id = old.id;
END;
