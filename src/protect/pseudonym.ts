/**
 * Caller pseudonyms: the caller's number in E.164 form, under HMAC-SHA256 with a
 * secret key kept outside the database. A plain hash of a phone number could be
 * reversed by hashing every number of the numbering plan; without the key, the
 * HMAC cannot. The raw number is never returned, stored or logged.
 */
import { createHmac } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The E.164 form (`+8613800138000`) of a number, or null when it cannot be one.
 * "Possible" (a plausible length for its country), not "valid": numbering plans
 * change faster than the metadata, and a tip must not be refused for that.
 */
export function toE164(phone: string, defaultRegion?: string): string | null {
  const parsed = parsePhoneNumberFromString(phone, defaultRegion as CountryCode | undefined);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** Keyed pseudonym of an E.164 number: `ps_` + HMAC-SHA256 (hex, 64 chars); text is UTF-8. */
export function pseudonymOf(e164: string, key: Buffer): string {
  return 'ps_' + createHmac('sha256', key).update(e164).digest('hex');
}
