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
  // Operations: metrics (server/metrics.ts) and readiness (routes/health.ts).
  metricsToken: setting(
    'TIPWIRE_METRICS_TOKEN',
    'Secret (at least 32 characters) that GET /metrics asks for as a bearer token; unset: the main port has no /metrics (the default).',
    z.string().trim().min(32, 'must be at least 32 characters').optional(),
    undefined as string | undefined,
    { secret: true },
  ),
  metricsListen: setting(
    'TIPWIRE_METRICS_LISTEN',
    'host:port of a second listener serving only GET /metrics (e.g. 127.0.0.1:9464), asking for TIPWIRE_METRICS_TOKEN too if set; unset: none (the default).',
    z
      .string()
      .trim()
      .regex(
        /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/,
        'must be host:port, such as 127.0.0.1:9464 or [::1]:9464',
      )
      .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'port must be at most 65535')
      .optional(),
    undefined as string | undefined,
  ),
  readyMaxParkedJobs: setting(
    'TIPWIRE_READY_MAX_PARKED_JOBS',
    'Parked (failed for good) pipeline jobs GET /health/ready tolerates; one more and it answers 503.',
    intIn(0, 1_000_000_000),
    0,
  ),
};
