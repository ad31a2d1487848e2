-- tipwire schema, version 1: reports, incidents, the durable pipeline queue,
-- live events, access tokens and idempotency keys.
-- Times are INTEGER epoch milliseconds (UTC); structured values are JSON text.

CREATE TABLE incidents (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  start_at     INTEGER NOT NULL,
  end_at       INTEGER NOT NULL,
  centroid_lat REAL,
  centroid_lon REAL,
  report_count INTEGER NOT NULL DEFAULT 0,
  -- running totals (see domain/incident.ts): members with a point, and their unit-vector sum
  point_count  INTEGER NOT NULL DEFAULT 0,
  sum_x        REAL NOT NULL DEFAULT 0,
  sum_y        REAL NOT NULL DEFAULT 0,
  sum_z        REAL NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE TABLE reports (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  external_id      TEXT,
  channel          TEXT NOT NULL,
  narrative        TEXT NOT NULL,
  category         TEXT,
  received_at      INTEGER NOT NULL,
  claims           TEXT NOT NULL,            -- the reporter's time/place claims as given (JSON)
  caller_pseudonym TEXT,                     -- keyed HMAC of the E.164 number; never the number
  stage            TEXT NOT NULL DEFAULT 'received',
  observed_time    TEXT,                     -- normalized ObservedTime (JSON)
  observed_place   TEXT,                     -- normalized ObservedPlace (JSON)
  flags            TEXT NOT NULL DEFAULT '[]',
  -- comparison window and point used by correlation (copied out of the JSON for indexing)
  event_from       INTEGER,
  event_to         INTEGER,
  lat              REAL,
  lon              REAL,
  incident_id      TEXT REFERENCES incidents(id)
);
CREATE INDEX reports_newest ON reports (received_at DESC, seq DESC);

-- Where and when each located report happened, for correlation: an R*Tree over
-- latitude, longitude and time (epoch minutes). Its 32-bit float bounds are rounded
-- outwards, so a box query returns a superset; the exact values ride along as
-- auxiliary columns, so a query never has to visit the (large) report rows.
CREATE VIRTUAL TABLE report_points USING rtree (
  seq,
  min_lat, max_lat,
  min_lon, max_lon,
  min_minute, max_minute,
  +report_id, +incident_id, +lat, +lon, +event_from, +event_to
);
CREATE INDEX reports_incident ON reports (incident_id);
CREATE INDEX reports_external ON reports (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE attachments (
  id           TEXT PRIMARY KEY,
  report_id    TEXT NOT NULL REFERENCES reports(id),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  data         BLOB NOT NULL
);
CREATE INDEX attachments_report ON attachments (report_id);

-- The pipeline's durable queue: one row per pending stage of a report. A stage's
-- effects, the deletion of its job and the insertion of the next job commit together.
CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  report_id    TEXT NOT NULL REFERENCES reports(id),
  stage        TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'ready',   -- ready | failed
  attempts     INTEGER NOT NULL DEFAULT 0,
  available_at INTEGER NOT NULL,
  last_error   TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX jobs_ready ON jobs (available_at, id) WHERE state = 'ready';

-- What the notify stage published, in order; the live stream replays from here.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: clients resume by id
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX events_created ON events (created_at);

-- API tokens: only a SHA-256 of the secret part is kept.
CREATE TABLE tokens (
  id          TEXT PRIMARY KEY,
  secret_hash BLOB NOT NULL,
  role        TEXT NOT NULL,
  label       TEXT,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);

-- Idempotency-Key records, written in the same transaction as what they answer for.
CREATE TABLE idempotency_keys (
  principal    TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  response     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_created ON idempotency_keys (created_at);
