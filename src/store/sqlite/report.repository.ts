/**
 * Reports in SQLite, with what hangs off them: attachments, blind-index search
 * tokens and the R*Tree of located reports. Text arrives sealed and leaves sealed:
 * this layer never sees a plaintext narrative (only what intake read from it: counts,
 * event kinds, the keyed sketch).
 */
import { isEventKind, type EventKind } from '../../domain/event-kinds.js';
import { AppError } from '../../domain/errors.js';
import type { SunEvidence } from '../../domain/evidence.js';
import type { TextScoreFacts } from '../../domain/text.js';
import {
  hammingDistance,
  PHASH_INDEX_REACH,
  phashBands,
  phashProbes,
  type MediaFacts,
} from '../../domain/media.js';
import { FLAG_FAMILIES, type FlagCode, type FlagFamily } from '../../domain/flags.js';
import type {
  CaseStatus,
  Channel,
  Claims,
  Interval,
  NewReport,
  ObservableToken,
  TextState,
  Normalization,
  ObservedPlace,
  ObservedTime,
  Queue,
  Report,
  ReportStage,
  StoredAttachment,
  GeocodedPlace,
  TextFacts,
} from '../../domain/report.js';
import { SEARCH_TOKEN_BYTES } from '../../domain/report.js';
import type {
  BoundingBox,
  CallerCall,
  Cursor,
  LegacyReport,
  NearbyReport,
  ReportFilter,
  ReportRepository,
  ReportVersion,
  WrappedDataKey,
  MediaBandMate,
  TextBandMate,
} from '../store.js';
import type { Db } from './database.js';
import { createReportLists } from './report-list.js';
import { createFileRepository } from './file.repository.js';

interface ReportRow {
  seq: number;
  id: string;
  external_id: string | null;
  channel: string;
  category: string | null;
  received_at: number;
  claims: string;
  caller_pseudonym: string | null;
  caller_link: string | null;
  submitted_by: string | null;
  sender: string | null;
  content_hash: string | null;
  version: number;
  narrative_sealed: Buffer | null;
  subjects_sealed: Buffer | null;
  data_key: Buffer | null;
  text_facts: string | null;
  /** Comma-separated kind codes; null when none (or stored before schema version 9). */
  event_kinds: string | null;
  text_sketch: Buffer | null;
  assessment: string | null;
  geocoded: string | null;
  geocode_state: string | null;
  stage: string;
  status: string;
  status_changed_at: number | null;
  queue: string;
  office_id: string | null;
  observed_time: string | null;
  observed_place: string | null;
  flags: string;
  incident_id: string | null;
  incident_reason: string | null;
  incident_pinned: number;
  sun_evidence: string | null;
  text_score: string | null;
  observables_sealed: Buffer | null;
  text_state: string | null;
}

const CHUNK = 1000;
const MINUTE = 60_000;
const REPORT_COLUMNS = `seq, id, external_id, channel, category, received_at, claims,
  caller_pseudonym, caller_link, narrative_sealed, subjects_sealed, data_key, text_facts, stage,
  status, status_changed_at, queue, office_id, observed_time, observed_place, flags, incident_id,
  incident_reason, incident_pinned, assessment, geocoded, geocode_state, submitted_by, event_kinds,
  text_sketch, sender, content_hash, version, sun_evidence, text_score, observables_sealed, text_state`;

/** Flags about a report's content (every family but the caller's `abuse`): a new version clears them. */
const CONTENT_FLAG_FAMILIES = FLAG_FAMILIES.filter((family) => family !== 'abuse');

/** The flag families a writer owns: it replaces its own flags and leaves the others alone. */
const familyOf = (flag: string) => {
  const dot = flag.indexOf('.');
  // A flag without a dot is a family of its own.
  return dot < 0 ? flag : flag.slice(0, dot);
};

export function createReportRepository(db: Db): ReportRepository {
  const insertReport = db.prepare(`INSERT INTO reports
    (id, external_id, channel, narrative, narrative_sealed, subjects_sealed, data_key, text_facts,
     category, received_at, claims, caller_pseudonym, caller_link, status_changed_at,
     submitted_by, event_kinds, text_sketch, sender, content_hash, text_state)
    VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`);
  const addObservable = db.prepare(
    'INSERT OR IGNORE INTO report_observables (token, report_id, type) VALUES (?, ?, ?)',
  );
  const clearObservables = db.prepare('DELETE FROM report_observables WHERE report_id = ?');
  const setObservables = db.prepare('UPDATE reports SET observables_sealed = ? WHERE id = ?');
  const idsAfter = db.prepare(
    'SELECT seq, id, stage FROM reports WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const setText = db.prepare(`UPDATE reports SET text_score = @score,
    observables_sealed = @observables, text_state = @state
    WHERE id = @id AND version = @version AND text_state = 'pending'`);
  const textPending = db.prepare(`SELECT id, version, data_key AS dataKey,
    narrative_sealed AS narrative, subjects_sealed AS subjects
    FROM reports WHERE text_state = 'pending' ORDER BY seq LIMIT ?`);
  const narrativesOf = db.prepare(`SELECT id, data_key AS dataKey, narrative_sealed AS narrative
    FROM reports WHERE status = ? AND narrative_sealed IS NOT NULL AND data_key IS NOT NULL
    ORDER BY status_changed_at DESC LIMIT ?`);
  const observableCounts = db.prepare(`SELECT token, count(*) AS reports FROM report_observables
    WHERE token IN (SELECT value FROM json_each(?)) AND report_id <> ? GROUP BY token`);
  const insertAttachment = db.prepare(`INSERT INTO attachments
    (id, report_id, filename, content_type, size_bytes, sha256, data, meta_sealed, media, segment_bytes)
    VALUES (?, ?, '', ?, ?, '', zeroblob(0), ?, ?, ?)`);
  const files = createFileRepository(db);
  const indexTokens = db.prepare(`INSERT OR REPLACE INTO search_index (rowid, tokens)
    SELECT seq, ? FROM reports WHERE id = ?`);
  const storeTokens = db.prepare('UPDATE reports SET search_tokens = ? WHERE id = ?');
  const tokensOf = db.prepare('SELECT search_tokens FROM reports WHERE id = ?').pluck();
  const byId = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = ?`);
  const bySender = db.prepare(
    `SELECT ${REPORT_COLUMNS} FROM reports WHERE sender = ? AND external_id = ?`,
  );
  // A version's content moves whole; event kinds and the sketch with it (schema 9).
  const keepVersion = db.prepare(`INSERT INTO report_versions
    (report_id, version, narrative_sealed, subjects_sealed, claims, category, text_facts,
     event_kinds, text_sketch, content_hash, replaced_at, replaced_by)
    SELECT id, version, narrative_sealed, subjects_sealed, claims, category, text_facts,
      event_kinds, text_sketch, content_hash, @at, @by
    FROM reports WHERE id = @id AND version = @from`);
  // The new content; what the stages made of the old one goes (stage 'received').
  // The new text's kinds and sketch come with it (intake reads them); its bands go
  // until correlate writes the new ones.
  const writeVersion = db.prepare(`UPDATE reports SET version = version + 1,
    narrative_sealed = @narrative, subjects_sealed = @subjects, claims = @claims,
    category = @category, text_facts = @textFacts, content_hash = @contentHash,
    event_kinds = @eventKinds, text_sketch = @textSketch, text_score = NULL,
    observables_sealed = NULL, text_state = 'pending', stage = 'received', observed_time = NULL, observed_place = NULL, event_from = NULL,
    event_to = NULL, lat = NULL, lon = NULL, assessment = NULL, completeness = NULL,
    geocoded = NULL, geocode_state = NULL
    WHERE id = @id RETURNING version`);
  const versionsOf = db.prepare(`SELECT report_id AS reportId, version,
    narrative_sealed AS narrative, subjects_sealed AS subjects, claims, category,
    text_facts AS textFacts, content_hash AS contentHash, replaced_at AS replacedAt,
    replaced_by AS replacedBy
    FROM report_versions WHERE report_id = ? ORDER BY version`);
  const clearStageRows = [
    'DELETE FROM findings WHERE report_id = ?',
    'DELETE FROM check_runs WHERE report_id = ?',
  ].map((sql) => db.prepare(sql));
  const chunkAfter = db.prepare(
    `SELECT ${REPORT_COLUMNS} FROM reports WHERE seq > ? ORDER BY seq LIMIT ${CHUNK}`,
  );
  const flagsOf = db.prepare('SELECT flags, received_at AS at, seq FROM reports WHERE id = ?');
  const setFlagsStmt = db.prepare('UPDATE reports SET flags = ? WHERE id = ?');
  // The list filters' copy of each flag (migration 011), written here with the flags: a
  // trigger parsing both JSON arrays cost ~50 µs per write, this a few per flag changed.
  const addFlag = db.prepare(
    'INSERT OR IGNORE INTO report_flags (flag, received_at, seq) VALUES (?, ?, ?)',
  );
  const dropFlag = db.prepare(
    'DELETE FROM report_flags WHERE flag = ? AND received_at = ? AND seq = ?',
  );
  const saveNorm = db.prepare(`UPDATE reports SET observed_time = ?, observed_place = ?,
    event_from = ?, event_to = ?, lat = ?, lon = ?, assessment = ?, completeness = ?,
    stage = 'normalized' WHERE id = ?`);
  const updateClaims = db.prepare(`UPDATE reports SET claims = ?,
    subjects_sealed = coalesce(?, subjects_sealed), text_facts = ? WHERE id = ?`);
  const setGeocode = db.prepare('UPDATE reports SET geocoded = ?, geocode_state = ? WHERE id = ?');
  const wantedGeocodes = db
    .prepare(`SELECT id FROM reports WHERE geocode_state = 'wanted' ORDER BY seq LIMIT ?`)
    .pluck();
  const completenessStats = db.prepare(`SELECT count(*) AS reports, avg(completeness) AS mean,
    min(completeness) AS min, max(completeness) AS max FROM reports
    WHERE completeness IS NOT NULL AND received_at >= @from AND received_at < @to
    AND (@queue IS NULL OR queue = @queue)`);
  const setStage = db.prepare('UPDATE reports SET stage = ? WHERE id = ?');
  const setQueue = db.prepare('UPDATE reports SET queue = ? WHERE id = ?');
  const setCategory = db.prepare('UPDATE reports SET category = ? WHERE id = ?');
  const setSunEvidence = db.prepare('UPDATE reports SET sun_evidence = ? WHERE id = ?');
  const setEventKinds = db.prepare('UPDATE reports SET event_kinds = ? WHERE id = ?');
  const setStatus = db.prepare('UPDATE reports SET status = ?, status_changed_at = ? WHERE id = ?');
  const setOffice = db.prepare('UPDATE reports SET office_id = ? WHERE id = ?');
  const clearBands = db.prepare('DELETE FROM report_bands WHERE report_id = ?');
  // Keyed by band then received time (schema 15): a lookup reads only its window's rows.
  // One statement per report: its received time is read once for all its bands.
  const addBands = db.prepare(`INSERT OR IGNORE INTO report_bands (band, received_at, report_id)
    SELECT b.value, r.received_at, r.id FROM reports r, json_each(?) b WHERE r.id = ?`);
  const addMediaBand = db.prepare(`INSERT OR IGNORE INTO media_bands
    (band, attachment_id, report_id, phash) VALUES (?, ?, ?, ?)`);
  // The distance is taken in SQL, so the limit counts near images, not every band mate.
  db.function('tipwire_phash_distance', { deterministic: true }, (a, b) =>
    hammingDistance(String(a), String(b)),
  );
  const mediaBandMates = db.prepare(`SELECT m.report_id AS reportId,
      m.attachment_id AS attachmentId, m.phash, r.channel, r.caller_pseudonym AS callerPseudonym,
      r.caller_link AS callerLink, r.sender
    FROM (SELECT DISTINCT attachment_id, report_id, phash FROM media_bands
          WHERE band IN (SELECT value FROM json_each(@probes)) AND report_id <> @exceptId) m
    JOIN reports r ON r.id = m.report_id
    WHERE r.received_at < @before AND tipwire_phash_distance(m.phash, @phash) <= @reach
    ORDER BY r.received_at
    LIMIT @limit`);
  // No ORDER BY: the scan stops at the limit. Ranking by shared bands read every band mate
  // (60 ms a report with 20,000 copies in the window, against under 1 ms).
  const bandMates = db.prepare(`SELECT DISTINCT r.id AS reportId, r.incident_id AS incidentId,
      r.received_at AS receivedAt, r.text_sketch AS sketch, r.channel,
      r.caller_pseudonym AS callerPseudonym, r.caller_link AS callerLink, r.sender
    FROM report_bands b JOIN reports r ON r.id = b.report_id
    WHERE b.band IN (SELECT value FROM json_each(@bands))
      AND b.received_at >= @since AND b.received_at < @before
      AND r.id <> @exceptId AND r.text_sketch IS NOT NULL
    LIMIT @limit`);
  const setReason = db.prepare('UPDATE reports SET incident_reason = ? WHERE id = ?');
  const pin = db.prepare(
    `UPDATE reports SET incident_id = ?, incident_pinned = 1, incident_reason = NULL WHERE id = ?`,
  );
  const setIncident = db.prepare(
    `UPDATE reports SET incident_id = ?, stage = 'correlated' WHERE id = ?`,
  );
  // A report enters the spatial index when it joins an incident: only then can others join it.
  const addPoint = db.prepare(`INSERT OR REPLACE INTO report_points
    SELECT seq, lat, lat, lon, lon, event_from / ${MINUTE}.0, event_to / ${MINUTE}.0,
      id, incident_id, lat, lon, event_from, event_to
    FROM reports WHERE id = ? AND lat IS NOT NULL AND event_from IS NOT NULL`);
  const removePoint = db.prepare(
    'DELETE FROM report_points WHERE seq = (SELECT seq FROM reports WHERE id = ?)',
  );
  const near = db.prepare(`SELECT report_id AS id, incident_id AS incidentId, lat, lon,
      event_from AS "from", event_to AS "to"
    FROM report_points
    WHERE min_lat <= @maxLat AND max_lat >= @minLat
      AND min_lon <= @maxLon AND max_lon >= @minLon
      AND min_minute <= @toMinute AND max_minute >= @fromMinute
      AND event_from <= @to AND event_to >= @from
      AND lat BETWEEN @minLat AND @maxLat AND lon BETWEEN @minLon AND @maxLon`);
  const count = db.prepare('SELECT count(*) FROM reports').pluck();
  const attachmentsOf = db.prepare(`SELECT id, content_type AS contentType,
    size_bytes AS sizeBytes, meta_sealed AS sealedMeta, media, segment_bytes AS segmentBytes
    FROM attachments
    WHERE report_id = ? ORDER BY rowid`);
  const attachmentData = db
    .prepare('SELECT data_sealed FROM attachments WHERE id = ? AND report_id = ?')
    .pluck();
  const hasAttachments = db.prepare('SELECT 1 FROM attachments LIMIT 1').pluck();
  const callerCalls = db.prepare(`SELECT id, received_at AS receivedAt, flags, queue FROM reports
    WHERE caller_pseudonym IN (SELECT value FROM json_each(?))
      OR caller_link IN (SELECT value FROM json_each(?))
    ORDER BY received_at, seq`);
  const legacy = db.prepare(`SELECT id, narrative FROM reports
    WHERE narrative_sealed IS NULL AND narrative <> '' LIMIT ?`);
  const legacyAttachments = db.prepare(`SELECT id, report_id AS reportId, filename, sha256, data
    FROM attachments WHERE data_sealed IS NULL AND segment_bytes IS NULL LIMIT ?`);
  const sealLegacy = db.prepare(
    `UPDATE reports SET narrative = '', narrative_sealed = ?, data_key = ? WHERE id = ?`,
  );
  const sealLegacyAttachment = db.prepare(`UPDATE attachments SET filename = '', sha256 = '',
    data = zeroblob(0), data_sealed = ?, meta_sealed = ? WHERE id = ?`);
  const dataKeyOf = db.prepare('SELECT data_key FROM reports WHERE id = ?').pluck();
  const dataKeysAfter = db.prepare(`SELECT seq, id, data_key AS wrapped FROM reports
    WHERE seq > ? AND data_key IS NOT NULL ORDER BY seq LIMIT ?`);
  const setDataKey = db.prepare('UPDATE reports SET data_key = ? WHERE id = ?');
  const countKeys = db.prepare('SELECT count(*) FROM reports WHERE data_key IS NOT NULL').pluck();
  const retained = db
    .prepare(
      `SELECT id FROM reports
      WHERE status = ? AND coalesce(status_changed_at, received_at) < ? LIMIT ?`,
    )
    .pluck();
  const removals = [
    removePoint,
    ...[
      'DELETE FROM search_index WHERE rowid = (SELECT seq FROM reports WHERE id = ?)',
      `DELETE FROM file_segments
        WHERE attachment_id IN (SELECT id FROM attachments WHERE report_id = ?)`,
      'DELETE FROM attachments WHERE report_id = ?',
      'DELETE FROM media_bands WHERE report_id = ?',
      'DELETE FROM report_observables WHERE report_id = ?',
      'DELETE FROM report_messages WHERE report_id = ?',
      'DELETE FROM receipts WHERE report_id = ?',
      'DELETE FROM jobs WHERE report_id = ?',
      'DELETE FROM reports WHERE id = ?',
    ].map((sql) => db.prepare(sql)),
  ];

  function insertObservables(id: string, tokens: readonly ObservableToken[]) {
    for (const o of tokens) addObservable.run(o.token, id, o.type);
  }

  // Most reports carry no attachment: skip the per-report lookup until one exists.
  let anyAttachment = hasAttachments.get() !== undefined;
  function insertAttachments(r: NewReport) {
    for (const a of r.attachments) {
      const media = a.media ? JSON.stringify(a.media) : null;
      if (a.sealed === 'staged') {
        // Its segments were written as the upload arrived; a sweep may have taken them.
        if (!files.claim(a.id)) {
          throw new AppError(
            'staged_file_missing',
            'technical',
            'a staged upload was swept before its report was stored (TIPWIRE_STAGED_FILE_TTL_SECONDS)',
          );
        }
      } else {
        files.insertSegments(a.id, a.sealed.segments);
      }
      insertAttachment.run(
        a.id,
        r.id,
        a.contentType,
        a.sizeBytes,
        a.sealedMeta,
        media,
        a.segmentBytes,
      );
      const phash = a.media?.phash;
      if (phash) for (const band of phashBands(phash)) addMediaBand.run(band, a.id, r.id, phash);
      anyAttachment = true;
    }
  }
  const attachments = (reportId: string): StoredAttachment[] =>
    anyAttachment
      ? (
          attachmentsOf.all(reportId) as (Omit<StoredAttachment, 'media'> & {
            media: string | null;
          })[]
        ).map((a) => ({
          ...a,
          media: a.media === null ? null : (JSON.parse(a.media) as MediaFacts),
        }))
      : [];
  const toReport = (row: ReportRow): Report => ({
    ...reportFromRow(row),
    attachments: attachments(row.id),
  });

  const lists = createReportLists(db, REPORT_COLUMNS);

  function list(limit: number, after: Cursor | undefined, filter: ReportFilter, tokens: Buffer[]) {
    const unique = [...new Map(tokens.map((t) => [t.toString('hex'), t])).values()];
    // One row more than the page: a full last page then says there is nothing after it.
    const rows = lists.rows({
      filter,
      after,
      // A MATCH of hex words, all of which must occur (FTS5's implicit AND).
      match: unique.length > 0 ? unique.map((t) => t.toString('hex')).join(' ') : undefined,
      limit: limit + 1,
    }) as ReportRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toReport),
      next: rows.length > limit && last ? { at: last.received_at, seq: last.seq } : null,
    };
  }

  /** Stores a report's tokens (deduplicated) and (re)indexes them. */
  function writeTokens(id: string, tokens: Buffer[]) {
    const unique = [...new Map(tokens.map((t) => [t.toString('hex'), t])).entries()];
    storeTokens.run(Buffer.concat(unique.map(([, t]) => t)), id);
    indexTokens.run(unique.map(([hex]) => hex).join(' '), id);
  }

  type FlagsRow = { flags: string; at: number; seq: number };
  // reports.flags and report_flags change together (a savepoint inside the caller's transaction).
  const replaceFlags = db.transaction((id: string, families: FlagFamily[], flags: FlagCode[]) => {
    const row = flagsOf.get(id) as FlagsRow | undefined;
    if (!row) return;
    const current = JSON.parse(row.flags) as string[];
    const kept = current.filter((f) => !(families as string[]).includes(familyOf(f)));
    const next = [...kept, ...flags.filter((f) => !kept.includes(f))];
    setFlagsStmt.run(JSON.stringify(next), id);
    for (const f of current) if (!next.includes(f)) dropFlag.run(f, row.at, row.seq);
    for (const f of next) if (!current.includes(f)) addFlag.run(f, row.at, row.seq);
  });

  /** Drops a report's rows of report_flags (before the report itself goes). */
  function dropFlags(id: string) {
    const row = flagsOf.get(id) as FlagsRow | undefined;
    if (row) for (const f of JSON.parse(row.flags) as string[]) dropFlag.run(f, row.at, row.seq);
  }

  return {
    insert(r: NewReport) {
      insertReport.run(
        r.id,
        r.externalId,
        r.channel,
        r.sealed.narrative,
        r.sealed.subjects,
        r.sealed.dataKey,
        JSON.stringify(r.textFacts),
        r.category,
        r.receivedAt,
        JSON.stringify(r.claims),
        r.callerPseudonym,
        r.callerLink,
        r.receivedAt,
        r.submittedBy,
        eventKindsColumn(r.eventKinds),
        r.textSketch,
        r.sender,
        r.contentHash,
      );
      writeTokens(r.id, r.searchTokens);
      insertAttachments(r);
    },
    findBySender(sender, externalId) {
      const row = bySender.get(sender, externalId) as ReportRow | undefined;
      return row ? toReport(row) : null;
    },
    replaceContent(next, change) {
      // A savepoint inside the caller's transaction, or a transaction of its own.
      return db.transaction(() => {
        const kept = keepVersion.run({
          id: next.id,
          from: change.from,
          at: change.at,
          by: change.by,
        });
        if (kept.changes === 0) {
          throw new AppError(
            'report_version_changed',
            'conflict',
            'the report changed meanwhile (another version came first, or it is gone); send it again',
          );
        }
        const { version } = writeVersion.get({
          id: next.id,
          narrative: next.sealed.narrative,
          subjects: next.sealed.subjects,
          claims: JSON.stringify(next.claims),
          category: next.category,
          textFacts: JSON.stringify(next.textFacts),
          contentHash: next.contentHash,
          eventKinds: eventKindsColumn(next.eventKinds),
          textSketch: next.textSketch,
        }) as { version: number };
        // The new text is read again (text-backlog.ts): what the old one named goes.
        clearObservables.run(next.id);
        clearBands.run(next.id);
        // The caller's flags stay (a new version is no new call); the others were the content's.
        replaceFlags(next.id, CONTENT_FLAG_FAMILIES, []);
        for (const stmt of clearStageRows) stmt.run(next.id);
        removePoint.run(next.id);
        const stored = (tokensOf.get(next.id) as Buffer | null | undefined) ?? Buffer.alloc(0);
        writeTokens(next.id, [...splitTokens(stored), ...next.searchTokens]);
        insertAttachments(next);
        return version;
      })();
    },
    versions: (id) =>
      (
        versionsOf.all(id) as (Omit<ReportVersion, 'sealed' | 'claims' | 'textFacts'> & {
          narrative: Buffer;
          subjects: Buffer | null;
          claims: string;
          textFacts: string | null;
        })[]
      ).map(({ narrative, subjects, claims, textFacts, ...v }) => ({
        ...v,
        sealed: { narrative, subjects },
        claims: JSON.parse(claims) as Claims,
        textFacts: textFactsOf(textFacts),
      })),
    addSearchTokens(id, tokens) {
      const stored = (tokensOf.get(id) as Buffer | null | undefined) ?? Buffer.alloc(0);
      writeTokens(id, [...splitTokens(stored), ...tokens]);
    },
    get(id) {
      const row = byId.get(id) as ReportRow | undefined;
      return row ? toReport(row) : null;
    },
    listNewest: (limit, after, filter = {}) => list(limit, after, filter, []),
    // A query without a searchable word matches nothing (not everything).
    search: (tokens, limit, after, filter = {}) =>
      tokens.length === 0 ? { items: [], next: null } : list(limit, after, filter, tokens),
    *all() {
      // In chunks: an open statement iterator would block every other query on the connection.
      let after = 0;
      for (;;) {
        const rows = chunkAfter.all(after) as ReportRow[];
        for (const row of rows) yield toReport(row);
        if (rows.length < CHUNK) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
    saveNormalization(id, n: Normalization, window: Interval, point) {
      const { time, place, flags: _flags, ...assessment } = n;
      saveNorm.run(
        time ? JSON.stringify(time) : null,
        place ? JSON.stringify(place) : null,
        window.from,
        window.to,
        point?.lat ?? null,
        point?.lon ?? null,
        Object.keys(assessment).length > 0 ? JSON.stringify(assessment) : null,
        assessment.completeness?.score ?? null,
        id,
      );
      replaceFlags(id, ['time', 'place', 'source'], n.flags);
    },
    replaceFlags,
    setSunEvidence(id, evidence) {
      setSunEvidence.run(evidence ? JSON.stringify(evidence) : null, id);
    },
    updateClaims(id, claims, textFacts, sealedSubjects) {
      updateClaims.run(JSON.stringify(claims), sealedSubjects, JSON.stringify(textFacts), id);
    },
    setGeocode(id, geocoded, state) {
      setGeocode.run(geocoded ? JSON.stringify(geocoded) : null, state, id);
    },
    geocodesWanted: (limit) => wantedGeocodes.all(limit) as string[],
    completeness(from, to, filter = {}) {
      return completenessStats.get({ from, to, queue: filter.queue ?? null }) as {
        reports: number;
        mean: number | null;
        min: number | null;
        max: number | null;
      };
    },
    setStage(id, stage: ReportStage) {
      setStage.run(stage, id);
    },
    setQueue(id, queue: Queue) {
      setQueue.run(queue, id);
    },
    setCategory(id, category) {
      setCategory.run(category, id);
    },
    setEventKinds(id, kinds) {
      setEventKinds.run(eventKindsColumn(kinds), id);
    },
    setStatus(id, status: CaseStatus, at: number) {
      setStatus.run(status, at, id);
    },
    assignOffice(id, officeId) {
      setOffice.run(officeId, id);
    },
    assignIncident(id, incidentId) {
      setIncident.run(incidentId, id);
      // Its point as normalized now: moved, or gone when it no longer has one.
      removePoint.run(id);
      addPoint.run(id);
    },
    setBands(id, bands) {
      clearBands.run(id);
      addBands.run(JSON.stringify(bands.slice(0, 16)), id);
    },
    similarImages(phash, before, exceptId, limit) {
      return mediaBandMates.all({
        probes: JSON.stringify(phashProbes(phash)),
        phash,
        reach: PHASH_INDEX_REACH,
        before,
        exceptId,
        limit,
      }) as MediaBandMate[];
    },
    idsAfter: (afterSeq, limit) =>
      idsAfter.all(afterSeq, limit) as { seq: number; id: string; stage: ReportStage }[],
    pendingText(limit) {
      const rows = textPending.all(limit) as {
        id: string;
        version: number;
        dataKey: Buffer;
        narrative: Buffer;
        subjects: Buffer | null;
      }[];
      return rows.map(({ id, version, ...sealed }) => ({ id, version, sealed }));
    },
    setTextAnalysis(id, version, analysis) {
      const { changes } = setText.run({
        id,
        version,
        score: analysis.textScore ? JSON.stringify(analysis.textScore) : null,
        observables: analysis.observables,
        state: analysis.state,
      });
      if (changes === 0) return false;
      clearObservables.run(id);
      insertObservables(id, analysis.tokens);
      return true;
    },
    sealedNarratives(status, limit) {
      const rows = narrativesOf.all(status, limit) as {
        id: string;
        dataKey: Buffer;
        narrative: Buffer;
      }[];
      return rows.map(({ id, dataKey, narrative }) => ({ id, sealed: { dataKey, narrative } }));
    },
    replaceObservables(id, sealed, tokens) {
      setObservables.run(sealed, id);
      clearObservables.run(id);
      insertObservables(id, tokens);
    },
    observableCounts(tokens, exceptId) {
      if (tokens.length === 0) return new Map();
      const rows = observableCounts.all(JSON.stringify(tokens), exceptId) as {
        token: string;
        reports: number;
      }[];
      return new Map(rows.map((r) => [r.token, r.reports]));
    },
    sharingBands(bands, since, before, exceptId, limit) {
      if (bands.length === 0) return [];
      return bandMates.all({
        bands: JSON.stringify(bands),
        since,
        before,
        exceptId,
        limit,
      }) as TextBandMate[];
    },
    setIncidentReason(id, reason) {
      setReason.run(reason, id);
    },
    pinIncident(id, incidentId) {
      pin.run(incidentId, id);
      // findNear names the incident it is in now.
      removePoint.run(id);
      addPoint.run(id);
    },
    findNear(window: Interval, box: BoundingBox) {
      return near.all({
        from: window.from,
        to: window.to,
        fromMinute: window.from / MINUTE,
        toMinute: window.to / MINUTE,
        ...box,
      }) as NearbyReport[];
    },
    callerHistory(pseudonyms) {
      if (pseudonyms.length === 0) return [];
      const list = JSON.stringify(pseudonyms);
      const rows = callerCalls.all(list, list) as (Omit<CallerCall, 'flags'> & { flags: string })[];
      return rows.map((r) => ({ ...r, flags: JSON.parse(r.flags) as string[] }));
    },
    count: () => count.get() as number,
    attachments,
    attachmentData: (reportId, attachmentId) =>
      (attachmentData.get(attachmentId, reportId) as Buffer | null | undefined) ?? null,
    dataKey: (id) => (dataKeyOf.get(id) as Buffer | null | undefined) ?? null,
    wrappedDataKeys: (afterSeq, limit) => dataKeysAfter.all(afterSeq, limit) as WrappedDataKey[],
    replaceDataKey(id, wrapped) {
      setDataKey.run(wrapped, id);
    },
    countDataKeys: () => countKeys.get() as number,
    legacyPlaintext(limit): LegacyReport[] {
      const reports = legacy.all(limit) as { id: string; narrative: string }[];
      const files = legacyAttachments.all(limit) as {
        id: string;
        reportId: string;
        filename: string;
        sha256: string;
        data: Buffer;
      }[];
      return [
        ...reports.map((r) => ({ kind: 'narrative' as const, reportId: r.id, text: r.narrative })),
        ...files.map((f) => ({
          kind: 'attachment' as const,
          reportId: f.reportId,
          attachmentId: f.id,
          filename: f.filename,
          sha256: f.sha256,
          data: f.data,
        })),
      ];
    },
    sealLegacyNarrative(id, sealed) {
      sealLegacy.run(sealed.narrative, sealed.dataKey, id);
    },
    sealLegacyAttachment(attachmentId, sealedData, sealedMeta) {
      sealLegacyAttachment.run(sealedData, sealedMeta, attachmentId);
    },
    expired: (status, before, limit) => retained.all(status, before, limit) as string[],
    remove(id) {
      dropFlags(id);
      for (const stmt of removals) stmt.run(id);
    },
  };
}

/** A report's stored tokens, 16 bytes each. */
function splitTokens(blob: Buffer): Buffer[] {
  const tokens: Buffer[] = [];
  for (let i = 0; i + SEARCH_TOKEN_BYTES <= blob.length; i += SEARCH_TOKEN_BYTES) {
    tokens.push(blob.subarray(i, i + SEARCH_TOKEN_BYTES));
  }
  return tokens;
}

/** Kinds as stored: comma-separated codes, NULL for none. */
function eventKindsColumn(kinds: readonly EventKind[]): string | null {
  return kinds.length > 0 ? kinds.join(',') : null;
}

/** The stored kinds this version knows (a code retired from the vocabulary is dropped). */
function eventKindsOf(column: string | null): EventKind[] {
  return column === null ? [] : column.split(',').filter(isEventKind);
}

/** Text facts as stored; reports from before they were counted have none. */
function textFactsOf(column: string | null): TextFacts {
  return column ? (JSON.parse(column) as TextFacts) : { narrativeWords: 0, who: null };
}

function reportFromRow(row: ReportRow): Omit<Report, 'attachments'> {
  return {
    seq: row.seq,
    id: row.id,
    externalId: row.external_id,
    channel: row.channel as Channel,
    category: row.category,
    receivedAt: row.received_at,
    claims: JSON.parse(row.claims) as Claims,
    callerPseudonym: row.caller_pseudonym,
    callerLink: row.caller_link,
    submittedBy: row.submitted_by,
    sender: row.sender,
    contentHash: row.content_hash,
    version: row.version,
    sealed: {
      dataKey: row.data_key ?? Buffer.alloc(0),
      narrative: row.narrative_sealed ?? Buffer.alloc(0),
      subjects: row.subjects_sealed,
      observables: row.observables_sealed,
    },
    textFacts: textFactsOf(row.text_facts),
    eventKinds: eventKindsOf(row.event_kinds),
    textSketch: row.text_sketch,
    assessment: row.assessment ? (JSON.parse(row.assessment) as Report['assessment']) : null,
    geocoded: row.geocoded ? (JSON.parse(row.geocoded) as GeocodedPlace) : null,
    geocodeState: row.geocode_state as Report['geocodeState'],
    stage: row.stage as ReportStage,
    status: row.status as CaseStatus,
    statusChangedAt: row.status_changed_at ?? row.received_at,
    queue: row.queue as Queue,
    officeId: row.office_id,
    time: row.observed_time ? (JSON.parse(row.observed_time) as ObservedTime) : null,
    place: row.observed_place ? (JSON.parse(row.observed_place) as ObservedPlace) : null,
    flags: JSON.parse(row.flags) as string[],
    incidentId: row.incident_id,
    incidentReason: row.incident_reason as Report['incidentReason'],
    incidentPinned: row.incident_pinned === 1,
    sunEvidence: row.sun_evidence ? (JSON.parse(row.sun_evidence) as SunEvidence) : null,
    textScore: row.text_score ? (JSON.parse(row.text_score) as TextScoreFacts) : null,
    textState: row.text_state as TextState | null,
  };
}
