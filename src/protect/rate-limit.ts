/**
 * Flood control: token buckets per source, in memory. A source is a caller
 * pseudonym or a hashed network prefix (an IPv4 /24 or IPv6 /48 by default), so
 * not even the limiter's memory holds a raw address. Pure given the clock.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export interface BucketRule {
  /** Requests allowed in a burst. */
  burst: number;
  /** Requests allowed per minute, sustained. */
  perMinute: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Uses one request of the source's allowance, or says when it may try again. */
  take(source: string): Take;
  /**
   * Gives back one request taken before the outcome was known (a login that turned
   * out right), never beyond the burst; a source no longer tracked already has it all.
   */
  refund(source: string): void;
  /** Sources currently tracked (bounded by maxSources). */
  size(): number;
}

export function createRateLimiter(
  rule: BucketRule,
  clock: () => number,
  maxSources = 100_000,
): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = rule.perMinute / 60_000;
  const available = (source: string, now: number) => {
    const previous = buckets.get(source);
    return previous
      ? Math.min(rule.burst, previous.tokens + (now - previous.at) * perMs)
      : rule.burst;
  };
  const refusal = (tokens: number): Take => ({
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
  });
  return {
    take(source) {
      const now = clock();
      const tokens = available(source, now);
      if (tokens < 1) {
        buckets.set(source, { tokens, at: now });
        return refusal(tokens);
      }
      // Map order is insertion order: re-insert to keep recently seen sources last.
      buckets.delete(source);
      buckets.set(source, { tokens: tokens - 1, at: now });
      if (buckets.size > maxSources) buckets.delete(buckets.keys().next().value!);
      return { ok: true };
    },
    refund(source) {
      if (!buckets.has(source)) return;
      const now = clock();
      buckets.set(source, { tokens: Math.min(rule.burst, available(source, now) + 1), at: now });
    },
    size: () => buckets.size,
  };
}

export interface PrefixSettings {
  ipv4PrefixBits: number;
  ipv6PrefixBits: number;
}

/** The network prefix of an address, as text (`203.0.113.0/24`), or the input if it is no IP. */
export function networkPrefix(address: string, settings: PrefixSettings): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  if (isIPv4(ip)) {
    const value = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    const size = 2 ** (32 - settings.ipv4PrefixBits);
    const base = Math.floor(value / size) * size;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
    return `${octets.join('.')}/${settings.ipv4PrefixBits}`;
  }
  if (isIPv6(ip)) {
    const groups = expandIPv6(ip);
    const keep = Math.floor(settings.ipv6PrefixBits / 16);
    return `${groups.slice(0, keep).join(':')}::/${settings.ipv6PrefixBits}`;
  }
  return ip;
}

function expandIPv6(ip: string): string[] {
  const [head, tail = ''] = ip.split('::'); // split always gives a head
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = Array(8 - left.length - right.length).fill('0');
  return [...left, ...(ip.includes('::') ? middle : []), ...right].map((g) => g.toLowerCase());
}

/** Hashes sources with a key that lives only in this process's memory. */
export function sourceHasher(key: Buffer = randomBytes(32)) {
  return (source: string) =>
    createHmac('sha256', key).update(source).digest('base64url').slice(0, 22);
}
