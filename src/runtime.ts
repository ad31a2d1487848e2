/**
 * The composition root: from a Config to a running tipwire (store, pipeline,
 * intake, live events, HTTP app). `serve`, `import` and the tests build it here,
 * so they all run the same wiring.
 */
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { newId } from './domain/ids.js';
import { createIntakeService, type IntakeService } from './intake/intake.service.js';
import { createLiveEvents, type LiveEvents } from './notify/live-events.js';
import { createPipeline, type Pipeline } from './pipeline/runner.js';
import { parseKey, loadOrCreateKey } from './protect/key-store.js';
import { buildApp } from './server/app.js';
import { openSqliteStore, type SqliteStore } from './store/sqlite/sqlite-store.js';

export interface Runtime {
  config: Config;
  store: SqliteStore;
  pipeline: Pipeline;
  intake: IntakeService;
  live: LiveEvents;
  logger: Logger;
  clock: () => number;
  /** Deletes expired idempotency records and old live events. */
  housekeeping(): void;
  close(): void;
}

export interface RuntimeOptions {
  clock?: () => number;
  logger?: Logger;
}

export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'tipwire' },
      // Belt and braces: these paths never carry anything we want in a log.
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'body',
          'narrative',
          'phone',
          'caller',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? createLogger(config);
  const store = openSqliteStore(config.dbPath);
  const pseudonymKey = config.pseudonymKey
    ? parseKey(config.pseudonymKey, 'TIPWIRE_PSEUDONYM_KEY')
    : loadOrCreateKey(config.keysDir, 'pseudonym');
  const live = createLiveEvents(store.events);
  const pipeline = createPipeline({
    store,
    clock,
    newId,
    log: logger.child({ component: 'pipeline' }),
    settings: {
      batchSize: config.pipelineBatchSize,
      sliceMs: config.pipelineSliceMs,
      busySliceMs: config.pipelineBusySliceMs,
      maxAttempts: config.pipelineMaxAttempts,
      retryBaseMs: config.pipelineRetryBaseMs,
      pollMs: config.pipelinePollMs,
      joinRule: {
        radiusMeters: config.correlateRadiusMeters,
        windowMs: config.correlateWindowMinutes * 60_000,
      },
    },
    onCommitted: () => live.poke(),
  });
  const intake = createIntakeService({
    store,
    clock,
    newId,
    pseudonymKey,
    enqueue: pipeline.enqueue,
    onStored: () => pipeline.noteIntake(),
    settings: config,
  });
  return {
    config,
    store,
    pipeline,
    intake,
    live,
    logger,
    clock,
    housekeeping() {
      const now = clock();
      store.idempotency.pruneBefore(now - config.idempotencyTtlHours * 3_600_000);
      store.events.pruneBefore(now - config.eventRetentionHours * 3_600_000);
    },
    close() {
      pipeline.stop();
      store.close();
    },
  };
}

export function createHttpApp(runtime: Runtime): Promise<FastifyInstance> {
  return buildApp({
    store: runtime.store,
    intake: runtime.intake,
    live: runtime.live,
    logger: runtime.logger,
    settings: runtime.config,
  });
}
