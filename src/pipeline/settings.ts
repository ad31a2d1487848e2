/** The pipeline runner's settings: batch size, time slices, polling, retries. */
import { bool, intIn, setting } from '../domain/settings.js';

export const PIPELINE_SETTINGS = {
  batchSize: setting(
    'TIPWIRE_PIPELINE_BATCH_SIZE',
    'Most pipeline jobs run in one transaction.',
    intIn(1, 100_000),
    256,
  ),
  sliceMs: setting(
    'TIPWIRE_PIPELINE_SLICE_MS',
    'Longest the pipeline holds the event loop in one go while intake is quiet.',
    intIn(1, 60_000),
    20,
  ),
  busySliceMs: setting(
    'TIPWIRE_PIPELINE_BUSY_SLICE_MS',
    'Longest the pipeline holds the event loop in one go while reports are arriving (intake comes first).',
    intIn(1, 60_000),
    2,
  ),
  intakeBusyMs: setting(
    'TIPWIRE_PIPELINE_INTAKE_BUSY_MS',
    'Reports count as "arriving" (short slices) for this long after the last one was stored.',
    intIn(0, 60_000),
    50,
  ),
  pollMs: setting(
    'TIPWIRE_PIPELINE_POLL_MS',
    'How often the pipeline looks for work queued by other processes or due for retry.',
    intIn(10, 3_600_000),
    1000,
  ),
  maxAttempts: setting(
    'TIPWIRE_PIPELINE_MAX_ATTEMPTS',
    'Attempts of a failing stage before its job is parked as failed.',
    intIn(1, 1000),
    5,
  ),
  retryBaseMs: setting(
    'TIPWIRE_PIPELINE_RETRY_BASE_MS',
    'First retry delay of a failing stage; doubles on each further attempt.',
    intIn(1, 3_600_000),
    1000,
  ),
  thread: setting(
    'TIPWIRE_PIPELINE_THREAD',
    'Run the pipeline in a worker thread with its own database connection and its own gazetteer (about 200 MB more memory) instead of on the HTTP thread.',
    bool,
    false,
  ),
};
