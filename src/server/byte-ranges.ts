/**
 * One HTTP byte range (RFC 9110 §14) of a file of known size, pure: what a PMTiles
 * client asks for (`bytes=start-end`, `bytes=start-`, `bytes=-suffix`). Several
 * ranges in one request, another unit, a malformed header or a range past the end
 * are refused (416 with `Content-Range: bytes * /size`): tipwire serves tiles one
 * range per request, never a multipart body.
 */

export type RangeAnswer =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const SPEC = /^bytes=(\d*)-(\d*)$/;

/** The bytes `header` asks for (inclusive `end`), of a file of `size` bytes. */
export function byteRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const m = SPEC.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'unsatisfiable' };
  const [, first, last] = m;
  if (first === '') {
    // The last `suffix` bytes (all of them when the file is shorter).
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || (last !== '' && Number(last) < start)) {
    return { kind: 'unsatisfiable' };
  }
  return { kind: 'part', start, end };
}
