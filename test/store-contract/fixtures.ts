/**
 * Builders for the contract suite: the domain values a store is given (a NewReport,
 * a normalization, incident totals, tokens, users, audit records), each with plain
 * defaults that any test overrides. No magic totals: a test states what it counts.
 */
import { createHash } from 'node:crypto';
import type { TextScoreFacts } from '../../src/domain/text.js';
import type { StoredAuditRecord } from '../../src/audit/chain.js';
import { GENESIS_HASH, hashRecord } from '../../src/audit/chain.js';
import type { IncidentTotals } from '../../src/domain/incident.js';
import { totalsOf } from '../../src/domain/incident.js';
import type {
  Interval,
  NewAttachment,
  NewReport,
  Normalization,
  ObservedPlace,
} from '../../src/domain/report.js';
import type { StoredToken, User } from '../../src/store/store.js';

/** 2026-11-20 12:00 UTC: the suite's "now". */
export const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
export const MINUTE = 60_000;

/** Deterministic bytes standing for sealed data; they include 0x00 and 0xff, as ciphertext does. */
export function sealedBytes(label: string, length = 40): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++)
    out[i] = createHash('sha256').update(`${label}:${i}`).digest()[0]!;
  out[0] = 0x00;
  out[length - 1] = 0xff;
  return out;
}

/** A blind-index token (16 bytes) standing for a word. */
export function blind(word: string): Buffer {
  return createHash('sha256').update(`blind:${word}`).digest().subarray(0, 16);
}

let nextId = 0;
/** A fresh id with a readable prefix. */
export function freshId(prefix: string): string {
  nextId += 1;
  return `${prefix}_${nextId}`;
}

export function newAttachment(overrides: Partial<NewAttachment> = {}): NewAttachment {
  const id = overrides.id ?? freshId('a');
  return {
    id,
    contentType: 'image/jpeg',
    sizeBytes: 1234,
    sealedMeta: sealedBytes(`${id}:meta`),
    media: null,
    segmentBytes: 1024,
    sealed: { segments: [sealedBytes(`${id}:data`, 300), sealedBytes(`${id}:last`, 60)] },
    ...overrides,
  };
}

/** A report as intake stores it: sealed text, no attachment, no caller; override any field. */
export function newReport(overrides: Partial<NewReport> = {}): NewReport {
  const id = overrides.id ?? freshId('r');
  return {
    id,
    externalId: null,
    channel: 'web',
    category: null,
    receivedAt: T0,
    claims: { observedAt: '2026-11-20T21:10:00+08:00' },
    callerPseudonym: null,
    callerLink: null,
    submittedBy: null,
    sender: null,
    contentHash: null,
    sealed: {
      dataKey: sealedBytes(`${id}:key`, 60),
      narrative: sealedBytes(`${id}:narrative`),
      subjects: null,
    },
    textFacts: { narrativeWords: 12, who: null },
    eventKinds: [],
    textSketch: null,
    searchTokens: [],
    attachments: [],
    ...overrides,
  };
}

/** A place with a point (or only text when `point` is null). */
export function place(point: { lat: number; lon: number } | null): ObservedPlace {
  return {
    lat: point?.lat ?? null,
    lon: point?.lon ?? null,
    accuracyMeters: point ? 50 : null,
    text: point ? null : 'by the depot',
    source: point ? 'coordinates' : null,
  };
}

/** What the normalize stage stores for a window and point; override flags or the assessment. */
export function normalization(
  window: Interval,
  point: { lat: number; lon: number } | null,
  overrides: Partial<Normalization> = {},
): Normalization {
  return {
    time: {
      from: window.from,
      to: window.to,
      local: null,
      timezone: 'UTC',
      zoneSource: 'offset',
      precisionSeconds: (window.to - window.from) / 2000,
    },
    place: place(point),
    flags: [],
    ...overrides,
  };
}

/** A completeness assessment with this score (its parts are not the store's business). */
export function completeness(score: number): Normalization['completeness'] {
  return {
    score,
    presence: score,
    components: { who: 0, what: 1, where: 1, when: 1, howKnown: 0, evidence: 0 },
  };
}

/** Incident totals of members with these windows and points. */
export function totals(
  members: { window: Interval; point: { lat: number; lon: number } | null }[],
): IncidentTotals {
  const t = totalsOf(members);
  if (!t) throw new Error('an incident has at least one member');
  return t;
}

export function storedToken(
  overrides: Partial<StoredToken & { createdAt: number }> = {},
): StoredToken & { createdAt: number } {
  const id = overrides.id ?? freshId('t');
  return {
    id,
    secretHash: sealedBytes(`${id}:secret`, 32),
    roles: ['analyst'],
    label: null,
    revokedAt: null,
    userId: null,
    officeId: null,
    expiresAt: null,
    lastUsedAt: null,
    createdAt: T0,
    ...overrides,
  };
}

export function user(overrides: Partial<User & { createdAt: number }> = {}): User & {
  createdAt: number;
} {
  const id = overrides.id ?? freshId('u');
  return {
    id,
    name: id,
    passwordHash: `scrypt$${id}`,
    roles: ['analyst'],
    officeId: null,
    disabledAt: null,
    createdAt: T0,
    ...overrides,
  };
}

const AUDIT_KEY = Buffer.alloc(32, 7);

/** An audit entry to append; the builder returned chains it to whatever the store says is newest. */
export function auditEntry(
  overrides: Partial<Omit<StoredAuditRecord, 'seq' | 'hash'>> = {},
): (next: { seq: number; prev: StoredAuditRecord | null }) => StoredAuditRecord {
  return ({ seq, prev }) => {
    const content = {
      seq,
      at: T0,
      actor: 'user:alice',
      action: 'report.read',
      target: 'report:r_1',
      reason: 'opened from the queue',
      detailsJson: '{}',
      ...overrides,
    };
    return { ...content, hash: hashRecord(prev?.hash ?? GENESIS_HASH, content, AUDIT_KEY) };
  };
}

/** A language-model score as the text worker stores it (domain/text.ts). */
export function textScore(perplexity: number): TextScoreFacts {
  return {
    language: 'en',
    tokens: 30,
    unknownTokens: 2,
    perplexity,
    ranks: { ranked: 28, top10: 10, top100: 10, top1000: 5, beyond: 3 },
    model: { order: 3, trainingTokens: 3210 },
  };
}
