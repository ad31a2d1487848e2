/**
 * Reading a JSON body before anything else touches it: the bytes must be valid
 * UTF-8 (a body in another encoding would otherwise be stored as replacement
 * characters, silently changed), and objects and arrays may nest only so deep
 * (later steps walk the value recursively: hashing for idempotency, validation,
 * error paths). Both checks are linear and iterative, so no body can overflow the
 * stack or hold the event loop. Errors name the byte offset, never the content.
 */
import { isUtf8 } from 'node:buffer';
import { validationError } from '../domain/errors.js';

/**
 * Offset of the first byte that breaks UTF-8 (a stray continuation byte, a
 * truncated or overlong sequence, a surrogate, a value above U+10FFFF), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let value = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      value = (value << 6) | (c & 0x3f);
    }
    if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

/** Whether the JSON text nests objects and arrays deeper than `maxDepth` (strings skipped). */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The checked text of a JSON body (or of a multipart body's `report` part: `path`),
 * or a 400 naming what is wrong. JSON.parse comes
 * after (Fastify's own parser, which also refuses `__proto__` and `constructor`).
 */
export function checkedJsonText(bytes: Buffer, maxDepth: number, path = 'body'): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    throw validationError([
      { path, message: `is not valid UTF-8 (the first bad byte is at offset ${bad})` },
    ]);
  }
  const text = bytes.toString('utf8');
  if (nestsDeeperThan(text, maxDepth)) {
    throw validationError([
      { path, message: `nests objects or arrays deeper than ${maxDepth} levels` },
    ]);
  }
  return text;
}
