/**
 * Identifiers: a prefix plus a ULID (48-bit millisecond time + 80 random bits,
 * Crockford base32), so ids sort by creation time and never collide in practice.
 */
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random bytes drawn from a pool refilled 4 KiB at a time: one syscall per ~400 ids. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function randomTen(): Buffer {
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += 10;
  return pool.subarray(poolOffset - 10, poolOffset);
}

export function ulid(nowMs: number, random: Buffer = randomTen()): string {
  let time = '';
  let t = Math.floor(nowMs);
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  // 80 random bits → 16 base32 characters, 5 bits at a time.
  let bits = 0;
  let value = 0;
  let rand = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      rand += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return time + rand;
}

export type IdKind = 'report' | 'incident' | 'attachment' | 'message' | 'user' | 'office';
const PREFIX: Record<IdKind, string> = {
  report: 'r_',
  incident: 'i_',
  attachment: 'a_',
  message: 'm_',
  user: 'u_',
  office: 'o_',
};

export const newId = (kind: IdKind, nowMs: number): string => PREFIX[kind] + ulid(nowMs);
