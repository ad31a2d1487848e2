-- tipwire schema, version 12: what intake reads from an attachment's bytes (F8).
--
-- `media` is domain/media.ts's MediaFacts as JSON: the type by magic bytes, the pixel
-- size from the header, why the file was refused further reading, and its camera
-- metadata (capture time and offset, GPS position, device, edit traces). It is in the
-- clear: the evidence analysts are shown and the checks judge; no file name, digest
-- or serial number is in it. NULL for files stored before version 12.
ALTER TABLE attachments ADD COLUMN media TEXT;
