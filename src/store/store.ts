/**
 * What the rest of tipwire needs from storage, as one interface. The embedded
 * SQLite store (sqlite/) implements it synchronously: better-sqlite3 runs each
 * transaction to completion on the calling thread, which is what makes group
 * commit and exactly-once stage effects simple. Services, stages and workers use
 * the asynchronous port over it (port.ts), which a PostgreSQL store can implement.
 */
import type { MemberScope } from '../domain/scope.js';
import type { SunEvidence } from '../domain/evidence.js';
import type { Channel } from '../domain/report.js';
import type { StoredAuditRecord } from '../domain/audit.js';
import type { EventKind } from '../domain/event-kinds.js';
import type { FlagCode, FlagFamily } from '../domain/flags.js';
import type { Estimate, Incident, IncidentMember, IncidentTotals } from '../domain/incident.js';
import type { Severity } from '../domain/flags.js';
import type { Finding } from '../domain/findings.js';
import type { TextScoreFacts } from '../domain/text.js';
import type {
  CaseStatus,
  Claims,
  GeocodedPlace,
  TextFacts,
  Interval,
  NewReport,
  ObservableToken,
  TextState,
  Normalization,
  Queue,
  Report,
  ReportStage,
  SealedText,
  StoredAttachment,
} from '../domain/report.js';

/** Who sent a report: its channel, its caller (pseudonym, link from the last epoch) and its feed. */
export interface ReportSource {
  channel: Channel;
  callerPseudonym: string | null;
  callerLink: string | null;
  sender: string | null;
}

/** An earlier report's image near a new one (its hash within the index's reach), and its source. */
export interface MediaBandMate extends ReportSource {
  reportId: string;
  attachmentId: string;
  phash: string;
}

/** An earlier report whose text sketch shares a band key with a new one's, and its source. */
export interface TextBandMate extends ReportSource {
  reportId: string;
  incidentId: string | null;
  receivedAt: number;
  sketch: Buffer;
}

/** Position in a newest-first list: the sort value and the row's sequence number. */
export interface Cursor {
  at: number;
  seq: number;
}

export interface Page<T> {
  items: T[];
  next: Cursor | null;
}

/** What correlation needs to know about a nearby report. */
export interface NearbyReport {
  id: string;
  incidentId: string | null;
  lat: number;
  lon: number;
  from: number;
  to: number;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * Which reports a list shows: the viewer's scope (`queue`, `officeId`: access/scope.ts
 * `listScope`) and the filters asked for, all of which must hold.
 */
export interface ReportFilter {
  /** Scope: one queue. */
  queue?: Queue;
  /** Scope: the cases of one office (its staff see no other). */
  officeId?: string;
  status?: CaseStatus;
  /** The category exactly as stored (the reporter's or an operator's words). */
  category?: string;
  /** Reports carrying this flag. */
  flag?: FlagCode;
  /** Cases routed to this office; null: to none. */
  routedTo?: string | null;
  /** Received at or after this time (epoch ms). */
  receivedSince?: number;
  /** Received before this time (epoch ms, exclusive). */
  receivedUntil?: number;
}

/** One call in a caller's history, for the repeat-dialer rule. */
export interface CallerCall {
  id: string;
  receivedAt: number;
  flags: string[];
  queue: Queue;
}

/** Plaintext left by a database created before text was sealed (schema version 1). */
export type LegacyReport =
  | { kind: 'narrative'; reportId: string; text: string }
  | {
      kind: 'attachment';
      reportId: string;
      attachmentId: string;
      filename: string;
      sha256: string;
      data: Buffer;
    };

/** A report's data key as stored, wrapped by a master key. */
export interface WrappedDataKey {
  seq: number;
  id: string;
  wrapped: Buffer;
}

/** Who replaced a report's content, when, and which version they read (see replaceContent). */
export interface VersionChange {
  /** The version being replaced: the one the sender's resend was compared with. */
  from: number;
  /** Epoch ms. */
  at: number;
  /** The sender of the new version (`import`, `token:<id>`, `user:<name>`). */
  by: string;
}

/** A version of a report that a later one replaced, as stored: sealed, never plaintext. */
export interface ReportVersion {
  reportId: string;
  version: number;
  /** Sealed under the report's data key (it keeps one for life). */
  sealed: { narrative: Buffer; subjects: Buffer | null };
  claims: Claims;
  category: string | null;
  textFacts: TextFacts;
  contentHash: string | null;
  replacedAt: number;
  /** The sender of the version that replaced it. */
  replacedBy: string;
}

export interface ReportRepository {
  insert(report: NewReport): void;
  /** The report this sender stored under this externalId (see NewReport.sender), if any. */
  findBySender(sender: string, externalId: string): Report | null;
  /**
   * Makes `next` (sealed under the report's own data key, with `next.id` the report's
   * id) the report's content as its next version, all at once: the current content
   * goes whole into its versions; the text, claims, category and what intake read
   * from the text are replaced; new attachments are added and the search tokens
   * extended (old words still find it); what the stages made of the old content
   * (normalized time and place, assessment, geocoding, findings, flags but the
   * caller's `abuse.*`, its point in the spatial index) is cleared, for the pipeline
   * to make again. Its id, receipt,
   * caller, arrival, incident, status, queue, office and messages stay. Returns the
   * new version; refuses when the report is not at `change.from` (another resend
   * came first) or does not exist.
   */
  replaceContent(next: NewReport, change: VersionChange): number;
  /** The versions later ones replaced, oldest first (the current one is the report). */
  versions(id: string): ReportVersion[];
  addSearchTokens(id: string, tokens: Buffer[]): void;
  get(id: string): Report | null;
  /** Newest first by arrival time. */
  listNewest(limit: number, after?: Cursor, filter?: ReportFilter): Page<Report>;
  /** Newest first, only reports holding every one of the blind-index tokens. */
  search(tokens: Buffer[], limit: number, after?: Cursor, filter?: ReportFilter): Page<Report>;
  all(): IterableIterator<Report>;
  /** Stores the normalized time and place, replacing the report's time/place/source flags. */
  saveNormalization(
    id: string,
    normalization: Normalization,
    window: Interval,
    point: { lat: number; lon: number } | null,
  ): void;
  /** New claims after an operator's answers; `sealedSubjects` replaces the who/what when given. */
  /** The analyst's evidence on the report's photo (daylight, a shadow); null clears it. */
  setSunEvidence(id: string, evidence: SunEvidence | null): void;
  updateClaims(
    id: string,
    claims: Claims,
    textFacts: TextFacts,
    sealedSubjects: Buffer | null,
  ): void;
  /** The geocoder's answer (or null), and where asking it stands. */
  setGeocode(id: string, geocoded: GeocodedPlace | null, state: 'wanted' | 'done' | 'failed'): void;
  /** Reports waiting for the geocoder, oldest first. */
  geocodesWanted(limit: number): string[];
  /** Completeness of the reports received in [from, to), of one queue if `filter` says. */
  completeness(
    from: number,
    to: number,
    filter?: { queue?: Queue },
  ): { reports: number; mean: number | null; min: number | null; max: number | null };
  /** Replaces the report's flags of these families (`abuse` for `abuse.*`), keeping the rest. */
  replaceFlags(id: string, families: FlagFamily[], flags: FlagCode[]): void;
  setStage(id: string, stage: ReportStage): void;
  setQueue(id: string, queue: Queue): void;
  setCategory(id: string, category: string | null): void;
  /** Replaces the report's event kinds (an operator changed its category). */
  setEventKinds(id: string, kinds: EventKind[]): void;
  setStatus(id: string, status: CaseStatus, at: number): void;
  assignOffice(id: string, officeId: string | null): void;
  assignIncident(id: string, incidentId: string): void;
  /** Why correlation kept the report apart (an `cluster.*` code), or null. */
  setIncidentReason(id: string, reason: FlagCode | null): void;
  /** Replaces the report's text-sketch band keys (at most 16). */
  setBands(id: string, bands: readonly string[]): void;
  /**
   * Reports received since `since` sharing a band key with `bands` (not `exceptId`), with
   * their incident and sketch: the candidates of near-identical text. At most `limit`.
   */
  /**
   * The sealed narratives of up to `limit` reports of this status, the most recently
   * changed first (the language model's training: closed cases).
   */
  sealedNarratives(
    status: CaseStatus,
    limit: number,
  ): { id: string; sealed: { dataKey: Buffer; narrative: Buffer } }[];
  /** Up to `limit` reports after `afterSeq`, in seq order: their seq, id and pipeline stage. */
  idsAfter(afterSeq: number, limit: number): { seq: number; id: string; stage: ReportStage }[];
  /** Up to `limit` reports whose text is still to be read (text_state pending), oldest first. */
  pendingText(limit: number): {
    id: string;
    version: number;
    sealed: { dataKey: Buffer; narrative: Buffer; subjects: Buffer | null };
  }[];
  /**
   * What the text worker read of a report's text: its score, observables (sealed) and
   * their tokens. Written only while that version is still pending (false: it is not:
   * a new version came, or it is gone).
   */
  setTextAnalysis(
    id: string,
    version: number,
    analysis: {
      textScore: TextScoreFacts | null;
      observables: Buffer | null;
      tokens: readonly ObservableToken[];
      state: TextState;
    },
  ): boolean;
  /** The observables of a report's text, sealed, and their tokens (an answer's who/what added). */
  replaceObservables(id: string, sealed: Buffer | null, tokens: readonly ObservableToken[]): void;
  /** How many other reports than `exceptId` name each of these observable tokens (absent: none). */
  observableCounts(tokens: readonly string[], exceptId: string): Map<string, number>;
  /**
   * Images of reports received before `before` (other than `exceptId`) whose perceptual
   * hash is at most PHASH_INDEX_REACH bits from `phash`, oldest first, with who sent
   * them: the candidates of a reused image (found through the hash bands). At most `limit`.
   */
  similarImages(phash: string, before: number, exceptId: string, limit: number): MediaBandMate[];
  /**
   * Reports received in [since, before) (other than `exceptId`) with a text sketch sharing
   * a band key with `bands`, each once, with their incident and who sent them: the
   * candidates of copied text (correlation's copies, the verify stage's reused text). At
   * most `limit`, in no promised order (the search stops at the limit: a flood of copies
   * costs no more than a few).
   */
  sharingBands(
    bands: readonly string[],
    since: number,
    before: number,
    exceptId: string,
    limit: number,
  ): TextBandMate[];
  /** An analyst placed the report in `incidentId`: the automatic rule never moves it. */
  pinIncident(id: string, incidentId: string): void;
  /** Reports with a point inside `box` whose comparison window overlaps `window`. */
  findNear(window: Interval, box: BoundingBox): NearbyReport[];
  /** Every report whose caller pseudonym or link is one of these, oldest first. */
  callerHistory(pseudonyms: string[]): CallerCall[];
  count(): number;
  attachments(reportId: string): StoredAttachment[];
  attachmentData(reportId: string, attachmentId: string): Buffer | null;
  /** The report's wrapped data key. */
  dataKey(id: string): Buffer | null;
  /** Up to `limit` wrapped data keys of reports after `afterSeq`, in seq order (key rotation). */
  wrappedDataKeys(afterSeq: number, limit: number): WrappedDataKey[];
  /** Replaces a report's wrapped data key: the same data key, wrapped under another master key. */
  replaceDataKey(id: string, wrapped: Buffer): void;
  /** How many reports have a data key. */
  countDataKeys(): number;
  legacyPlaintext(limit: number): LegacyReport[];
  sealLegacyNarrative(id: string, sealed: SealedText): void;
  sealLegacyAttachment(attachmentId: string, sealedData: Buffer, sealedMeta: Buffer): void;
  /** Ids of reports in `status` since before `before`, for retention. */
  expired(status: CaseStatus, before: number, limit: number): string[];
  /** Deletes a report and everything that hangs off it. */
  remove(id: string): void;
}

export interface IncidentRepository {
  create(id: string, totals: IncidentTotals, now: number): void;
  update(id: string, totals: IncidentTotals, now: number): void;
  get(id: string): Incident | null;
  assignOffice(id: string, officeId: string | null): void;
  /** The members' windows and points (those in `scope`; default all), to rebuild totals. */
  members(id: string, scope?: MemberScope): IncidentMember[];
  remove(id: string): void;
  totals(id: string): IncidentTotals | null;
  /** Newest first; only incidents with at least one member in `scope` (default all). */
  listNewest(limit: number, after?: Cursor, scope?: MemberScope): Page<Incident>;
  all(): IterableIterator<Incident>;
  count(): number;
  /**
   * Open incidents whose index box meets one of `boxes`, at most `limit`: `core` (placed by
   * precise reports), `vague` (a lone vague report kept apart) or `city` (a lone report
   * placed only as a whole city, kept apart).
   */
  candidates(index: 'core' | 'vague' | 'city', boxes: readonly IndexBox[], limit: number): string[];
  /** The stored estimates of these incidents (those that exist). */
  estimates(ids: readonly string[]): IncidentEstimateRow[];
  /** Everything correlation needs of each member (place, time, kinds, source, findings), oldest first. */
  memberFacts(id: string): MemberFacts[];
  /** Writes the estimate and replaces the incident's index entry (`null`: it leaves the index). */
  saveEstimate(
    id: string,
    estimate: Estimate,
    entry: { index: 'core' | 'vague' | 'city'; boxes: readonly IndexBox[] } | null,
    now: number,
  ): void;
  /** The confidence's terms as last assessed, or null. */
  confidenceTerms(id: string): StoredConfidence | null;
  /** Writes what the members say of it: sources, confidence and its terms, radius. */
  saveAssessment(id: string, assessment: IncidentAssessment): void;
  /** Moves every member of `from` into `into` and marks `from` merged (it leaves the index). */
  absorb(from: string, into: string, now: number): void;
  recordChange(change: Omit<IncidentChange, 'seq'>): void;
  changes(id: string): IncidentChange[];
  /** Records that an analyst split `a` and `b` apart: the automatic rule never merges them. */
  separate(a: string, b: string, actor: string, at: number): void;
  /** The separated pairs among `ids`, as `a|b` keys with a < b. */
  separations(ids: readonly string[]): string[];
  /** Open incidents matching `filter`, by last activity or confidence. */
  list(
    filter: IncidentFilter,
    limit: number,
    after: IncidentCursor | null,
    scope?: MemberScope,
  ): {
    items: Incident[];
    next: IncidentCursor | null;
  };
  /** Report ids and external ids of an incident's members in `scope` (default all), oldest first. */
  memberIds(
    id: string,
    scope?: MemberScope,
  ): { reportIds: string[]; externalIds: string[]; sources: string[] };
}

/** A box of the incident index (degrees, epoch minutes). */
export interface IndexBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
  fromMinute: number;
  toMinute: number;
}

export interface IncidentEstimateRow {
  id: string;
  seq: number;
  estimate: Estimate;
  mergedInto: string | null;
}

/** One member as correlation and confidence see it. */
export interface MemberFacts {
  reportId: string;
  channel: Channel;
  receivedAt: number;
  lat: number | null;
  lon: number | null;
  accuracyMeters: number | null;
  eventFrom: number | null;
  eventTo: number | null;
  kinds: EventKind[];
  pseudonym: string | null;
  link: string | null;
  sender: string | null;
  externalId: string | null;
  queue: Queue;
  sketch: Buffer | null;
  /** Its text says its sender reported this before (TextFacts.saysRepeat). */
  saysRepeat: boolean;
  /** Its text says its sender saw the event from afar (TextFacts.seenFromAfar). */
  seenFromAfar: boolean;
  pinned: boolean;
  findings: { code: string; severity: Severity }[];
}

/** The terms of an incident's confidence as stored (correlate/confidence.ts makes them). */
export interface StoredConfidence {
  logOdds: number;
  terms: {
    code: string;
    weight: number;
    count: number;
    detail: string | null;
    text: { en: string; zh: string };
  }[];
}

export interface IncidentAssessment {
  independentSources: number;
  confidence: number | null;
  terms: StoredConfidence;
  radiusMeters: number;
  /** The display summary over every member: span, centroid, count. */
  totals: IncidentTotals | null;
  lastActivity: number;
}

export interface IncidentChange {
  seq: number;
  incidentId: string;
  kind: 'merge' | 'split' | 'move' | 'bridge' | 'attach';
  actor: string | null;
  detail: Record<string, unknown>;
  at: number;
}

export interface IncidentFilter {
  /** minLon may exceed maxLon: the box crosses the antimeridian. */
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  from?: number;
  to?: number;
  minConfidence?: number;
  /** Incidents naming this kind among their kinds. */
  kind?: EventKind;
  /** Incidents routed to this office; null: to none. */
  routedTo?: string | null;
  sort: 'lastActivity' | 'confidence';
}

/** Where a page of incidents ends: the sort key and seq of its last item. */
export interface IncidentCursor {
  key: number;
  seq: number;
}

export interface Job {
  id: number;
  reportId: string;
  stage: string;
  attempts: number;
  /** The report's trip through the pipeline (1 at intake; +1 after each renormalize). */
  pass: number;
  /** When the job became due (enqueued, or its retry time). */
  availableAt: number;
}

export interface JobRepository {
  enqueue(reportId: string, stage: string, availableAt: number, pass?: number): void;
  /**
   * Sends the report through the pipeline again from `stage`, as a new pass (after
   * every pass its stage effects or its job have used): its job, waiting at any stage
   * or parked, is replaced by a ready one. Returns the pass.
   */
  restart(reportId: string, stage: string, availableAt: number): number;
  /** Ready jobs due at `now`, oldest first. */
  due(now: number, limit: number): Job[];
  /** The report's last stage is done: the job goes. */
  complete(id: number): void;
  /** A stage is done: the job now names the next one. */
  advance(id: number, stage: string, now: number): void;
  get(id: number): Job | null;
  /** The report's pending or parked job, if any. */
  forReport(reportId: string): Job | null;
  retryLater(id: number, attempts: number, availableAt: number, error: string): void;
  park(id: number, attempts: number, error: string, now: number): void;
  counts(): { ready: number; failed: number };
  /** When the longest-waiting job due at `now` became due (epoch ms); null when none is due. */
  oldestDueAt(now: number): number | null;
}

export interface StoredEvent {
  id: number;
  type: string;
  payload: unknown;
  createdAt: number;
}

export interface EventRepository {
  append(type: string, payload: unknown, createdAt: number): number;
  after(id: number, limit: number): StoredEvent[];
  lastId(): number;
  pruneBefore(createdAt: number): number;
}

/** Which stage effects were applied (the pipeline's idempotency keys). */
export interface StageEffectRepository {
  /** Records the key; false when it was recorded already (the effects were applied). */
  record(reportId: string, stage: string, version: number, pass: number, at: number): boolean;
  /** The report's latest pass with any effect recorded (0: none). */
  lastPass(reportId: string): number;
}

/** A finding as stored: the check (name and version) that gave it. */
/** A stored finding; its code may be one a later version retired, so it is read as text. */
export interface StoredFinding extends Omit<Finding, 'code'> {
  code: string;
  check: string;
  checkVersion: number;
  createdAt: number;
}

/**
 * Attachments' bytes as sealed segments (protect/sealed-file.ts). A multipart upload's
 * file is staged and written segment by segment as it arrives; the transaction that stores
 * its report claims it; a file never claimed is discarded (or swept when stale).
 */
export interface FileRepository {
  /** Starts a staged file (no segments yet). */
  stage(attachmentId: string, at: number): void;
  /**
   * Adds segments `firstSeq`… to a staged file, in one transaction; false (nothing
   * written) when the file is not staged (discarded or swept meanwhile).
   */
  append(attachmentId: string, firstSeq: number, segments: Buffer[]): boolean;
  /** All segments of a file sealed in memory (0…), written with its report. */
  insertSegments(attachmentId: string, segments: readonly Buffer[]): void;
  /** Makes a staged file its report's (in the report's transaction); false if it is not staged. */
  claim(attachmentId: string): boolean;
  /** Deletes a staged file and its segments. */
  discard(attachmentId: string): void;
  /** Segment `seq` of a file; null past its end (one at a time: a download holds one). */
  segment(attachmentId: string, seq: number): Buffer | null;
  /** Staged files older than `before` (epoch ms), oldest first, at most `limit`. */
  staleStaged(before: number, limit: number): string[];
  /** How many files are staged now. */
  stagedCount(): number;
}

export interface FindingRepository {
  /** Replaces every finding of `check` on the report (of any version) with these. */
  replace(
    reportId: string,
    check: { name: string; version: number },
    findings: readonly Finding[],
    at: number,
  ): void;
  forReport(reportId: string): StoredFinding[];
  /** Marks a check deferred (to run later) or done on the report. */
  setRun(
    reportId: string,
    check: { name: string; version: number },
    state: 'deferred' | 'done',
    at: number,
  ): void;
  /** Deferred check runs, oldest first. */
  deferred(limit: number): { reportId: string; check: string; version: number }[];
  /** Merges `patch` into the report's assessment (findings mirrored for F3's clients). */
  mirrorAssessment(reportId: string, patch: Record<string, unknown>): void;
}

export interface StoredToken {
  id: string;
  secretHash: Buffer;
  roles: string[];
  label: string | null;
  revokedAt: number | null;
  /** The user a login session belongs to. */
  userId: string | null;
  /** For `office` tokens: the office whose cases it may see. */
  officeId: string | null;
  /** When it stops working; null: never (API tokens created without an expiry). */
  expiresAt: number | null;
  /** Last accepted, to within TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS; a session starts at its login. */
  lastUsedAt: number | null;
}

/** A token as the token list shows it: everything but its secret's hash. */
export interface TokenListing extends Omit<StoredToken, 'secretHash'> {
  createdAt: number;
  /** The session's user, if any. */
  userName: string | null;
}

export interface TokenFilter {
  /** Only this user's sessions. */
  userId?: string;
  /** `session`: tokens from a login; `api`: the others. */
  kind?: 'session' | 'api';
}

export interface TokenRepository {
  insert(token: StoredToken & { createdAt: number }): void;
  get(id: string): StoredToken | null;
  /** Newest first; `Cursor.at` is the creation time. */
  list(limit: number, after?: Cursor, filter?: TokenFilter): Page<TokenListing>;
  /** Revokes a live token; false when it was revoked already (or is unknown). */
  revoke(id: string, at: number): boolean;
  /** Revokes every live token of a user (its sessions); returns how many. */
  revokeForUser(userId: string, at: number): number;
  /** Records that the token was accepted at `at`. */
  touch(id: string, at: number): void;
  /** Deletes tokens expired or revoked before `now`; returns how many. */
  purgeExpired(now: number): number;
}

export interface User {
  id: string;
  name: string;
  passwordHash: string;
  roles: string[];
  officeId: string | null;
  disabledAt: number | null;
}

export interface UserRepository {
  insert(user: User & { createdAt: number }): void;
  byName(name: string): User | null;
  get(id: string): User | null;
  list(): User[];
  /** Disables the user at `at`, or enables it again with null. */
  setDisabled(id: string, at: number | null): void;
  setPasswordHash(id: string, passwordHash: string): void;
}

export interface Office {
  id: string;
  name: string;
  createdAt: number;
}

export interface OfficeRepository {
  insert(office: Office): void;
  get(id: string): Office | null;
  byName(name: string): Office | null;
  list(): Office[];
}

export interface ReceiptRepository {
  insert(lookup: string, secretHash: Buffer, reportId: string, createdAt: number): void;
  get(lookup: string): { secretHash: Buffer; reportId: string } | null;
  forReport(reportId: string): string[];
}

export interface StoredMessage {
  id: string;
  reportId: string;
  author: 'reporter' | 'operator';
  authorId: string | null;
  bodySealed: Buffer;
  createdAt: number;
}

export interface MessageRepository {
  insert(message: StoredMessage): void;
  forReport(reportId: string): StoredMessage[];
}

export interface IdempotencyRecord {
  requestHash: string;
  status: number;
  response: string;
  createdAt: number;
}

export interface IdempotencyRepository {
  get(principal: string, key: string): IdempotencyRecord | null;
  put(principal: string, key: string, record: IdempotencyRecord): void;
  pruneBefore(createdAt: number): number;
}

/** Facts about the database itself: its id, the master key's fingerprint. */
export interface MetaRepository {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Whether the database holds any report or audit record. */
  holdsData(): boolean;
}

/**
 * A located report as the analysts' map needs it: where and when, its uncertainty, and
 * what decides who may see it. Numbers and codes only, never text.
 */
export interface MapReportRow {
  seq: number;
  id: string;
  /** Null once it has no point (a resend not yet normalized again). */
  lat: number | null;
  lon: number | null;
  /** The observed interval (epoch ms); the arrival time when nothing better is known. */
  from: number;
  to: number;
  accuracyMeters: number | null;
  category: string | null;
  /** Comma-separated event kind codes, or null. */
  kinds: string | null;
  status: CaseStatus;
  queue: Queue;
  officeId: string | null;
  incidentId: string | null;
}

/** An incident as the analysts' map needs it, with what decides who may see it. */
export interface MapIncidentRow {
  seq: number;
  id: string;
  /** Its centroid; null when no member has a point. */
  lat: number | null;
  lon: number | null;
  start: number;
  end: number;
  radiusMeters: number;
  confidence: number | null;
  /** Comma-separated event kind codes, or null. */
  kinds: string | null;
  reportCount: number;
  /** Members in the analysts' queue, and in any other queue. */
  analystMembers: number;
  otherMembers: number;
  /** The distinct offices its members are assigned to. */
  officeIds: string[];
  mergedInto: string | null;
}

/** The analysts' map's reads: whole tables in seq order (its index build) and one row each. */
export interface MapRepository {
  /** Located reports after `afterSeq`, in seq order, at most `limit`. */
  reportsAfter(afterSeq: number, limit: number): MapReportRow[];
  /** One report (located or not), or null when it does not exist. */
  report(id: string): MapReportRow | null;
  /** Open (unmerged) incidents with a centroid after `afterSeq`, in seq order, at most `limit`. */
  incidentsAfter(afterSeq: number, limit: number): MapIncidentRow[];
  /** One incident (merged or not, with a centroid or not), or null when it does not exist. */
  incident(id: string): MapIncidentRow | null;
}

export interface Store {
  meta: MetaRepository;
  reports: ReportRepository;
  incidents: IncidentRepository;
  jobs: JobRepository;
  events: EventRepository;
  tokens: TokenRepository;
  idempotency: IdempotencyRepository;
  users: UserRepository;
  offices: OfficeRepository;
  receipts: ReceiptRepository;
  messages: MessageRepository;
  /** The audit trail's records (the chain itself is audit/). */
  audit: AuditRepository;
  /** The pipeline's idempotency keys. */
  stageEffects: StageEffectRepository;
  /** The verify stage's findings and deferred checks. */
  findings: FindingRepository;
  /** What the analysts' map reads. */
  map: MapRepository;
  /** Attachments' sealed segments, and files staged while an upload arrives. */
  files: FileRepository;
  /** Runs `fn` in one transaction; nested calls become savepoints. */
  transaction<T>(fn: () => T): T;
  /**
   * Makes deleted data unrecoverable from the journal as well (SQLite: the WAL is
   * checkpointed into the main file, whose freed pages are zeroed, and truncated).
   */
  flushDeleted(): void;
  close(): void;
}

/** What the audit trail needs from storage. */
export interface AuditRepository {
  /**
   * Inserts the next record in one transaction (a savepoint inside an open one):
   * `build` gets the seq to use and the current newest record, and returns the
   * record with its hash. Nothing can slip in between the read and the insert.
   */
  append(
    build: (next: { seq: number; prev: StoredAuditRecord | null }) => StoredAuditRecord,
  ): StoredAuditRecord;
  get(seq: number): StoredAuditRecord | null;
  last(): StoredAuditRecord | null;
  /** Newest first; `next` is the `after` of the following page, null on the last one. */
  list(query: AuditQuery): { items: StoredAuditRecord[]; next: number | null };
  /** Oldest first, read in chunks (no statement stays open between them). */
  iterate(chunkSize?: number): IterableIterator<StoredAuditRecord>;
  /** Whether the connection has an open transaction (an anchor names committed records only). */
  inTransaction(): boolean;
}

export interface AuditQuery {
  limit: number;
  /** Continue after (older than) the record with this seq. */
  after?: number;
  actor?: string;
  action?: string;
  target?: string;
  /** Records at or after this time, epoch ms. */
  since?: number;
  /** Records strictly before this time, epoch ms. */
  until?: number;
}
