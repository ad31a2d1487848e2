import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, observableToken } from './keyed-hashes.js';

const key = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 8);

// Both are stored (a report's content hash, an observable's token): their inputs are a
// format that must not drift between versions, or resends and matches stop being found.
describe('keyed hashes', () => {
  it('hashes content under its label, as HMAC-SHA-256 hex', () => {
    const expected = createHmac('sha256', key).update('content\u0000narrative').digest('hex');
    expect(contentHash(key, 'narrative')).toBe(expected);
    expect(contentHash(other, 'narrative')).not.toBe(expected);
  });

  it('tokens an observable by its type and value under its label, 128 bits in hex', () => {
    const full = createHmac('sha256', key)
      .update('observable\u0000ipv4\u00001.2.3.4')
      .digest('hex');
    expect(observableToken(key, 'ipv4', '1.2.3.4')).toBe(full.slice(0, 32));
    expect(observableToken(key, 'ipv4', '1.2.3.4')).toHaveLength(32);
    expect(observableToken(key, 'domain', '1.2.3.4')).not.toBe(full.slice(0, 32));
  });
});
