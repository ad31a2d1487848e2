/**
 * The audit log over the real repository and an in-memory SQLite database holding
 * only the audit table (migration 002): appending inside transactions, entry
 * rules, the anchor's life cycle, and the audit key.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../store/sqlite/audit.repository.js';
import {
  AuditKeyMissingError,
  createAuditLog,
  getAuditKey,
  normalizeEntry,
  readAnchor,
  type AuditEntryInput,
  type AuditLogDeps,
} from './audit-log.js';
import { GENESIS_HASH, hashRecord, makeAnchor } from './chain.js';

const MIGRATION = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../store/sqlite/migrations/002_audit.sql',
);
const KEY = Buffer.alloc(32, 3);

let db: Database.Database;
let dir: string;
let anchorPath: string;
let now: number;

beforeEach(() => {
  db = new Database(':memory:');
  db.exec(readFileSync(MIGRATION, 'utf8'));
  dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-audit-'));
  anchorPath = path.join(dir, 'keys', 'audit-anchor.json');
  now = Date.UTC(2026, 10, 20, 13, 40);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function makeLog(overrides: Partial<AuditLogDeps> = {}) {
  return createAuditLog({
    repo: createAuditRepository(db),
    key: KEY,
    clock: () => now,
    ...overrides,
  });
}

const entry = (overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  actor: 'user:alice',
  action: 'report.read',
  target: 'report:r_1',
  reason: 'opened from the queue',
  ...overrides,
});

/** What an intruder with the database file does first. */
const dropGuards = () =>
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');

const anchoredSeq = () => JSON.parse(readFileSync(anchorPath, 'utf8')).seq as number;

describe('append', () => {
  it('numbers records from 1, stamps them with the clock and chains their hashes', () => {
    const log = makeLog();
    const first = log.append(entry({ details: { to: 'closed', from: 'new' } }));
    now += 5000;
    const second = log.append(entry({ action: 'report.status_changed' }));
    expect(first).toMatchObject({ seq: 1, at: Date.UTC(2026, 10, 20, 13, 40) });
    expect(first.detailsJson).toBe('{"from":"new","to":"closed"}');
    expect(second).toMatchObject({ seq: 2, at: Date.UTC(2026, 10, 20, 13, 40, 5) });
    expect(first.hash).toBe(hashRecord(GENESIS_HASH, first, KEY));
    expect(second.hash).toBe(hashRecord(first.hash, second, KEY));
    expect(log.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('rolls back with the transaction it was written in, leaving no gap', () => {
    const log = makeLog();
    log.append(entry());
    expect(() =>
      db.transaction(() => {
        log.append(entry({ target: 'report:r_2' }));
        throw new Error('the status change failed');
      })(),
    ).toThrow('the status change failed');
    expect(log.append(entry({ target: 'report:r_3' })).seq).toBe(2);
    expect(log.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('commits with the transaction it was written in', () => {
    const log = makeLog();
    db.transaction(() => {
      log.append(entry());
      log.append(entry({ target: 'report:r_2' }));
    })();
    expect(log.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('cannot be changed or deleted through SQL by tipwire itself', () => {
    makeLog().append(entry());
    expect(() => db.exec(`UPDATE audit_log SET reason = 'x'`)).toThrow('append-only');
    expect(() => db.exec('DELETE FROM audit_log')).toThrow('append-only');
  });

  it('continues after the highest seq ever used, so a deleted tail leaves a visible gap', () => {
    const log = makeLog();
    for (let i = 0; i < 4; i++) log.append(entry());
    dropGuards();
    db.exec('DELETE FROM audit_log WHERE seq > 2');
    expect(log.verify()).toMatchObject({ ok: true, count: 2 }); // unseen without an anchor…
    expect(log.append(entry()).seq).toBe(5);
    expect(log.verify()).toMatchObject({ ok: false, seq: 5, problem: 'missing' }); // …until now
  });
});

describe('entry rules', () => {
  it.each([
    [{ actor: '' }, 'actor must be a non-empty string'],
    [{ reason: '  ' }, 'reason must be a non-empty string'],
    [{ action: 'Report Read' }, 'is not a dotted code'],
    [{ action: 'report' }, 'is not a dotted code'],
    [{ target: 't'.repeat(501) }, 'target is longer than 500'],
    [{ details: { narrative: 'A drone fell behind the north gate.' } }, 'details.narrative'],
    [{ details: { caller: { phone: '+8613800138000' } } }, 'details.caller'],
  ])('refuses %j', (overrides, message) => {
    expect(() => normalizeEntry(entry(overrides as Partial<AuditEntryInput>))).toThrow(message);
  });

  it('stores nothing when an entry is refused', () => {
    const log = makeLog();
    expect(() => log.append(entry({ details: { token: 'tw_x' } }))).toThrow();
    expect(log.verify()).toMatchObject({ ok: true, count: 0 });
  });

  it('refuses a key too short to be secret', () => {
    expect(() => makeLog({ key: Buffer.alloc(16, 1) })).toThrow('at least 32 bytes');
  });

  it('accepts a record without a target or details', () => {
    const record = makeLog().append({ actor: 'system', action: 'audit.started', reason: 'boot' });
    expect(record).toMatchObject({ target: null, detailsJson: '{}' });
  });
});

describe('the anchor', () => {
  it('is written every N appends, naming the newest record, with a MAC', () => {
    const log = makeLog({ anchorPath, anchorEvery: 3 });
    log.append(entry());
    log.append(entry());
    expect(readAnchor(anchorPath, KEY)).toEqual({ state: 'absent' });
    const third = log.append(entry());
    const read = readAnchor(anchorPath, KEY);
    expect(read).toEqual({ state: 'ok', anchor: makeAnchor(third, now, KEY) });
    expect(statSync(anchorPath).mode & 0o777).toBe(0o600);
  });

  it('is written on request', () => {
    const log = makeLog({ anchorPath, anchorEvery: 1000 });
    log.append(entry());
    log.append(entry());
    log.anchor();
    expect(anchoredSeq()).toBe(2);
  });

  it('never names a record that is not committed yet', () => {
    const log = makeLog({ anchorPath, anchorEvery: 1 });
    db.transaction(() => {
      log.append(entry());
      expect(() => log.anchor()).toThrow('outside transactions');
    })();
    expect(readAnchor(anchorPath, KEY).state).toBe('absent');
    log.append(entry());
    expect(anchoredSeq()).toBe(2);
  });

  it('shows a deleted tail: verify names the first missing record', () => {
    const log = makeLog({ anchorPath, anchorEvery: 1 });
    for (let i = 0; i < 5; i++) log.append(entry());
    dropGuards();
    db.exec('DELETE FROM audit_log WHERE seq >= 4');
    expect(log.verify()).toMatchObject({ ok: false, seq: 4, problem: 'truncated' });
  });

  it('is not moved past evidence: an anchored record that is gone keeps the anchor where it was', () => {
    const errors: Error[] = [];
    const log = makeLog({ anchorPath, anchorEvery: 1, onAnchorError: (e) => errors.push(e) });
    for (let i = 0; i < 3; i++) log.append(entry());
    dropGuards();
    db.exec('DELETE FROM audit_log WHERE seq = 3');
    db.exec(`UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit_log'`); // hide the gap too
    const appended = log.append(entry({ reason: 'written after the deletion' }));
    expect(appended.seq).toBe(3);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('no longer holds record 3'),
    ]);
    expect(anchoredSeq()).toBe(3);
    expect(log.verify()).toMatchObject({ ok: false, seq: 3, problem: 'anchor_mismatch' });
  });

  it('that was edited by hand makes verify fail', () => {
    const log = makeLog({ anchorPath, anchorEvery: 1 });
    for (let i = 0; i < 3; i++) log.append(entry());
    const anchor = JSON.parse(readFileSync(anchorPath, 'utf8'));
    writeFileSync(anchorPath, JSON.stringify({ ...anchor, seq: 1 }));
    expect(log.verify()).toMatchObject({ ok: false, seq: 1, problem: 'anchor_invalid' });
    expect(() => log.anchor()).toThrow('not a valid audit anchor');
  });
});

describe('getAuditKey', () => {
  const settings = (dir: string) => ({ dir, masterKey: undefined, pseudonymEpochDays: 30 });

  it('derives the key from the master key, created once and readable by its owner only', () => {
    const keysDir = path.join(dir, 'keys');
    const key = getAuditKey(settings(keysDir));
    expect(key).toHaveLength(32);
    expect(statSync(path.join(keysDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(getAuditKey(settings(keysDir), { create: false })).toEqual(key);
  });

  it('refuses to invent a key when asked only to read one', () => {
    expect(() => getAuditKey(settings(path.join(dir, 'none')), { create: false })).toThrow(
      AuditKeyMissingError,
    );
  });
});
