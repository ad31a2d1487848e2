/**
 * Observables pulled from a text (a narrative, an answer): typed, validated values
 * with their span in the text as written, `{type, value, start, end}`, for matching
 * reports by the indicators they share (later issues store and match them).
 *
 * | type | taken when | value |
 * | --- | --- | --- |
 * | `url` | http, https or ftp, `://`, a host that is a domain or an IP | scheme and host lower case, the rest as written |
 * | `email` | local part, `@`, a domain | lower case |
 * | `domain` | labels and a TLD of data/tlds.ts; a bare `name.py`-like one (FILE_LIKE_TLDS) is a file, not a domain | lower case |
 * | `ipv4`, `ipv6`, `cidr` | network.ts validates them | network.ts's canonical text |
 * | `md5`, `sha1`, `sha256` | a run of exactly 32, 40, 64 hex digits, not all digits, no letter or digit either side | lower case |
 * | `eth` | `0x` + 40 hex, one case or EIP-55 (wallets.ts) | lower case |
 * | `btc` | Base58Check P2PKH/P2SH or segwit bc1 with its checksum (wallets.ts) | as written; bc1 lower case |
 * | `phone` | libphonenumber-js finds a valid number (international, or national for `defaultPhoneRegion`) | E.164 |
 * | `plate` | a Chinese licence plate: province, letter, 5 characters (new energy: 6) | upper case, no separator |
 *
 * Defanged indicators are found as the live ones (refang.ts), their spans covering
 * the defanged text. Spans never overlap: the longest candidate wins, an equal one by
 * the order of OBSERVABLE_TYPES (a URL over the domain in it, an IP over the phone number its
 * digits also make). Only the first `maxChars` characters are read, and a candidate reaching
 * that limit is not taken (what follows it is unread: it may be longer).
 *
 * **Phone numbers are personal data**: the value is the E.164 number, ready for
 * protect/pseudonym.ts's `pseudonymOf` (as F2 does for callers), and must be replaced
 * by its pseudonym before it is stored, queued or logged. Nothing here logs.
 */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import { OBSERVABLE_TYPES, type ObservableType } from '../../domain/text.js';
import { FILE_LIKE_TLDS, TLDS } from './data/tlds.js';
import { normalizeIp, parseIPv4, parseIPv6 } from './network.js';
import { originalSpan, refang } from './refang.js';
import { isBase58Address, isEthereumAddress, isSegwitAddress } from './wallets.js';

export { OBSERVABLE_TYPES, type ObservableType };

export interface Observable {
  type: ObservableType;
  /** Normalized: refanged, lower-case where case means nothing, E.164 for phones. */
  value: string;
  /** Span in the text as given: `text.slice(start, end)` is what was written. */
  start: number;
  end: number;
}

export interface ExtractOptions {
  /** ISO 3166 region of national phone numbers (TIPWIRE_DEFAULT_PHONE_REGION); none: only +… numbers. */
  defaultPhoneRegion?: string;
  /** Characters read at most (TIPWIRE_OBSERVABLES_MAX_CHARS). */
  maxChars: number;
}

const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`;
const TLD = String.raw`(?:[A-Za-z]{2,63}|[xX][nN]--[A-Za-z0-9-]{1,59})`;
const DOMAIN = String.raw`(?:${LABEL}\.)+${TLD}`;

const PATTERNS: Record<Exclude<ObservableType, 'phone'>, RegExp> = {
  url: /(?<![A-Za-z0-9])(?:https?|ftp):\/\/[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]+/gi,
  email: new RegExp(
    String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?@${DOMAIN}(?![A-Za-z0-9_-]|\.[A-Za-z0-9])`,
    'g',
  ),
  domain: new RegExp(
    String.raw`(?<![A-Za-z0-9_.@/-])${DOMAIN}(?![A-Za-z0-9_@-]|\.[A-Za-z0-9])`,
    'g',
  ),
  // An IPv6 block's address is at most 45 characters (network.ts checks it has a colon and
  // parses): a bounded run, not `[…]*:[…]*`, which backtracked quadratically over a long
  // run of hex digits and colons.
  cidr: /(?<![A-Za-z0-9.:])(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f:.]{2,45})\/\d{1,3}(?![0-9A-Za-z.:])/g,
  ipv4: /(?<![A-Za-z0-9.])(?:\d{1,3}\.){3}\d{1,3}(?![0-9A-Za-z]|\.\d)/g,
  // An IPv4 tail is tried first: a hex group would stop at its first dot.
  ipv6: /(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Za-z:]|\.\d)/g,
  eth: /(?<![0-9A-Za-z])0x[0-9A-Fa-f]{40}(?![0-9A-Za-z])/g,
  btc: /(?<![0-9A-Za-z])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87})(?![0-9A-Za-z])/g,
  sha256: /(?<![0-9A-Za-z])[0-9A-Fa-f]{64}(?![0-9A-Za-z])/g,
  sha1: /(?<![0-9A-Za-z])[0-9A-Fa-f]{40}(?![0-9A-Za-z])/g,
  md5: /(?<![0-9A-Za-z])[0-9A-Fa-f]{32}(?![0-9A-Za-z])/g,
  plate:
    /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Za-hj-np-z][·•・.\- ]?(?:[DFdf][A-HJ-NP-Za-hj-np-z0-9]\d{4}|\d{5}[DFdf]|[A-HJ-NP-Za-hj-np-z0-9]{4}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳])(?![A-Za-z0-9])/g,
};

/** A domain's normalized text, or null when its TLD is not one (or it looks like a file). */
function domainValue(text: string, bare: boolean): string | null {
  const domain = text.toLowerCase();
  const labels = domain.split('.');
  const tld = labels.at(-1)!;
  if (!TLDS.has(tld)) return null;
  if (bare && labels.length === 2 && FILE_LIKE_TLDS.has(tld)) return null;
  return domain;
}

/** What trails a URL in prose without being part of it (one at a time: trimUrl loops). */
const URL_TRAILER = /[.,;:!?'"]$/;

/** A URL candidate trimmed of trailing punctuation and unbalanced brackets. */
function trimUrl(url: string): string {
  let trimmed = url;
  for (;;) {
    const before = trimmed;
    trimmed = trimmed.replace(URL_TRAILER, '');
    for (const [open, close] of ['()', '[]']) {
      const count = (c: string) => trimmed.split(c).length; // occurrences + 1, on both sides
      if (trimmed.endsWith(close!) && count(close!) > count(open!)) trimmed = trimmed.slice(0, -1);
    }
    if (trimmed === before) return trimmed;
  }
}

/** A URL's normalized text, or null when its host is neither a domain nor an IP. */
function urlValue(url: string): string | null {
  const sep = url.indexOf('://');
  const scheme = url.slice(0, sep).toLowerCase();
  const rest = url.slice(sep + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const path = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@'); // -1 without user info: then it is ''
  const userinfo = authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(hostPort);
  const match = bracketed ?? /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!match) return null;
  const [, host, port] = match as unknown as [string, string, string | undefined];
  if (Number(port ?? 0) > 65_535) return null;
  let shown: string | null;
  if (bracketed) {
    shown = parseIPv6(host) ? `[${normalizeIp(host)!.value}]` : null;
  } else {
    shown = parseIPv4(host) ? host : domainValue(host, false);
  }
  if (!shown) return null;
  return `${scheme}://${userinfo}${shown}${port === undefined ? '' : `:${port}`}${path}`;
}

type Candidate = Observable & { rank: number };

/** The normalized value of a matched candidate, or null when it does not validate. */
function valueOf(type: Exclude<ObservableType, 'phone'>, text: string): string | null {
  switch (type) {
    case 'url':
      return urlValue(text);
    case 'email': {
      const [local, domain] = text.split('@') as [string, string];
      if (local.includes('..')) return null;
      const d = domainValue(domain, false);
      return d && `${local.toLowerCase()}@${d}`;
    }
    case 'domain':
      return domainValue(text, true);
    case 'cidr':
    case 'ipv4':
    case 'ipv6': {
      // "::" alone is the unspecified address, but in prose it is punctuation.
      if (!/[0-9a-f]/i.test(text)) return null;
      const ip = normalizeIp(text);
      return ip?.type === type ? ip.value : null;
    }
    case 'eth':
      return isEthereumAddress(text) ? text.toLowerCase() : null;
    case 'btc':
      // The pattern starts every Base58 address with 1 or 3, every segwit one with bc1.
      if (text[0] === '1' || text[0] === '3') return isBase58Address(text) ? text : null;
      return isSegwitAddress(text) ? text.toLowerCase() : null;
    case 'sha256':
    case 'sha1':
    case 'md5':
      return /^\d+$/.test(text) ? null : text.toLowerCase();
    case 'plate':
      return text.replace(/[·•・.\- ]/, '').toUpperCase();
  }
}

/**
 * The observables of a text, in the order they appear. Pure: no I/O, no logging.
 * Phone values are personal data (see the header).
 */
export function extractObservables(text: string, options: ExtractOptions): Observable[] {
  const read = text.slice(0, options.maxChars);
  const cut = text.length > read.length;
  const refanged = refang(read);
  const candidates: Candidate[] = [];
  for (const [rank, type] of OBSERVABLE_TYPES.entries()) {
    if (type === 'phone') continue;
    for (const match of refanged.text.matchAll(PATTERNS[type])) {
      const written = type === 'url' ? trimUrl(match[0]) : match[0];
      const value = valueOf(type, written);
      if (value === null) continue;
      const span = originalSpan(refanged, match.index, match.index + written.length);
      candidates.push({ type, value, ...span, rank });
    }
  }
  const phoneRank = OBSERVABLE_TYPES.indexOf('phone');
  const region = options.defaultPhoneRegion as CountryCode | undefined;
  for (const found of findPhoneNumbersInText(read, region ? { defaultCountry: region } : {})) {
    candidates.push({
      type: 'phone',
      value: found.number.number,
      start: found.startsAt,
      end: found.endsAt,
      rank: phoneRank,
    });
  }
  return chooseSpans(
    candidates.filter((c) => !(cut && c.end === read.length)),
    read.length,
  );
}

/**
 * The longest candidates that do not overlap, ties by type rank, in text order. Each
 * character is marked when taken, so the work is the candidates' total length.
 */
function chooseSpans(candidates: Candidate[], length: number): Observable[] {
  // Longest first. The sort is stable and candidates come in OBSERVABLE_TYPES order, so
  // among equal lengths the type earlier in that list stays first.
  const byStrength = candidates.sort((a, b) => b.end - b.start - (a.end - a.start));
  const taken = new Uint8Array(length);
  const kept: Candidate[] = [];
  for (const c of byStrength) {
    if (taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map(({ type, value, start, end }) => ({ type, value, start, end }));
}
