-- tipwire schema, version 12: what intake reads from an attachment's bytes (F8).
--
-- `media` is domain/media.ts's MediaFacts as JSON: the type by magic bytes, the pixel
-- size from the header, why the file was refused further reading, and its camera
-- metadata (capture time and offset, GPS position, device, edit traces). It is in the
-- clear: the evidence analysts are shown and the checks judge; no file name, digest
-- or serial number is in it. NULL for files stored before version 12.
ALTER TABLE attachments ADD COLUMN media TEXT;

-- The perceptual hashes of stored images cut into bands (verify/near-dup/phash.ts): an
-- image reused from an earlier report is found by the bands it shares, without a walk
-- over every image. One row per band and attachment; deleted with the report.
CREATE TABLE media_bands (
  band TEXT NOT NULL,
  attachment_id TEXT NOT NULL,
  report_id TEXT NOT NULL,
  phash TEXT NOT NULL,
  PRIMARY KEY (band, attachment_id)
) WITHOUT ROWID;
CREATE INDEX media_bands_report ON media_bands (report_id);

-- What an analyst judged or measured on a report's photo (domain/evidence.ts: that it
-- shows daylight, a shadow's bearing and length) for the sun checks, as JSON; NULL: none.
ALTER TABLE reports ADD COLUMN sun_evidence TEXT;
