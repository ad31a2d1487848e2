import { describe, expect, it } from 'vitest';
import { attachmentBudget, base64OfBytes, contentTypeOf, fits, jsonBytes } from './attachments.js';

describe('files in the body', () => {
  it('leaves room for the rest of the report and the base64 growth', () => {
    expect(attachmentBudget(1024 * 1024)).toBe(((1024 * 1024 - 16 * 1024) * 3) / 4);
    expect(attachmentBudget(1024)).toBe(0);
    expect(fits([{ size: 100 }], 50, 150)).toBe(true);
    expect(fits([{ size: 100 }], 51, 150)).toBe(false);
  });

  it('encodes bytes as standard base64, large ones too', () => {
    expect(base64OfBytes(new TextEncoder().encode('tipwire'))).toBe('dGlwd2lyZQ==');
    const big = new Uint8Array(200_000).fill(255);
    expect(base64OfBytes(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('counts the body in UTF-8 bytes, as the server does', () => {
    expect(jsonBytes({ n: '无人机' })).toBe(JSON.stringify({ n: '' }).length + 9);
  });

  it('names an unknown media type generically', () => {
    expect(contentTypeOf('')).toBe('application/octet-stream');
    expect(contentTypeOf('image/jpeg')).toBe('image/jpeg');
  });
});
