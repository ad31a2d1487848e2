-- tipwire schema, version 14: attachments sealed as they arrive (F8).
--
-- A file is stored as segments (protect/sealed-file.ts): each sealed on its own under the
-- file's random key, which is kept only inside the attachment's sealed facts
-- (`attachments.meta_sealed`, under the report's data key). `segment_bytes` is the size of
-- a segment's plaintext (the last one may be shorter); NULL for files stored before
-- version 14, sealed whole in `attachments.data_sealed`.
ALTER TABLE attachments ADD COLUMN segment_bytes INTEGER;

CREATE TABLE file_segments (
  attachment_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (attachment_id, seq)
);

-- A multipart upload's files are written while they arrive, before their report is
-- stored: staged until the report's transaction claims them (deletes the row here).
-- A staged file whose report was refused is deleted at once; one whose request was cut
-- off by a crash is deleted by the `staged-files` job after TIPWIRE_STAGED_FILE_TTL_SECONDS.
-- Nobody can open such a file: its key was only ever in the lost request's memory.
CREATE TABLE staged_files (
  attachment_id TEXT PRIMARY KEY,
  staged_at INTEGER NOT NULL
);
CREATE INDEX staged_files_at ON staged_files (staged_at);
