/**
 * IP addresses and CIDR blocks, validated and written one way each.
 *
 * - IPv4: four decimal octets 0–255 written without leading zeros (`010.1.1.1` is
 *   refused: inet_aton reads it as octal 8.1.1.1, so its meaning is in doubt).
 * - IPv6: eight groups of 1–4 hex digits, one `::` at most, an IPv4 tail allowed in
 *   the last 32 bits; no zone (`%eth0`). Written as RFC 5952 says: lower case, no
 *   leading zeros, the longest run of two or more zero groups as `::` (the first of
 *   equal runs), and IPv4-mapped addresses (::ffff:0:0/96) with a dotted tail.
 * - CIDR: an address, `/`, a prefix length (0–32, 0–128) without leading zeros; the
 *   host bits are kept as written (10.0.0.5/24 stays 10.0.0.5/24: which host was named
 *   is part of what the reporter said).
 */

const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** The four octets of a dotted IPv4 address, or null. */
export function parseIPv4(text: string): number[] | null {
  if (!IPV4.test(text)) return null;
  const octets = text.split('.').map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address, or null. */
export function parseIPv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null; // "1:2:3:4:5:6:7:8::::" would pass the count below
  const partsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const head = partsOf(halves[0]!);
  const tail = halves.length === 2 ? partsOf(halves[1]!) : [];
  const groupsOf = (parts: string[], mayEndInIPv4: boolean): number[] | null => {
    const groups: number[] = [];
    for (const [i, part] of parts.entries()) {
      if (mayEndInIPv4 && i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIPv4(part);
        if (!v4) return null;
        groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (HEX_GROUP.test(part)) {
        groups.push(parseInt(part, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const compressed = halves.length === 2;
  const first = groupsOf(head, !compressed);
  const last = groupsOf(tail, true);
  if (!first || !last) return null;
  const missing = 8 - first.length - last.length;
  // Without `::` exactly eight groups; with it, `::` stands for at least one.
  if (compressed ? missing < 1 : missing !== 0) return null;
  return [...first, ...Array<number>(missing).fill(0), ...last];
}

/** RFC 5952's text of eight groups. */
export function formatIPv6(groups: readonly number[]): string {
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) {
    const [a, b] = [groups[6]!, groups[7]!];
    return `::ffff:${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;
  }
  // The longest run of zero groups, at least two long; the first of equal ones.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (groups[j] === 0) j += 1; // groups[8] is undefined
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(':');
  const before = hex.slice(0, best.start).join(':');
  const after = hex.slice(best.start + best.length).join(':');
  return `${before}::${after}`;
}

/** An IPv4 or IPv6 address or CIDR block as typed observable text, or null. */
export function normalizeIp(
  text: string,
): { type: 'ipv4' | 'ipv6' | 'cidr'; value: string } | null {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const v4 = parseIPv4(address);
  const v6 = v4 ? null : parseIPv6(address);
  if (!v4 && !v6) return null;
  const canonical = v4 ? v4.join('.') : formatIPv6(v6!);
  if (slash === -1) return { type: v4 ? 'ipv4' : 'ipv6', value: canonical };
  const prefix = text.slice(slash + 1);
  const max = v4 ? 32 : 128;
  if (!/^(?:0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > max) return null;
  return { type: 'cidr', value: `${canonical}/${prefix}` };
}
