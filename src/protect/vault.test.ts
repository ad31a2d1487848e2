import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { blindTokens, queryTokens, searchTerms } from './blind-index.js';
import { open, unwrapDataKey } from './envelope.js';
import { createVault, type VaultKeys } from './vault.js';

const current = { id: 'mk_current', key: Buffer.alloc(32, 0x21) };
const retired = { id: 'mk_retired', key: Buffer.alloc(32, 0x22) };
const indexKey = Buffer.alloc(32, 0x23);

/** Keys as the runtime passes them: a current master key, a retired one found by id. */
function makeKeys(overrides: Partial<VaultKeys> = {}): VaultKeys {
  const byId = new Map([current, retired].map((k) => [k.id, k.key]));
  return {
    master: () => current,
    masterById: (id) => byId.get(id) ?? null,
    indexKey,
    ...overrides,
  };
}

const narrative = 'A drone fell behind the north gate. 昨晚一架无人机坠落在北门后面';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** A file as the vault gets it: its bytes are sealed apart (sealed-file.ts), under `fileKey`. */
const file = (id: string, filename: string, data: Buffer) => ({
  id,
  filename,
  sha256: sha256(data),
  fileKey: Buffer.alloc(32, id),
  data,
});
const photo = file('a_1', 'gate.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]));
const memo = file('a_2', 'memo.txt', Buffer.from('second file'));

/** Runs `fn`, expecting an integrity failure. */
function expectIntegrityFailure(fn: () => unknown): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('integrity_failure');
}

describe('sealReport', () => {
  it('seals a narrative that opens again for its report only', () => {
    const vault = createVault(makeKeys());
    const sealed = vault.sealReport('r_1', narrative, []);
    expect(vault.openNarrative({ id: 'r_1', sealed })).toBe(narrative);
    expect(sealed.narrative.includes(Buffer.from('drone'))).toBe(false);
    expectIntegrityFailure(() => vault.openNarrative({ id: 'r_2', sealed }));
  });

  it('wraps a fresh data key per report under the current master key, naming it', () => {
    const vault = createVault(makeKeys());
    const a = vault.sealReport('r_1', narrative, []);
    const b = vault.sealReport('r_2', narrative, []);
    expect(a.dataKey.subarray(2, 2 + current.id.length).toString()).toBe(current.id);
    const keyOf = (s: { dataKey: Buffer }) => unwrapDataKey(s.dataKey, () => current.key);
    expect(keyOf(a).equals(keyOf(b))).toBe(false);
  });

  it('binds each sealed value to report, kind and id: `report:<id>:<kind>:<item id>`', () => {
    const vault = createVault(makeKeys());
    const sealed = vault.sealReport('r_1', narrative, [photo], 'a man in a red coat');
    const dek = unwrapDataKey(sealed.dataKey, () => current.key);
    const file = sealed.attachments.get(photo.id)!;
    expect(open(dek, sealed.narrative, 'report:r_1:narrative:').toString()).toBe(narrative);
    expect(open(dek, sealed.subjects!, 'report:r_1:subjects:').toString()).toBe(
      'a man in a red coat',
    );
    expect(JSON.parse(open(dek, file.meta, 'report:r_1:attachment-meta:a_1').toString())).toEqual({
      filename: 'gate.jpg',
      sha256: sha256(photo.data),
      fileKey: photo.fileKey.toString('base64'),
    });
  });

  it('seals who/what when given, and stores null when not', () => {
    const vault = createVault(makeKeys());
    const withSubjects = vault.sealReport('r_1', narrative, [], 'a man in a red coat');
    expect(vault.openSubjects({ id: 'r_1', sealed: withSubjects })).toBe('a man in a red coat');
    const without = vault.sealReport('r_1', narrative, []);
    expect(without.subjects).toBeNull();
    expect(vault.openSubjects({ id: 'r_1', sealed: without })).toBeNull();
  });

  it('seals every attachment’s filename, SHA-256 and file key under its id; its facts never show the key', () => {
    const vault = createVault(makeKeys());
    const sealed = vault.sealReport('r_1', narrative, [photo, memo]);
    expect([...sealed.attachments.keys()]).toEqual(['a_1', 'a_2']);
    for (const a of [photo, memo]) {
      const { meta } = sealed.attachments.get(a.id)!;
      expect(vault.openAttachmentFacts('r_1', sealed.dataKey, a.id, meta)).toStrictEqual({
        filename: a.filename,
        sha256: sha256(a.data),
      });
      expect(vault.openFileKey('r_1', sealed.dataKey, a.id, meta)).toEqual(a.fileKey);
    }
  });

  it('does not open an attachment’s facts under another attachment’s id or report', () => {
    const vault = createVault(makeKeys());
    const sealed = vault.sealReport('r_1', narrative, [photo, memo]);
    const { meta } = sealed.attachments.get(photo.id)!;
    expectIntegrityFailure(() => vault.openAttachmentFacts('r_1', sealed.dataKey, memo.id, meta));
    expectIntegrityFailure(() => vault.openFileKey('r_2', sealed.dataKey, photo.id, meta));
  });

  it('opens a file sealed whole before schema version 14, which has no file key', () => {
    const vault = createVault(makeKeys());
    const sealed = vault.sealReport('r_1', narrative, []);
    const old = vault.sealLegacyAttachment('r_1', sealed.dataKey, photo);
    expect(vault.openAttachment('r_1', sealed.dataKey, photo.id, old.data)).toEqual(photo.data);
    expect(vault.openFileKey('r_1', sealed.dataKey, photo.id, old.meta)).toBeNull();
    expectIntegrityFailure(() => vault.openAttachment('r_1', sealed.dataKey, memo.id, old.data));
    expectIntegrityFailure(() => vault.openAttachment('r_1', sealed.dataKey, photo.id, old.meta));
  });
});

describe('subjects and messages on an existing report', () => {
  it('seals a new who/what under the report’s data key', () => {
    const vault = createVault(makeKeys());
    const sealed = vault.sealReport('r_1', narrative, []);
    const subjects = vault.sealSubjects('r_1', sealed.dataKey, 'two people, one on a bicycle');
    expect(vault.openSubjects({ id: 'r_1', sealed: { ...sealed, subjects } })).toBe(
      'two people, one on a bicycle',
    );
    expectIntegrityFailure(() =>
      vault.openSubjects({ id: 'r_2', sealed: { ...sealed, subjects } }),
    );
  });

  it('seals a follow-up message bound to its report and message id', () => {
    const vault = createVault(makeKeys());
    const { dataKey } = vault.sealReport('r_1', narrative, []);
    const message = vault.sealMessage('r_1', dataKey, 'm_1', 'Can you say which gate? 哪个门？');
    expect(vault.openMessage('r_1', dataKey, 'm_1', message)).toBe(
      'Can you say which gate? 哪个门？',
    );
    const dek = unwrapDataKey(dataKey, () => current.key);
    expect(open(dek, message, 'report:r_1:message:m_1').toString()).toBe(
      'Can you say which gate? 哪个门？',
    );
    expectIntegrityFailure(() => vault.openMessage('r_1', dataKey, 'm_2', message));
    expectIntegrityFailure(() => vault.openMessage('r_2', dataKey, 'm_1', message));
  });
});

describe('master keys', () => {
  it('opens a report sealed under a master key since retired', () => {
    const before = createVault(makeKeys({ master: () => retired }));
    const sealed = before.sealReport('r_1', narrative, []);
    expect(createVault(makeKeys()).openNarrative({ id: 'r_1', sealed })).toBe(narrative);
  });

  it('cannot open a report whose master key is not available', () => {
    const sealed = createVault(makeKeys()).sealReport('r_1', narrative, []);
    const forgetful = createVault(makeKeys({ masterById: () => null }));
    expectIntegrityFailure(() => forgetful.openNarrative({ id: 'r_1', sealed }));
  });
});

describe('legacy reports', () => {
  it('seals a legacy narrative with its search tokens, and no who/what', () => {
    const vault = createVault(makeKeys());
    const legacy = vault.sealLegacy('r_old', narrative);
    expect(vault.openNarrative({ id: 'r_old', sealed: legacy })).toBe(narrative);
    expect(legacy.subjects).toBeNull();
    expect(legacy.searchTokens).toEqual(blindTokens(searchTerms(narrative), indexKey));
    const dek = unwrapDataKey(legacy.dataKey, () => current.key);
    expect(open(dek, legacy.narrative, 'report:r_old:narrative:').toString()).toBe(narrative);
  });

  it('seals a legacy attachment with the facts it already had', () => {
    const vault = createVault(makeKeys());
    const { dataKey } = vault.sealLegacy('r_old', narrative);
    const facts = { filename: 'old.jpg', sha256: 'ab'.repeat(32) };
    const sealed = vault.sealLegacyAttachment('r_old', dataKey, {
      id: 'a_9',
      ...facts,
      data: photo.data,
    });
    expect(vault.openAttachment('r_old', dataKey, 'a_9', sealed.data).equals(photo.data)).toBe(
      true,
    );
    expect(vault.openAttachmentFacts('r_old', dataKey, 'a_9', sealed.meta)).toEqual(facts);
    const dek = unwrapDataKey(dataKey, () => current.key);
    expect(open(dek, sealed.data, 'report:r_old:attachment:a_9').equals(photo.data)).toBe(true);
    expect(
      JSON.parse(open(dek, sealed.meta, 'report:r_old:attachment-meta:a_9').toString()),
    ).toEqual(facts);
  });
});

describe('queryTokens', () => {
  it('turns a query into blind-index tokens under the index key', () => {
    const vault = createVault(makeKeys());
    expect(vault.queryTokens('drones 北门')).toEqual(queryTokens('drones 北门', indexKey));
    expect(vault.queryTokens('drones')).not.toEqual(queryTokens('drones', Buffer.alloc(32, 1)));
  });
});
