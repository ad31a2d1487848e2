-- tipwire schema, version 11: the analysts' lists filtered in the database (F7).
--
-- GET /api/v1/reports filters by status, category, flag, the office a case is routed
-- to (or none) and the time it was received; GET /api/v1/incidents by kind and office.
-- Each filter reads an index that keeps its rows in list order, so a page of a filter
-- that matches few rows costs the page, not a walk over every report (report-list.ts
-- and incident-list.ts pick the index to lead by counting; list-plans.test.ts pins the
-- plans, bench/diagnostics/list-filters.mjs times them at 100,000 reports).

-- Reports, newest first within one status, one category, or the unrouted cases (the
-- office's own cases have reports_office_newest since version 3).
CREATE INDEX reports_status_newest ON reports (status, received_at DESC, seq DESC);
CREATE INDEX reports_category_newest ON reports (category, received_at DESC, seq DESC)
  WHERE category IS NOT NULL;
CREATE INDEX reports_unrouted_newest ON reports (received_at DESC, seq DESC)
  WHERE office_id IS NULL;

-- A report's flags are a JSON array on its row; this table holds one row per flag and
-- report, in list order. The report repository writes it with the flags (replaceFlags,
-- remove: the only writers of `flags`); a trigger doing it cost ~50 µs per write.
CREATE TABLE report_flags (
  flag        TEXT NOT NULL,
  received_at INTEGER NOT NULL,            -- reports.received_at (never changes)
  seq         INTEGER NOT NULL,            -- reports.seq
  PRIMARY KEY (flag, received_at, seq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO report_flags (flag, received_at, seq)
  SELECT f.value, r.received_at, r.seq FROM reports r, json_each(r.flags) f;

-- Incidents are listed by `coalesce(last_activity, updated_at)` or `coalesce(confidence, 0)`:
-- the indexes of version 9 are on the bare columns, which that order cannot use (every
-- page sorted every open incident). Indexes on the expressions themselves replace them,
-- and the same order within one office (office_id NULL: the unrouted ones).
DROP INDEX incidents_activity;
DROP INDEX incidents_confidence;
CREATE INDEX incidents_activity ON incidents
  (coalesce(last_activity, updated_at) DESC, seq DESC) WHERE merged_into IS NULL;
CREATE INDEX incidents_confidence ON incidents
  (coalesce(confidence, 0) DESC, seq DESC) WHERE merged_into IS NULL;
CREATE INDEX incidents_office_activity ON incidents
  (office_id, coalesce(last_activity, updated_at) DESC, seq DESC) WHERE merged_into IS NULL;
CREATE INDEX incidents_office_confidence ON incidents
  (office_id, coalesce(confidence, 0) DESC, seq DESC) WHERE merged_into IS NULL;

-- An open incident's kinds (comma-separated in incidents.kind), one row per kind, kept by
-- the triggers below when its kinds or its merge change (not on every activity: the list
-- sorts a kind's rows itself, see incident-list.ts); a merged incident has none. The list
-- is split as a JSON array: kinds are catalogue codes (domain/event-kinds.ts, [a-z_]),
-- which need no escaping.
CREATE TABLE incident_kinds (
  kind TEXT NOT NULL,
  seq  INTEGER NOT NULL,                   -- incidents.seq
  PRIMARY KEY (kind, seq)
) WITHOUT ROWID;
CREATE INDEX incident_kinds_incident ON incident_kinds (seq);
INSERT OR IGNORE INTO incident_kinds (kind, seq)
  SELECT k.value, i.seq
  FROM incidents i, json_each('["' || replace(i.kind, ',', '","') || '"]') k
  WHERE i.merged_into IS NULL AND i.kind IS NOT NULL AND i.kind <> '';

CREATE TRIGGER incident_kinds_insert AFTER INSERT ON incidents
  WHEN new.merged_into IS NULL AND new.kind IS NOT NULL AND new.kind <> ''
BEGIN
  INSERT OR IGNORE INTO incident_kinds (kind, seq)
    SELECT value, new.seq FROM json_each('["' || replace(new.kind, ',', '","') || '"]');
END;
CREATE TRIGGER incident_kinds_update AFTER UPDATE OF kind, merged_into ON incidents
  WHEN old.kind IS NOT new.kind OR old.merged_into IS NOT new.merged_into
BEGIN
  DELETE FROM incident_kinds WHERE seq = old.seq;
  INSERT OR IGNORE INTO incident_kinds (kind, seq)
    SELECT value, new.seq FROM json_each('["' || replace(new.kind, ',', '","') || '"]')
    WHERE new.merged_into IS NULL AND new.kind IS NOT NULL AND new.kind <> '';
END;
CREATE TRIGGER incident_kinds_delete AFTER DELETE ON incidents
BEGIN
  DELETE FROM incident_kinds WHERE seq = old.seq;
END;
