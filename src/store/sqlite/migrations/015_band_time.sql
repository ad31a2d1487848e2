-- tipwire schema, version 15: a text band's reports found by the time they came in.
--
-- A report's near-identical copies are looked for among the reports received in a window
-- (TIPWIRE_CORRELATE_COPY_WINDOW_HOURS for correlation, TIPWIRE_TEXT_REUSE_WINDOW_HOURS
-- for the text-reuse check). Keyed by band alone, a lookup read every report ever sent
-- with the band before the window could be applied: a common short text shares its bands
-- with thousands of reports in a year (up to 2,796 at 1 M stored in bench:incident-assign,
-- 130–620 ms for one lookup). With the report's received time after the band, a lookup
-- reads only the window's rows of each band. `reports.received_at` never changes.
CREATE TABLE report_bands_by_time (
  band        TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  report_id   TEXT NOT NULL REFERENCES reports(id),
  PRIMARY KEY (band, received_at, report_id)
) WITHOUT ROWID;

-- In key order, so the new table is written front to back. Each band row looks up its
-- report's time: minutes per million reports stored (BENCHMARKS.md, "The 1 M tail found
-- and removed").
INSERT INTO report_bands_by_time (band, received_at, report_id)
  SELECT b.band, r.received_at, b.report_id
  FROM report_bands b JOIN reports r ON r.id = b.report_id
  ORDER BY 1, 2, 3;

DROP TRIGGER reports_bands_delete;
DROP TABLE report_bands;
ALTER TABLE report_bands_by_time RENAME TO report_bands;
CREATE INDEX report_bands_report ON report_bands (report_id);

CREATE TRIGGER reports_bands_delete BEFORE DELETE ON reports
BEGIN
  DELETE FROM report_bands WHERE report_id = old.id;
END;
