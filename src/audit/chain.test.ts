/**
 * The hash chain as a specification: an untouched chain passes; each kind of
 * tampering is caught at the right record and named; the key and the anchor matter.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AuditEntryError,
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

/** Runs `fn`, expecting it to throw; returns the error. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, none was thrown');
}

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

  it.each(['narrative', 'phone', 'caller', 'token', 'secret', 'password', 'receipt'])(
    'refuses the key %s in any case, as an AuditEntryError',
    (key) => {
      for (const spelling of [key, key.toUpperCase()]) {
        const err = thrown(() => canonicalDetails({ [spelling]: 'x' }));
        expect(err).toBeInstanceOf(AuditEntryError);
        expect((err as AuditEntryError).code).toBe('audit.invalid_entry');
        expect((err as Error).message).toBe(
          `details.${spelling}: audit records never carry protected values such as a ${spelling}`,
        );
      }
    },
  );

  it.each([null, undefined, [], ['a'], 'text', 7, new Date(0)])(
    'refuses details that are not a plain object: %j',
    (details) => {
      const err = thrown(() => canonicalDetails(details as unknown as Record<string, unknown>));
      expect(err).toBeInstanceOf(AuditEntryError);
      expect((err as Error).message).toBe('details must be a plain object');
    },
  );

  it('takes an object without a prototype as a plain object', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2, a: 1 });
    expect(canonicalDetails(bare)).toBe('{"a":1,"b":2}');
    expect(canonicalDetails({ inner: bare })).toBe('{"inner":{"a":1,"b":2}}');
  });

  it('refuses an undefined inside a list, where it cannot be left out', () => {
    expect(() => canonicalDetails({ a: [1, undefined] })).toThrow(
      new AuditEntryError('details.a.1 is not a JSON value'),
    );
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

  it('accepts details of exactly the limit, and refuses one character more', () => {
    const overhead = '{"ids":""}'.length;
    const atLimit = { ids: 'r'.repeat(DETAILS_MAX_CHARS - overhead) };
    expect(canonicalDetails(atLimit)).toHaveLength(DETAILS_MAX_CHARS);
    const err = thrown(() => canonicalDetails({ ids: `${atLimit.ids}r` }));
    expect(err).toBeInstanceOf(AuditEntryError);
    expect((err as Error).message).toBe(`details are longer than ${DETAILS_MAX_CHARS} characters`);
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

  it.each(['A'.repeat(64), `${'a'.repeat(64)}0`, `x${'a'.repeat(64)}`, 'f'.repeat(63), 'édité'])(
    'chains from a stored hash that is not 64 lower-case hex characters as its UTF-8 text: %s',
    (prevHash) => {
      const record = content(2);
      const expected = createHmac('sha256', KEY)
        .update(Buffer.from(prevHash, 'utf8'))
        .update(
          JSON.stringify([
            'tipwire.audit.v1',
            2,
            record.at,
            record.actor,
            record.action,
            record.target,
            record.reason,
            record.detailsJson,
          ]),
        )
        .digest('hex');
      expect(hashRecord(prevHash, record, KEY)).toBe(expected);
    },
  );

  it('hashes the record’s text as UTF-8', () => {
    const record = { ...content(1), reason: '从队列打开 — ouvert' };
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
      .update(Buffer.from(message, 'utf8'))
      .digest('hex');
    expect(hashRecord(GENESIS_HASH, record, KEY)).toBe(expected);
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
    expect(result).toEqual({
      ok: false,
      seq: 2,
      problem: 'reordered',
      message: 'audit record 2 is broken: it comes after record 3',
    });
  });

  it('notices a record given twice in a row', () => {
    const records = chain(3);
    const result = verifyChain([records[0]!, records[1]!, records[1]!, records[2]!], KEY);
    expect(result).toEqual({
      ok: false,
      seq: 2,
      problem: 'reordered',
      message: 'audit record 2 is broken: it comes after record 2',
    });
  });

  it('refuses a log that starts below record 1, even with valid hashes', () => {
    // Hashed under the right key as numbers 0, 1, 2: only the numbering is wrong.
    const records = chain(3, KEY, (seq) => content(seq - 1));
    expect(records[0]!.seq).toBe(0);
    expect(verifyChain(records, KEY)).toEqual({
      ok: false,
      seq: 0,
      problem: 'reordered',
      message: 'audit record 0 is broken: the first record is number 1',
    });
  });

  it('names an edited first record as edited when its successor still chains from it', () => {
    expect(verifyChain(edit(chain(3), 1, { reason: 'x' }), KEY)).toEqual({
      ok: false,
      seq: 1,
      problem: 'edited',
      message: 'audit record 1 is broken: its content does not match its hash (edited?)',
    });
  });

  it('names an edited newest record as edited, without suspecting the key', () => {
    expect(verifyChain(edit(chain(6), 6, { reason: 'x' }), KEY)).toEqual({
      ok: false,
      seq: 6,
      problem: 'edited',
      message: 'audit record 6 is broken: its content does not match its hash (edited?)',
    });
  });

  it('names a hash column cut short, rather than failing to compare it', () => {
    const result = verifyChain(edit(chain(6), 3, { hash: 'f'.repeat(10) }), KEY);
    expect(result).toEqual({
      ok: false,
      seq: 3,
      problem: 'hash_changed',
      message:
        'audit record 3 is broken: its hash was changed (its content still matches the chain)',
    });
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

  it('passes when the anchor names the newest record', () => {
    const records = chain(6);
    const anchor = makeAnchor(records[5]!, at, KEY);
    expect(verifyChain(records, KEY, anchor)).toEqual({
      ok: true,
      count: 6,
      head: { seq: 6, hash: records[5]!.hash },
      anchoredSeq: 6,
    });
  });

  it('names the one missing record when only the newest was deleted', () => {
    const records = chain(6);
    const anchor = makeAnchor(records[5]!, at, KEY);
    expect(verifyChain(records.slice(0, 5), KEY, anchor)).toEqual({
      ok: false,
      seq: 6,
      problem: 'truncated',
      message:
        'audit record 6 is missing: the log ends at record 5 but the anchor names record 6 (newest records deleted?)',
    });
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
    expect(verifyChain(restored, KEY, anchor)).toEqual({
      ok: false,
      seq: 6,
      problem: 'anchor_mismatch',
      message:
        'audit record 6 is broken: its hash differs from the anchor’s (the log was rewritten, or restored from an older copy?)',
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

  it('tells an edited only record by the anchor, without suspecting the key', () => {
    const records = chain(1);
    const anchor = makeAnchor(records[0]!, at, KEY);
    expect(verifyChain(edit(records, 1, { reason: 'x' }), KEY, anchor)).toEqual({
      ok: false,
      seq: 1,
      problem: 'edited',
      message: 'audit record 1 is broken: its content does not match its hash (edited?)',
    });
  });

  it('names an anchored record whose content and hash were both changed as edited', () => {
    const records = chain(4);
    const anchor = makeAnchor(records[3]!, at, KEY);
    const both = edit(records, 4, { reason: 'x', hash: 'e'.repeat(64) });
    expect(verifyChain(both, KEY, anchor)).toMatchObject({ ok: false, seq: 4, problem: 'edited' });
  });

  it('asks the anchor about a changed hash when the next record is gone too', () => {
    const records = chain(6);
    const anchor = makeAnchor(records[3]!, at, KEY);
    const changed = edit(records, 4, { hash: 'e'.repeat(64) }).filter((r) => r.seq !== 5);
    expect(verifyChain(changed, KEY, anchor)).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'hash_changed',
    });
  });

  it('takes the anchor’s word only for the record it names', () => {
    // An anchor for record 7 that happens to carry record 6's true hash says nothing
    // about record 6: its changed hash column cannot be told from an edit.
    const records = chain(6);
    const anchor = makeAnchor({ seq: 7, hash: records[5]!.hash }, at, KEY);
    const changed = edit(records, 6, { hash: 'e'.repeat(64) });
    expect(verifyChain(changed, KEY, anchor)).toMatchObject({
      ok: false,
      seq: 6,
      problem: 'edited',
    });
  });
});

describe('parseAnchor', () => {
  const HASH = 'a'.repeat(64);
  /** An anchor for record 9, made under KEY (inside each test, not at collection). */
  const anchorFor9 = () => makeAnchor({ seq: 9, hash: HASH }, 1_000, KEY);
  /** The anchor MAC as documented: HMAC-SHA256 over the format name, seq, hash and at. */
  const macOf = (seq: unknown, hash: unknown, at: unknown, key = KEY) =>
    createHmac('sha256', key)
      .update(JSON.stringify(['tipwire.audit-anchor.v1', seq, hash, at]))
      .digest('hex');
  const LACKS = 'it lacks seq, hash, at or mac';
  const BAD_MAC = 'its MAC does not match (edited, or written under another key?)';

  it('reads back an anchor written under the same key', () => {
    const anchor = anchorFor9();
    expect(parseAnchor(JSON.stringify(anchor), KEY)).toEqual({ ok: true, anchor });
  });

  it('reads back an anchor for the very first record', () => {
    const first = makeAnchor({ seq: 1, hash: HASH }, 1_000, KEY);
    expect(parseAnchor(JSON.stringify(first), KEY)).toEqual({ ok: true, anchor: first });
  });

  it('macs the format name, seq, hash and time under the audit key', () => {
    expect(anchorFor9()).toEqual({ seq: 9, hash: HASH, at: 1_000, mac: macOf(9, HASH, 1_000) });
  });

  it('refuses an anchor whose seq was lowered by hand', () => {
    const forged = JSON.stringify({ ...anchorFor9(), seq: 5 });
    expect(parseAnchor(forged, KEY)).toEqual({ ok: false, seq: 5, why: BAD_MAC });
  });

  it('refuses an anchor made under another key', () => {
    expect(parseAnchor(JSON.stringify(anchorFor9()), OTHER_KEY)).toEqual({
      ok: false,
      seq: 9,
      why: BAD_MAC,
    });
  });

  it('refuses a MAC of the wrong length rather than failing to compare it', () => {
    const short = JSON.stringify({ ...anchorFor9(), mac: 'abc' });
    expect(parseAnchor(short, KEY)).toEqual({ ok: false, seq: 9, why: BAD_MAC });
  });

  it.each(['', 'not json', '{"seq":9'])('refuses text that is not JSON: %j', (text) => {
    expect(parseAnchor(text, KEY)).toEqual({ ok: false, seq: null, why: 'it is not valid JSON' });
  });

  it.each(['null', '5', '"anchor"', '[]', '{}'])('refuses JSON that is no anchor: %s', (text) => {
    expect(parseAnchor(text, KEY)).toEqual({ ok: false, seq: null, why: LACKS });
  });

  // Each of these carries a MAC that is right for its fields, so only the field checks
  // stand between it and being trusted.
  it.each([
    ['a seq as text', '9', null],
    ['a fractional seq', 1.5, null],
    ['an unsafe seq', 2 ** 53, null],
    ['seq 0', 0, 0],
    ['a negative seq', -1, -1],
  ])('refuses %s, however well it is MACed', (_, seq, seqReported) => {
    const text = JSON.stringify({ seq, hash: HASH, at: 1_000, mac: macOf(seq, HASH, 1_000) });
    expect(parseAnchor(text, KEY)).toEqual({ ok: false, seq: seqReported, why: LACKS });
  });

  it.each([
    ['no hash', { at: 1_000 }],
    ['a hash that is a number', { hash: 7, at: 1_000 }],
    ['no time', { hash: HASH }],
    ['a time as text', { hash: HASH, at: '1970-01-01T00:00:01Z' }],
  ])('refuses an anchor with %s, however well it is MACed', (_, fields) => {
    const { hash, at } = fields as { hash?: unknown; at?: unknown };
    const text = JSON.stringify({ seq: 9, ...fields, mac: macOf(9, hash, at) });
    expect(parseAnchor(text, KEY)).toEqual({ ok: false, seq: 9, why: LACKS });
  });

  it('refuses an anchor without a MAC, or with one that is not text', () => {
    const { mac: _mac, ...unsigned } = anchorFor9();
    expect(parseAnchor(JSON.stringify(unsigned), KEY)).toEqual({ ok: false, seq: 9, why: LACKS });
    const numeric = JSON.stringify({ ...unsigned, mac: 12345 });
    expect(parseAnchor(numeric, KEY)).toEqual({ ok: false, seq: 9, why: LACKS });
  });
});
