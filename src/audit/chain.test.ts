/**
 * The hash chain as a specification: an untouched chain passes; each kind of
 * tampering is caught at the right record and named; the key and the anchor matter.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalDetails,
  DETAILS_MAX_CHARS,
  GENESIS_HASH,
  hashRecord,
  makeAnchor,
  parseAnchor,
  verifyChain,
  type AuditRecordContent,
  type StoredAuditRecord,
} from './chain.js';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);

/** Record number `seq` of a test chain; `variant` changes its content. */
function content(seq: number, variant = ''): AuditRecordContent {
  return {
    seq,
    at: Date.UTC(2026, 10, 20, 13, 40) + seq * 1000,
    actor: `user:analyst${seq % 3}`,
    action: seq % 2 ? 'report.read' : 'report.status_changed',
    target: `report:r_${seq}${variant}`,
    reason: 'opened from the queue',
    detailsJson: canonicalDetails({ fields: ['narrative'], n: seq }),
  };
}

/** A valid chain of records 1..n, each hashed from its predecessor. */
function chain(n: number, key = KEY, make = (seq: number) => content(seq)): StoredAuditRecord[] {
  const out: StoredAuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const record = make(seq);
    prev = hashRecord(prev, record, key);
    out.push({ ...record, hash: prev });
  }
  return out;
}

const edit = (records: StoredAuditRecord[], seq: number, patch: Partial<StoredAuditRecord>) =>
  records.map((r) => (r.seq === seq ? { ...r, ...patch } : r));

describe('canonicalDetails', () => {
  it('sorts keys at every depth and leaves out undefined properties', () => {
    expect(canonicalDetails({ b: 1, a: { d: [2, { z: true, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalDetails({ from: 'new', to: 'closed' })).toBe(
      canonicalDetails({ to: 'closed', from: 'new' }),
    );
  });

  it.each([
    [{ narrative: 'x' }, 'details.narrative'],
    [{ change: { Phone: '+8613800138000' } }, 'details.change.Phone'],
    [{ list: [{ receipt: 'abc' }] }, 'details.list.0.receipt'],
  ])('refuses a key that would carry a protected value: %j', (details, path) => {
    expect(() => canonicalDetails(details)).toThrow(path);
  });

  it.each([
    [{ n: Number.NaN }, 'details.n is not a finite number'],
    [{ when: new Date(0) }, 'details.when is not a JSON value'],
    [{ f: () => 1 }, 'details.f is not a JSON value'],
    [{ big: 1n }, 'details.big is not a JSON value'],
  ])('refuses what is not plain JSON: %s', (details, message) => {
    expect(() => canonicalDetails(details as Record<string, unknown>)).toThrow(message);
  });

  it('refuses details longer than the limit', () => {
    expect(() => canonicalDetails({ ids: 'r'.repeat(DETAILS_MAX_CHARS) })).toThrow(
      `longer than ${DETAILS_MAX_CHARS}`,
    );
  });
});

describe('hashRecord', () => {
  it('is HMAC-SHA256 under the key of the previous hash and the record’s canonical JSON', () => {
    const record = content(1);
    const message = JSON.stringify([
      'tipwire.audit.v1',
      1,
      record.at,
      record.actor,
      record.action,
      record.target,
      record.reason,
      record.detailsJson,
    ]);
    const expected = createHmac('sha256', KEY)
      .update(Buffer.alloc(32))
      .update(message)
      .digest('hex');
    expect(hashRecord(GENESIS_HASH, record, KEY)).toBe(expected);
    // Not a plain hash: without the key nobody can recompute it.
    const plain = createHash('sha256').update(Buffer.alloc(32)).update(message).digest('hex');
    expect(expected).not.toBe(plain);
  });

  it.each(['seq', 'at', 'actor', 'action', 'target', 'reason', 'detailsJson'] as const)(
    'changes when %s changes',
    (field) => {
      const record = content(2);
      const changed = { ...record, [field]: field === 'seq' || field === 'at' ? 99 : 'x' };
      expect(hashRecord(GENESIS_HASH, changed, KEY)).not.toBe(
        hashRecord(GENESIS_HASH, record, KEY),
      );
    },
  );

  it('tells a null target from an empty one', () => {
    const record = content(1);
    expect(hashRecord(GENESIS_HASH, { ...record, target: null }, KEY)).not.toBe(
      hashRecord(GENESIS_HASH, { ...record, target: '' }, KEY),
    );
  });

  it('depends on the previous hash and on the key', () => {
    const record = content(1);
    const base = hashRecord(GENESIS_HASH, record, KEY);
    expect(hashRecord('1'.repeat(64), record, KEY)).not.toBe(base);
    expect(hashRecord(GENESIS_HASH, record, OTHER_KEY)).not.toBe(base);
  });
});

describe('verifyChain', () => {
  it('passes an untouched chain and reports its length and newest record', () => {
    const records = chain(6);
    expect(verifyChain(records, KEY)).toEqual({
      ok: true,
      count: 6,
      head: { seq: 6, hash: records[5]!.hash },
      anchoredSeq: null,
    });
  });

  it('passes an empty log', () => {
    expect(verifyChain([], KEY)).toEqual({ ok: true, count: 0, head: null, anchoredSeq: null });
  });

  it.each([
    ['at', 0],
    ['actor', 'user:someone-else'],
    ['action', 'report.exported'],
    ['target', 'report:r_other'],
    ['target', null],
    ['reason', 'routine check'],
    ['detailsJson', '{"fields":[],"n":3}'],
  ] as const)('names record 3 as edited when its %s was changed to %j', (field, value) => {
    const result = verifyChain(edit(chain(6), 3, { [field]: value }), KEY);
    expect(result).toEqual({
      ok: false,
      seq: 3,
      problem: 'edited',
      message: 'audit record 3 is broken: its content does not match its hash (edited?)',
    });
  });

  it('names the newest record when it was edited', () => {
    const result = verifyChain(edit(chain(6), 6, { reason: 'nothing to see' }), KEY);
    expect(result).toMatchObject({ ok: false, seq: 6, problem: 'edited' });
  });

  it('tells a changed hash column from an edited record', () => {
    const result = verifyChain(edit(chain(6), 3, { hash: 'f'.repeat(64) }), KEY);
    expect(result).toMatchObject({ ok: false, seq: 3, problem: 'hash_changed' });
    if (!result.ok) expect(result.message).toMatch(/its hash was changed/);
  });

  it('names the first record after a deleted one', () => {
    const result = verifyChain(
      chain(6).filter((r) => r.seq !== 3),
      KEY,
    );
    expect(result).toEqual({
      ok: false,
      seq: 4,
      problem: 'missing',
      message: 'audit record 4 is broken: record 3 is missing before it (deleted?)',
    });
  });

  it('names the whole range when several records in a row were deleted', () => {
    const result = verifyChain(
      chain(8).filter((r) => r.seq < 3 || r.seq > 5),
      KEY,
    );
    expect(result).toMatchObject({ ok: false, seq: 6, problem: 'missing' });
    if (!result.ok) expect(result.message).toContain('records 3–5 are missing');
  });

  it('notices that the oldest record was deleted', () => {
    const result = verifyChain(chain(4).slice(1), KEY);
    expect(result).toMatchObject({ ok: false, seq: 2, problem: 'missing' });
  });

  it('notices two records that swapped places, naming where the first belongs', () => {
    const records = chain(6);
    const swapped = records.map((r) => {
      if (r.seq === 2) return { ...records[4]!, seq: 2 };
      if (r.seq === 5) return { ...records[1]!, seq: 5 };
      return r;
    });
    const result = verifyChain(swapped, KEY);
    expect(result).toEqual({
      ok: false,
      seq: 2,
      problem: 'reordered',
      message:
        'audit record 2 is broken: the record written as number 2 is now number 5 (reordered?)',
    });
  });

  it('notices records given out of order', () => {
    const records = chain(4);
    const result = verifyChain([records[0]!, records[1]!, records[2]!, records[1]!], KEY);
    expect(result).toMatchObject({ ok: false, seq: 2, problem: 'reordered' });
  });

  it('fails at the first record under another key, saying the key may be wrong', () => {
    const result = verifyChain(chain(4), OTHER_KEY);
    expect(result).toMatchObject({ ok: false, seq: 1, problem: 'edited' });
    if (!result.ok) expect(result.message).toContain('another audit key');
  });

  it('cannot be fooled by a record rehashed without the key (plain SHA-256)', () => {
    const records = chain(4);
    const forged = { ...records[1]!, reason: 'nothing happened' };
    forged.hash = createHash('sha256')
      .update(Buffer.from(records[0]!.hash, 'hex'))
      .update(JSON.stringify(forged))
      .digest('hex');
    const result = verifyChain(edit(records, 2, forged), KEY);
    expect(result).toMatchObject({ ok: false, seq: 2 });
  });
});

describe('verifyChain with an anchor', () => {
  const at = Date.UTC(2026, 10, 21);

  it('passes when the log reaches the anchored record with its hash', () => {
    const records = chain(6);
    const anchor = makeAnchor(records[3]!, at, KEY);
    expect(verifyChain(records, KEY, anchor)).toMatchObject({ ok: true, count: 6, anchoredSeq: 4 });
  });

  it('names the first missing record when the newest ones were deleted', () => {
    const records = chain(6);
    const anchor = makeAnchor(records[5]!, at, KEY);
    expect(verifyChain(records.slice(0, 3), KEY, anchor)).toEqual({
      ok: false,
      seq: 4,
      problem: 'truncated',
      message:
        'audit records 4–6 are missing: the log ends at record 3 but the anchor names record 6 (newest records deleted?)',
    });
  });

  it('notices a log emptied entirely', () => {
    const anchor = makeAnchor(chain(2)[1]!, at, KEY);
    expect(verifyChain([], KEY, anchor)).toMatchObject({ ok: false, seq: 1, problem: 'truncated' });
  });

  it('notices a log restored from an older copy and written on since', () => {
    const original = chain(6);
    const restored = chain(6, KEY, (seq) => content(seq, seq > 4 ? '-after-restore' : ''));
    const anchor = makeAnchor(original[5]!, at, KEY);
    expect(verifyChain(restored, KEY, anchor)).toMatchObject({
      ok: false,
      seq: 6,
      problem: 'anchor_mismatch',
    });
  });

  it('tells an edited newest record from its changed hash by the anchor', () => {
    const records = chain(4);
    const anchor = makeAnchor(records[3]!, at, KEY);
    expect(verifyChain(edit(records, 4, { reason: 'x' }), KEY, anchor)).toMatchObject({
      problem: 'edited',
      seq: 4,
    });
    expect(verifyChain(edit(records, 4, { hash: '0'.repeat(64) }), KEY, anchor)).toMatchObject({
      problem: 'hash_changed',
      seq: 4,
    });
  });
});

describe('parseAnchor', () => {
  const anchor = makeAnchor({ seq: 9, hash: 'a'.repeat(64) }, 1_000, KEY);

  it('reads back an anchor written under the same key', () => {
    expect(parseAnchor(JSON.stringify(anchor), KEY)).toEqual({ ok: true, anchor });
  });

  it('refuses an anchor whose seq was lowered by hand', () => {
    const forged = JSON.stringify({ ...anchor, seq: 5 });
    expect(parseAnchor(forged, KEY)).toMatchObject({ ok: false, seq: 5, why: /MAC/ });
  });

  it('refuses an anchor made under another key', () => {
    expect(parseAnchor(JSON.stringify(anchor), OTHER_KEY)).toMatchObject({ ok: false });
  });

  it.each(['', 'not json', '{}', '{"seq":"9","hash":"a","at":1,"mac":"b"}'])(
    'refuses a malformed anchor: %j',
    (text) => {
      expect(parseAnchor(text, KEY).ok).toBe(false);
    },
  );
});
