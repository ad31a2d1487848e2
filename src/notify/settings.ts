/** The live stream's settings: how long its events are kept and how often it looks for other processes' events. */
import { intIn, setting } from '../domain/settings.js';

export const NOTIFY_SETTINGS = {
  eventRetentionHours: setting(
    'TIPWIRE_EVENT_RETENTION_HOURS',
    'How long live-stream events are kept for clients that reconnect.',
    intIn(1, 24 * 365),
    72,
  ),
  pollMs: setting(
    'TIPWIRE_LIVE_POLL_MS',
    'How often the live stream looks for events written by other processes (an import).',
    intIn(10, 3_600_000),
    1000,
  ),
};
