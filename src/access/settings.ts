/** Access settings: how long login sessions and API tokens last, and how often their use is written. */
import { intIn, numberIn, setting } from '../domain/settings.js';

export const ACCESS_SETTINGS = {
  sessionHours: setting(
    'TIPWIRE_SESSION_HOURS',
    'How long a login session lasts.',
    numberIn(0.05, 720),
    12,
  ),
  sessionIdleMinutes: setting(
    'TIPWIRE_SESSION_IDLE_MINUTES',
    'A login session unused this long ends (0: never); it may last up to one TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS longer, never shorter.',
    numberIn(0, 43_200),
    60,
  ),
  tokenLastUsedIntervalSeconds: setting(
    'TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS',
    'A token’s last-used time is written at most once per this interval (not on every request).',
    intIn(1, 86_400),
    60,
  ),
  tokenDefaultDays: setting(
    'TIPWIRE_TOKEN_DEFAULT_DAYS',
    'Lifetime of a new API token created without an expiry of its own (0: it never expires).',
    intIn(0, 36_500),
    0,
  ),
};
