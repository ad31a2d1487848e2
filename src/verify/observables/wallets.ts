/**
 * Cryptocurrency addresses, each taken only when its checksum holds (a string that
 * merely looks like one is not an address):
 *
 * - Bitcoin, Base58Check (P2PKH `1…`, P2SH `3…`): 25 bytes once decoded, version 0x00
 *   or 0x05, the last 4 bytes the first 4 of SHA-256(SHA-256(the first 21)).
 * - Bitcoin, segwit (`bc1…`): Bech32 for witness version 0 (BIP 173) and Bech32m for
 *   versions 1–16 (BIP 350); one case throughout, at most 90 characters, a program of
 *   2–40 bytes (20 or 32 for version 0), zero padding of at most 4 bits. Mainnet only.
 * - Ethereum (`0x` + 40 hex): all lower or all upper case is an address without a
 *   checksum, taken as is; mixed case must be EIP-55's: each letter upper case exactly
 *   when the matching nibble of Keccak-256(the lower-case hex) is 8 or more.
 */
import { createHash } from 'node:crypto';
import { keccak256Hex } from './keccak.js';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 text → bytes (leading '1's are zero bytes), or null for a character outside it. */
export function base58Decode(text: string): Uint8Array | null {
  const bytes: number[] = []; // little-endian while building
  for (const char of text) {
    let carry = BASE58.indexOf(char);
    if (carry < 0) return null;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (text[zeros] === '1') zeros += 1;
  return Uint8Array.from([...Array<number>(zeros).fill(0), ...bytes.reverse()]);
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** Whether text is a mainnet P2PKH or P2SH address with a valid Base58Check checksum. */
export function isBase58Address(text: string): boolean {
  const bytes = base58Decode(text);
  if (bytes?.length !== 25) return false;
  if (bytes[0] !== 0x00 && bytes[0] !== 0x05) return false;
  const check = sha256(sha256(bytes.subarray(0, 21)));
  return check.subarray(0, 4).equals(bytes.subarray(21));
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (const [i, g] of GENERATOR.entries()) if ((top >>> i) & 1) chk ^= g;
  }
  return chk >>> 0;
}

const hrpExpand = (hrp: string) => [
  ...[...hrp].map((c) => c.charCodeAt(0) >> 5),
  0,
  ...[...hrp].map((c) => c.charCodeAt(0) & 31),
];

/** 5-bit groups → bytes; null when the padding is longer than 4 bits or not zero. */
function fiveToEight(data: readonly number[]): number[] | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const value of data) {
    acc = (acc << 5) | value;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** Whether text is a mainnet segwit address (`bc1…`) whose checksum and program hold. */
export function isSegwitAddress(text: string): boolean {
  // No length check: past 90 characters (BIP 173's limit) the program is over 40 bytes.
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) return false;
  if (!lower.startsWith('bc1')) return false;
  const data = [...lower.slice(3)].map((c) => BECH32_CHARSET.indexOf(c));
  if (data.some((d) => d < 0)) return false;
  const version = data[0]!;
  if (version > 16) return false;
  const expected = version === 0 ? BECH32_CONST : BECH32M_CONST;
  if (polymod([...hrpExpand('bc'), ...data]) !== expected) return false;
  const program = fiveToEight(data.slice(1, -6));
  if (!program || program.length < 2 || program.length > 40) return false;
  return version !== 0 || program.length === 20 || program.length === 32;
}

/** Whether text is an Ethereum address: unchecksummed (one case) or EIP-55 checksummed. */
export function isEthereumAddress(text: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return false;
  const hex = text.slice(2);
  const lower = hex.toLowerCase();
  if (hex === lower || hex === hex.toUpperCase()) return true;
  const hash = keccak256Hex(lower);
  for (let i = 0; i < 40; i++) {
    const char = hex[i]!;
    if (!/[a-f]/i.test(char)) continue;
    const upper = parseInt(hash[i]!, 16) >= 8;
    if (upper !== (char === char.toUpperCase())) return false;
  }
  return true;
}
