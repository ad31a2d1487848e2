/** The HTTP server's settings: where it listens, what it logs, list pages and the live stream. */
import { z } from 'zod';
import { bool, intIn, nonEmpty, setting } from '../domain/settings.js';

export const SERVER_SETTINGS = {
  port: setting('TIPWIRE_PORT', 'TCP port of the HTTP server.', intIn(0, 65535), 8080),
  host: setting(
    'TIPWIRE_HOST',
    'Address the HTTP server binds to (0.0.0.0 to serve other machines).',
    nonEmpty,
    '127.0.0.1',
  ),
  logLevel: setting(
    'TIPWIRE_LOG_LEVEL',
    'Log level: fatal, error, warn, info, debug, trace or silent.',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info' as const,
  ),
  trustProxy: setting(
    'TIPWIRE_TRUST_PROXY',
    'Take the client address from X-Forwarded-For (only behind a reverse proxy you run).',
    bool,
    false,
  ),
  pageSizeMax: setting(
    'TIPWIRE_PAGE_SIZE_MAX',
    'Most items one page of a list endpoint returns.',
    intIn(1, 10_000),
    200,
  ),
  pageTextBudgetChars: setting(
    'TIPWIRE_PAGE_TEXT_BUDGET_CHARS',
    'Most characters of report text (narratives, messages) one page of the report list carries; a page of long narratives ends early, with a cursor for the rest.',
    intIn(1000, 100_000_000),
    2_000_000,
  ),
  sseHeartbeatSeconds: setting(
    'TIPWIRE_SSE_HEARTBEAT_SECONDS',
    'Interval of keep-alive comments on the live event stream (clients treat 60 s of silence as a drop).',
    intIn(1, 30),
    15,
  ),
};
