/**
 * Cryptographically secure random bytes for small, frequent needs (nonces, data
 * keys, receipts, ids), drawn from a pool the CSPRNG refills 8 KiB at a time: one
 * call into OpenSSL per few hundred reports instead of several per report. Bytes
 * handed out are copied and wiped from the pool, so no key lingers there.
 */
import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 8192;
/** Larger requests go straight to the CSPRNG. */
const MAX_POOLED = 256;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

export function secureRandom(size: number): Buffer {
  if (size > MAX_POOLED) return randomBytes(size);
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return out;
}
