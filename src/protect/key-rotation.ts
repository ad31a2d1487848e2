/**
 * Master-key rotation (`tipwire keys rotate`): every report's data key is re-wrapped
 * under a new master key, then checked to open under the new key alone, and only then
 * does the database switch to the new key and the old key file go aside.
 *
 * Steps, each safe to repeat after a crash (the plan below picks up from what the
 * database and the keys folder say):
 * 1. start: the new key is written to `master.key.next` (when the master key is a file),
 *    the subkey root is wrapped under both keys (`subkey-root`), and the rotation record
 *    is committed to the database;
 * 2. re-wrap: batches of data keys, each committed together with the record's progress,
 *    so a killed run continues after the last committed batch;
 * 3. verify: every data key and the subkey root must open under the new key alone;
 * 4. switch, in one transaction: the recorded master-key fingerprint, the audit record
 *    `keys.master_rotated` (ids and counts, never key material), phase `retire`;
 * 5. retire: `master.key` → `retired/master-<old id>.key`, `master.key.next` →
 *    `master.key`, `subkey-root` wrapped under the new key only; the record is deleted.
 *
 * The subkeys (blind index, audit chain, receipts) do not change: they come from the
 * subkey root, which is re-wrapped, never replaced (keyring.ts). Pseudonym keys are
 * not derived from the master key at all.
 */
import { unwrapDataKey, wrapDataKey, wrappingKeyId, type MasterKey } from './envelope.js';
import {
  KEY_ROTATION,
  MASTER_KEY_ID,
  readRotation,
  requireSubkeyRoot,
  SUBKEY_ROOT_ID,
  subkeyRootId,
  type DatabaseMeta,
  type RotationRecord,
} from './database-keys.js';
import { masterKeyId, type Keyring, type MasterKeyFiles } from './keyring.js';
import type { AuditEntryInput } from '../domain/audit.js';
import type { ReportRepository } from '../store/store.js';

export class KeyRotationError extends Error {
  readonly code = 'keys.rotation_refused';
}

/** What the plan decides from. Ids only: the plan never sees a key. */
export interface RotationFacts {
  /** The master-key fingerprint the database recorded, if any. */
  recorded: string | null;
  /** The unfinished rotation, if any. */
  record: RotationRecord | null;
  /** The id of the master key in use (TIPWIRE_MASTER_KEY or `master.key`). */
  current: string;
  /** The id of the new key given (or found in `master.key.next`, or made), if any. */
  offered: string | null;
  masterFromEnv: boolean;
}

export type RotationPlan =
  | { step: 'start'; from: string; to: string }
  | { step: 'rewrap' | 'retire'; record: RotationRecord }
  | { step: 'refuse'; reason: string };

/** What to do next, or why not: a pure function of the facts. */
export function planRotation(f: RotationFacts): RotationPlan {
  const refuse = (reason: string): RotationPlan => ({ step: 'refuse', reason });
  const howToGive = f.masterFromEnv
    ? 'give it with --new-key-file FILE or TIPWIRE_NEW_MASTER_KEY'
    : 'give it with --new-key-file FILE';
  if (f.record) {
    const { from, to, phase } = f.record;
    if (f.current !== from && f.current !== to) {
      return refuse(
        `the master key in use (${f.current}) is neither the old (${from}) nor the new (${to}) ` +
          'key of the unfinished rotation: set TIPWIRE_MASTER_KEY or TIPWIRE_KEYS_DIR to the old one',
      );
    }
    if (f.current === to) {
      if (phase === 'retire') return { step: 'retire', record: f.record };
      return refuse(
        `the unfinished rotation ${from} → ${to} still needs the old key to re-wrap the rest: ` +
          `set TIPWIRE_MASTER_KEY back to ${from} and give ${to} as the new key`,
      );
    }
    if (f.offered === null) {
      return refuse(
        `the unfinished rotation ${from} → ${to} needs the new key ${to}: ${howToGive}`,
      );
    }
    if (f.offered !== to) {
      return refuse(
        `the unfinished rotation is to ${to}, but the new key given is ${f.offered}: ` +
          `give ${to} to finish it`,
      );
    }
    return { step: phase, record: f.record };
  }
  if (f.recorded !== null && f.recorded !== f.current) {
    return refuse(
      `the master key in use (${f.current}) is not the one this database's data keys are ` +
        `wrapped under (${f.recorded}): set TIPWIRE_MASTER_KEY or TIPWIRE_KEYS_DIR to the right one`,
    );
  }
  if (f.offered === null) {
    return refuse(
      `TIPWIRE_MASTER_KEY is set, so tipwire cannot make the new master key: ${howToGive}`,
    );
  }
  if (f.offered === f.current) {
    return refuse(`the new master key is the one in use (${f.current}): give another`);
  }
  return { step: 'start', from: f.current, to: f.offered };
}

export type RotationProgress =
  | { step: 'started' | 'resumed'; from: string; to: string; rewrapped: number }
  | { step: 'rewrapped'; rewrapped: number; total: number }
  | { step: 'verified'; dataKeys: number }
  | { step: 'switched'; from: string; to: string }
  | { step: 'retired'; retiredFile: string | null };

export interface RotationSummary {
  from: string;
  to: string;
  /** Data keys this rotation re-wrapped (over every run of it). */
  rewrapped: number;
  /** Data keys checked to open under the new key (0 when the check ran in an earlier run). */
  verified: number;
  /** Where the old master key file went; null when the master key came from the environment. */
  retiredFile: string | null;
}

export interface RotationDeps {
  meta: DatabaseMeta;
  reports: Pick<ReportRepository, 'wrappedDataKeys' | 'replaceDataKey' | 'countDataKeys'>;
  /** One transaction (savepoint when nested). */
  transaction: <T>(fn: () => T) => T;
  /** The master key in use and the subkey root. */
  keyring: Keyring;
  files: MasterKeyFiles;
  /** The new key the operator gave (--new-key-file or TIPWIRE_NEW_MASTER_KEY), or null. */
  newKey: Buffer | null;
  masterFromEnv: boolean;
  /** A fresh random master key, when none is given and the master key is a file. */
  makeKey: () => Buffer;
  /** Appends an audit record inside the open transaction. */
  audit: (entry: AuditEntryInput) => void;
  clock: () => number;
  /** Data keys re-wrapped per transaction (TIPWIRE_KEYS_ROTATE_BATCH_SIZE). */
  batchSize: number;
  onProgress: (progress: RotationProgress) => void;
}

/** Runs (or resumes) the rotation to its end; throws KeyRotationError, changing nothing, when refused. */
export function rotateMasterKey(deps: RotationDeps): RotationSummary {
  const { meta, files, keyring, transaction, onProgress } = deps;
  const current = keyring.master();
  let record = readRotation(meta);
  const newKey =
    deps.newKey ??
    (deps.masterFromEnv ? null : (files.readNext() ?? (record ? null : deps.makeKey())));
  const plan = planRotation({
    recorded: meta.get(MASTER_KEY_ID),
    record,
    current: current.id,
    offered: newKey ? masterKeyId(newKey) : null,
    masterFromEnv: deps.masterFromEnv,
  });
  if (plan.step === 'refuse') throw new KeyRotationError(plan.reason);
  requireSubkeyRoot(meta, keyring, files.dir);
  const root = keyring.subkeyRoot();
  const keys = new Map<string, Buffer>([[current.id, current.key]]);
  if (newKey) keys.set(masterKeyId(newKey), newKey);

  if (plan.step === 'start') {
    const target: MasterKey = { id: plan.to, key: newKey! };
    if (!deps.masterFromEnv) files.writeNext(target.key); // before the database names it
    files.writeSubkeyRoot([wrapDataKey(root, current), wrapDataKey(root, target)]);
    record = {
      from: plan.from,
      to: plan.to,
      phase: 'rewrap',
      afterSeq: 0,
      rewrapped: 0,
      startedAt: deps.clock(),
    };
    transaction(() => {
      if (meta.get(SUBKEY_ROOT_ID) === null) meta.set(SUBKEY_ROOT_ID, subkeyRootId(root));
      writeRotation(meta, record!);
    });
    onProgress({ step: 'started', from: plan.from, to: plan.to, rewrapped: 0 });
  } else {
    record = plan.record;
    onProgress({ step: 'resumed', from: record.from, to: record.to, rewrapped: record.rewrapped });
  }

  let verified = 0;
  if (record.phase === 'rewrap') {
    const target: MasterKey = { id: record.to, key: keys.get(record.to)! };
    record = rewrapAll(deps, record, target, keys);
    verified = verifyAll(deps, target, root);
    onProgress({ step: 'verified', dataKeys: verified });
    const switched: RotationRecord = { ...record, phase: 'retire' };
    transaction(() => {
      meta.set(MASTER_KEY_ID, switched.to);
      writeRotation(meta, switched);
      deps.audit({
        actor: 'cli',
        action: 'keys.master_rotated',
        target: 'keys',
        reason: 'tipwire keys rotate: every data key re-wrapped and verified',
        details: { from: switched.from, to: switched.to, dataKeys: verified },
      });
    });
    record = switched;
    onProgress({ step: 'switched', from: record.from, to: record.to });
  }

  const target: MasterKey = { id: record.to, key: keys.get(record.to)! };
  const retiredFile = deps.masterFromEnv ? null : files.promoteNext(record.from);
  files.writeSubkeyRoot([wrapDataKey(root, target)]);
  transaction(() => meta.delete(KEY_ROTATION));
  onProgress({ step: 'retired', retiredFile });
  return { from: record.from, to: record.to, rewrapped: record.rewrapped, verified, retiredFile };
}

function writeRotation(meta: DatabaseMeta, record: RotationRecord): void {
  meta.set(KEY_ROTATION, JSON.stringify(record));
}

/** Re-wraps the data keys after the record's position, one committed batch at a time. */
function rewrapAll(
  deps: RotationDeps,
  start: RotationRecord,
  target: MasterKey,
  keys: Map<string, Buffer>,
): RotationRecord {
  const { reports, transaction, meta, batchSize } = deps;
  const total = reports.countDataKeys();
  let record = start;
  for (;;) {
    const rows = reports.wrappedDataKeys(record.afterSeq, batchSize);
    if (rows.length === 0) return record;
    record = transaction(() => {
      let rewrapped = record.rewrapped;
      for (const row of rows) {
        if (wrappingKeyId(row.wrapped) === target.id) continue;
        const dataKey = unwrapOrExplain(row, (id) => keys.get(id) ?? null);
        reports.replaceDataKey(row.id, wrapDataKey(dataKey, target));
        rewrapped += 1;
      }
      const next = { ...record, afterSeq: rows[rows.length - 1]!.seq, rewrapped };
      writeRotation(meta, next);
      return next;
    });
    deps.onProgress({ step: 'rewrapped', rewrapped: record.rewrapped, total });
  }
}

/** Every data key, and the subkey root, opened under the new key alone; returns how many keys. */
function verifyAll(deps: RotationDeps, target: MasterKey, root: Buffer): number {
  const only = (id: string) => (id === target.id ? target.key : null);
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = deps.reports.wrappedDataKeys(afterSeq, deps.batchSize);
    if (rows.length === 0) break;
    for (const row of rows) unwrapOrExplain(row, only);
    checked += rows.length;
    afterSeq = rows[rows.length - 1]!.seq;
  }
  const rootUnderNew = deps.files.subkeyRootUnder(target);
  if (!rootUnderNew?.equals(root)) {
    throw new KeyRotationError(
      `the subkey root does not open under the new key ${target.id}: nothing was switched, ` +
        'the old key is still the one in use; run `tipwire keys rotate` again',
    );
  }
  return checked;
}

function unwrapOrExplain(
  row: { id: string; wrapped: Buffer },
  masterKeys: (id: string) => Buffer | null,
): Buffer {
  try {
    return unwrapDataKey(row.wrapped, masterKeys);
  } catch {
    const id = wrappingKeyId(row.wrapped);
    throw new KeyRotationError(
      `report ${row.id}: its data key ${id ? `(wrapped under ${id})` : ''} does not open ` +
        'under the keys of this rotation (altered, or wrapped under another master key): ' +
        'nothing was switched, and the old key is still the one in use',
    );
  }
}
