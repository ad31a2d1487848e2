-- tipwire schema, version 3: reporter protection, roles and offices, retention.
--
-- Narratives, attachments and follow-up messages are stored sealed (AES-256-GCM)
-- under a per-report data key, itself stored wrapped by the master key, which
-- lives outside the database. The plaintext columns of version 1 (`reports.narrative`,
-- `attachments.data`) stay for old rows only: tipwire seals those at start-up and
-- leaves '' (and an empty blob) behind; new rows never hold plaintext.

-- Facts about the database itself, e.g. which master key (its fingerprint) sealed it.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE offices (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL
);

ALTER TABLE reports ADD COLUMN narrative_sealed BLOB;
ALTER TABLE reports ADD COLUMN data_key BLOB;          -- the report's data key, wrapped
ALTER TABLE reports ADD COLUMN caller_link TEXT;       -- the caller's pseudonym under the previous epoch key
ALTER TABLE reports ADD COLUMN status TEXT NOT NULL DEFAULT 'new';
ALTER TABLE reports ADD COLUMN status_changed_at INTEGER;
ALTER TABLE reports ADD COLUMN queue TEXT NOT NULL DEFAULT 'analyst';
ALTER TABLE reports ADD COLUMN office_id TEXT REFERENCES offices(id);
CREATE INDEX reports_caller ON reports (caller_pseudonym) WHERE caller_pseudonym IS NOT NULL;
CREATE INDEX reports_caller_link ON reports (caller_link) WHERE caller_link IS NOT NULL;
CREATE INDEX reports_queue_newest ON reports (queue, received_at DESC, seq DESC);
CREATE INDEX reports_office_newest ON reports (office_id, received_at DESC, seq DESC)
  WHERE office_id IS NOT NULL;
CREATE INDEX reports_retention ON reports (status, status_changed_at)
  WHERE status IN ('closed', 'unfounded');

ALTER TABLE attachments ADD COLUMN data_sealed BLOB;
ALTER TABLE attachments ADD COLUMN meta_sealed BLOB;     -- {filename, sha256}, sealed; new rows keep '' in the old columns
ALTER TABLE incidents ADD COLUMN office_id TEXT REFERENCES offices(id);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,                -- scrypt, with its parameters and salt
  roles         TEXT NOT NULL,                -- comma-separated
  office_id     TEXT REFERENCES offices(id),
  created_at    INTEGER NOT NULL,
  disabled_at   INTEGER
);

-- tokens.role now holds comma-separated roles. Sessions (from a login) expire.
ALTER TABLE tokens ADD COLUMN user_id TEXT REFERENCES users(id);
ALTER TABLE tokens ADD COLUMN office_id TEXT REFERENCES offices(id);
ALTER TABLE tokens ADD COLUMN expires_at INTEGER;
CREATE INDEX tokens_expiry ON tokens (expires_at) WHERE expires_at IS NOT NULL;

-- Receipts let a reporter come back without an account; only a hash of the secret part.
CREATE TABLE receipts (
  lookup      TEXT PRIMARY KEY,
  secret_hash BLOB NOT NULL,
  report_id   TEXT NOT NULL REFERENCES reports(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX receipts_report ON receipts (report_id);

-- The conversation on a report: operators' questions and the reporter's answers, sealed.
CREATE TABLE report_messages (
  id          TEXT PRIMARY KEY,
  report_id   TEXT NOT NULL REFERENCES reports(id),
  author      TEXT NOT NULL,                  -- reporter | operator
  author_id   TEXT,                           -- the operator's principal; null for the reporter
  body_sealed BLOB NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX report_messages_report ON report_messages (report_id, created_at);

-- Blind index: keyed HMACs of the words of narratives and messages, apart from the
-- text. `reports.search_tokens` holds a report's tokens (16 bytes each); the
-- contentless FTS5 index (rowid = reports.seq) finds reports holding all of a query's
-- tokens, written as hex words. FTS5 appends to segments instead of updating a
-- B-tree page per token, which keeps intake's transactions small.
ALTER TABLE reports ADD COLUMN search_tokens BLOB;
CREATE VIRTUAL TABLE search_index USING fts5 (
  tokens, content = '', contentless_delete = 1, tokenize = 'ascii'
);
