/**
 * What the rest of tipwire needs from storage, as one interface. The embedded
 * SQLite store (sqlite/) implements it synchronously: better-sqlite3 runs each
 * transaction to completion on the calling thread, which is what makes group
 * commit and exactly-once stage effects simple. A PostgreSQL store would need an
 * asynchronous variant of this interface; it is not built yet.
 */
import type { Incident, IncidentTotals } from '../domain/incident.js';
import type {
  AttachmentMeta,
  Interval,
  NewReport,
  Normalization,
  Report,
  ReportStage,
} from '../domain/report.js';

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

export interface ReportRepository {
  insert(report: NewReport): void;
  get(id: string): Report | null;
  /** Newest first by arrival time. */
  listNewest(limit: number, after?: Cursor): Page<Report>;
  all(): IterableIterator<Report>;
  saveNormalization(
    id: string,
    normalization: Normalization,
    window: Interval,
    point: { lat: number; lon: number } | null,
  ): void;
  setStage(id: string, stage: ReportStage): void;
  assignIncident(id: string, incidentId: string): void;
  /** Reports with a point inside `box` whose comparison window overlaps `window`. */
  findNear(window: Interval, box: BoundingBox): NearbyReport[];
  count(): number;
  /** The id of an existing report with this external id, if any. */
  findByExternalId(externalId: string): string | null;
  attachments(reportId: string): AttachmentMeta[];
}

export interface IncidentRepository {
  create(id: string, totals: IncidentTotals, now: number): void;
  update(id: string, totals: IncidentTotals, now: number): void;
  get(id: string): Incident | null;
  totals(id: string): IncidentTotals | null;
  listNewest(limit: number, after?: Cursor): Page<Incident>;
  all(): IterableIterator<Incident>;
  count(): number;
  /** Report ids and external ids of an incident's members, oldest first. */
  memberIds(id: string): { reportIds: string[]; externalIds: string[]; sources: string[] };
}

export interface Job {
  id: number;
  reportId: string;
  stage: string;
  attempts: number;
}

export interface JobRepository {
  enqueue(reportId: string, stage: string, availableAt: number): void;
  /** Ready jobs due at `now`, oldest first. */
  due(now: number, limit: number): Job[];
  /** The report's last stage is done: the job goes. */
  complete(id: number): void;
  /** A stage is done: the job now names the next one. */
  advance(id: number, stage: string, now: number): void;
  get(id: number): Job | null;
  retryLater(id: number, attempts: number, availableAt: number, error: string): void;
  park(id: number, attempts: number, error: string, now: number): void;
  counts(): { ready: number; failed: number };
  /** The earliest time a ready job becomes due, or null when none is waiting. */
  nextDueAt(): number | null;
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

export interface StoredToken {
  id: string;
  secretHash: Buffer;
  role: string;
  label: string | null;
  revokedAt: number | null;
}

export interface TokenRepository {
  insert(token: StoredToken & { createdAt: number }): void;
  get(id: string): StoredToken | null;
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

export interface Store {
  reports: ReportRepository;
  incidents: IncidentRepository;
  jobs: JobRepository;
  events: EventRepository;
  tokens: TokenRepository;
  idempotency: IdempotencyRepository;
  /** Runs `fn` in one transaction; nested calls become savepoints. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
