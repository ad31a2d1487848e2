/** The verify stage's settings: when heavy checks are put off. */
import { intIn, setting } from '../domain/settings.js';

export const VERIFY_SETTINGS = {
  deferHeavyLagMs: setting(
    'TIPWIRE_VERIFY_DEFER_HEAVY_LAG_MS',
    'While the oldest waiting pipeline job has waited longer than this, heavy verification checks are put off until the queue is idle (correlation never waits).',
    intIn(0, 86_400_000),
    5000,
  ),
};
