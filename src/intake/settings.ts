/** Intake's settings: how big and how slow a request may be, phone numbers, group commit, idempotency. */
import { z } from 'zod';
import { bool, intIn, setting } from '../domain/settings.js';

export const INTAKE_SETTINGS = {
  bodyLimitBytes: setting(
    'TIPWIRE_BODY_LIMIT_BYTES',
    'Largest request body accepted; larger bodies get 413.',
    intIn(1024, 512 * 1024 * 1024),
    1024 * 1024,
  ),
  narrativeMaxChars: setting(
    'TIPWIRE_NARRATIVE_MAX_CHARS',
    'Longest narrative accepted, in UTF-16 code units (an emoji or a rare Han character counts 2).',
    intIn(1, 10_000_000),
    100_000,
  ),
  jsonMaxDepth: setting(
    'TIPWIRE_JSON_MAX_DEPTH',
    'Deepest nesting of objects and arrays a JSON body may have (a report needs 3); deeper bodies get 400.',
    intIn(4, 1000),
    32,
  ),
  messageMaxChars: setting(
    'TIPWIRE_MESSAGE_MAX_CHARS',
    'Longest follow-up message (reporter or operator), in characters.',
    intIn(1, 1_000_000),
    10_000,
  ),
  callerTtlSeconds: setting(
    'TIPWIRE_CALLER_TTL_SECONDS',
    'Longest a raw caller number may stay in memory: a request must arrive whole within this time (it is pseudonymized as soon as it has).',
    intIn(1, 30),
    30,
  ),
  defaultPhoneRegion: setting(
    'TIPWIRE_DEFAULT_PHONE_REGION',
    'ISO 3166 region used to read caller numbers written without a country code (e.g. CN, US).',
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 region code such as CN or US')
      .optional(),
    undefined as string | undefined,
  ),
  groupCommit: setting(
    'TIPWIRE_GROUP_COMMIT',
    'Share one fsync between concurrent intake requests (off: one transaction per report).',
    bool,
    true,
  ),
  groupCommitMaxBatch: setting(
    'TIPWIRE_GROUP_COMMIT_MAX_BATCH',
    'Most reports committed in one group-commit transaction.',
    intIn(1, 100_000),
    512,
  ),
  idempotencyTtlHours: setting(
    'TIPWIRE_IDEMPOTENCY_TTL_HOURS',
    'How long an Idempotency-Key and its stored answer are kept.',
    intIn(1, 24 * 365),
    24,
  ),
};
