/**
 * Reporter protection's settings, one section per part: the keys, flood control,
 * the repeat-dialer rule, retention and the search tokens.
 */
import { z } from 'zod';
import { bool, intIn, nonEmpty, numberIn, setting } from '../domain/settings.js';

/** A 256-bit key written as 64 hexadecimal characters. */
const hexKey = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)')
  .optional();

export const KEYS_SETTINGS = {
  dir: setting(
    'TIPWIRE_KEYS_DIR',
    'Folder holding the secret keys of one database (never inside it). Default: beside the database file, named after it (`tipwire.db` → `tipwire.keys/`).',
    nonEmpty.optional(),
    undefined as string | undefined,
  ),
  masterKey: setting(
    'TIPWIRE_MASTER_KEY',
    'Master key (64 hex characters) wrapping every report’s data key; if unset, keys/master.key is used (created on first start). Lose it and every narrative is lost.',
    hexKey,
    undefined as string | undefined,
    { secret: true },
  ),
  newMasterKey: setting(
    'TIPWIRE_NEW_MASTER_KEY',
    'The master key to rotate to (64 hex characters), read only by `tipwire keys rotate` when TIPWIRE_MASTER_KEY is set; afterwards set TIPWIRE_MASTER_KEY to it.',
    hexKey,
    undefined as string | undefined,
    { secret: true },
  ),
  rotateBatchSize: setting(
    'TIPWIRE_KEYS_ROTATE_BATCH_SIZE',
    'Data keys `tipwire keys rotate` re-wraps per transaction; each batch commits with the progress a resumed run continues from.',
    intIn(1, 100_000),
    500,
  ),
  pseudonymEpochDays: setting(
    'TIPWIRE_PSEUDONYM_EPOCH_DAYS',
    'Days per caller-pseudonym key; a caller stays linkable across one boundary, then the old key is destroyed.',
    numberIn(1, 3650),
    30,
  ),
};

export const RATE_LIMIT_SETTINGS = {
  enabled: setting(
    'TIPWIRE_RATE_LIMITS',
    'Flood control (429 with Retry-After) per caller and per network prefix; off only for benchmarks.',
    bool,
    true,
  ),
  callerPerMinute: setting(
    'TIPWIRE_RATE_CALLER_PER_MINUTE',
    'Reports one caller (pseudonym) may send per minute, sustained…',
    numberIn(0.01, 1_000_000),
    6,
  ),
  callerBurst: setting('TIPWIRE_RATE_CALLER_BURST', '…and in a burst.', intIn(1, 1_000_000), 10),
  prefixPerMinute: setting(
    'TIPWIRE_RATE_PREFIX_PER_MINUTE',
    'Reports one network prefix may send per minute without an intake token, sustained…',
    numberIn(0.01, 10_000_000),
    120,
  ),
  prefixBurst: setting('TIPWIRE_RATE_PREFIX_BURST', '…and in a burst.', intIn(1, 10_000_000), 120),
  guessesPerMinute: setting(
    'TIPWIRE_RATE_GUESSES_PER_MINUTE',
    'Wrong receipt codes and failed logins one network prefix may make per minute…',
    numberIn(0.01, 100_000),
    10,
  ),
  guessesBurst: setting('TIPWIRE_RATE_GUESSES_BURST', '…and in a burst.', intIn(1, 100_000), 20),
  ipv4PrefixBits: setting(
    'TIPWIRE_RATE_IPV4_PREFIX_BITS',
    'Network prefix length that counts as one source for IPv4 (hashed, never stored).',
    intIn(8, 32),
    24,
  ),
  ipv6PrefixBits: setting(
    'TIPWIRE_RATE_IPV6_PREFIX_BITS',
    'Network prefix length that counts as one source for IPv6.',
    intIn(16, 128),
    48,
  ),
};

export const ABUSE_SETTINGS = {
  repeatCalls: setting(
    'TIPWIRE_ABUSE_REPEAT_CALLS',
    'Calls in a row a caller may make before later ones are flagged abuse.repeat_dialer and go to the abuse queue.',
    intIn(1, 1000),
    3,
  ),
  repeatWindowMinutes: setting(
    'TIPWIRE_ABUSE_REPEAT_WINDOW_MINUTES',
    'Calls count as "in a row" while each comes within this many minutes of the previous one.',
    numberIn(0.1, 10_080),
    10,
  ),
};

export const RETENTION_SETTINGS = {
  unfoundedDays: setting(
    'TIPWIRE_RETENTION_UNFOUNDED_DAYS',
    'Days an unfounded case is kept after it was marked so; then it is deleted for good.',
    numberIn(0, 36_500),
    90,
  ),
  closedDays: setting(
    'TIPWIRE_RETENTION_CLOSED_DAYS',
    'Days a closed case is kept after it was closed; then it is deleted for good.',
    numberIn(0, 36_500),
    365,
  ),
  purgeIntervalMs: setting(
    'TIPWIRE_RETENTION_PURGE_INTERVAL_MS',
    'How often `serve` deletes the cases past their retention period (once at start, then at this interval; one process at a time per database).',
    intIn(1000, 7 * 86_400_000),
    86_400_000,
  ),
};

export const SEARCH_SETTINGS = {
  maxTerms: setting(
    'TIPWIRE_SEARCH_MAX_TERMS',
    'Most distinct search terms kept from one text (narrative, message); words past them are not searchable.',
    intIn(100, 1_000_000),
    10_000,
  ),
  inlineMaxChars: setting(
    'TIPWIRE_SEARCH_INLINE_MAX_CHARS',
    'Texts up to this many UTF-16 units get their search tokens on the request thread; longer ones in a worker thread.',
    intIn(0, 1_000_000),
    2000,
  ),
  workers: setting(
    'TIPWIRE_SEARCH_WORKERS',
    'Worker threads that make the search tokens of long texts.',
    intIn(1, 64),
    1,
  ),
  maxQueued: setting(
    'TIPWIRE_SEARCH_MAX_QUEUED',
    'Long texts that may wait for a search worker; beyond this intake answers 503 with Retry-After.',
    intIn(1, 100_000),
    256,
  ),
};
