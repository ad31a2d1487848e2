/**
 * The composition root: from a Config to a running tipwire (keys, store, audit
 * trail, pipeline, intake, live events, HTTP app). `serve`, `import`, the other
 * commands and the tests build it here, so they all run the same wiring.
 */
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { createAdmin, type Admin } from './access/admin.js';
import { tokenRulesFrom } from './access/tokens.js';
import { createAuditLog, defaultAnchorPath, type AuditLog } from './audit/audit-log.js';
import type { Config } from './config.js';
import { newId } from './domain/ids.js';
import { createIntakeService, type IntakeService } from './intake/intake.service.js';
import type { Protection } from './intake/new-report.js';
import { createLiveEvents, type LiveEvents } from './notify/live-events.js';
import { createPipeline, type PipelineControl } from './pipeline/runner.js';
import {
  FIRST_STAGE,
  registeredStages,
  stageSettingsOf,
  type PipelineConfig,
} from './pipeline/stages.js';
import { createPipelineThread } from './pipeline/thread.js';
import { createSqliteJobQueue } from './pipeline/sqlite-job-queue.js';
import { createNormalizeDeps, type LoadedNormalizeDeps } from './normalize/normalize-deps.js';
import {
  normalizeClaims,
  normalizeContext,
  type NormalizeWiring,
} from './normalize/normalize-report.js';
import { createNominatimGeocoder } from './normalize/geocoder.js';
import { createGeocodeWorker } from './pipeline/geocode.js';
import type { NormalizeSettings } from './normalize/settings.js';
import { createKeyring, type Keyring } from './protect/keyring.js';
import { claimKeysForDatabase } from './protect/database-keys.js';
import { createRateLimiter, networkPrefix, sourceHasher } from './protect/rate-limit.js';
import { purgeExpired, type PurgeResult } from './protect/retention.js';
import { createVault, type Vault } from './protect/vault.js';
import { createSearchTokenizer } from './protect/search-tokenizer.js';
import { workerScript } from './platform/worker-pool.js';
import { buildApp } from './server/app.js';
import { createCases, type AuditAppend, type Cases } from './server/cases.js';
import { openSqliteStore, type SqliteStore } from './store/sqlite/sqlite-store.js';
import { createAsyncStore } from './store/sqlite/async-store.js';
import type { AsyncStore } from './store/port.js';

export interface Runtime {
  config: Config;
  /** The optional street-level geocoder's worker; null unless TIPWIRE_GEOCODER_URL is set. */
  geocode: ReturnType<typeof createGeocodeWorker> | null;
  normalize: NormalizeWiring & { deps: LoadedNormalizeDeps };
  store: SqliteStore;
  /** The same connection through the asynchronous port (one per runtime: one writer queue). */
  asyncStore: AsyncStore;
  keyring: Keyring;
  vault: Vault;
  auditLog: AuditLog;
  audit: AuditAppend;
  admin: Admin;
  cases: Cases;
  /** The pipeline's controls (in this thread or its own, TIPWIRE_PIPELINE_THREAD). */
  pipeline: RuntimePipeline;
  intake: IntakeService;
  /** Pseudonyms, sealing and search tokens for new reports (intake and import). */
  protection: Protection;
  live: LiveEvents;
  logger: Logger;
  clock: () => number;
  /** Prunes idempotency records and old live events, destroys expired pseudonym keys. */
  housekeeping(): void;
  /** Deletes cases past their retention period, then checkpoints the WAL. */
  purge(actor?: string): PurgeResult;
  close(): void;
}

export interface RuntimePipeline extends PipelineControl {
  /** Queues a newly stored report, inside the caller's (synchronous) transaction. */
  enqueue(reportId: string, now: number): void;
}

export interface RuntimeOptions {
  clock?: () => number;
  logger?: Logger;
}

/**
 * Structured JSON logs. Nothing we log carries request content; these redaction
 * paths are a second line for anything that might (headers, bodies, callers).
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'tipwire' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'body',
          'narrative',
          'text',
          'phone',
          'caller',
          'token',
          'receipt',
          'password',
          'q',
          // Node's parse errors carry the raw request bytes (answerClientError logs none).
          'rawPacket',
          'err.rawPacket',
          'error.rawPacket',
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
  const keyring = createKeyring({
    dir: config.keysDir,
    masterKeyHex: config.masterKey,
    pseudonymEpochDays: config.pseudonymEpochDays,
    clock,
  });
  claimKeysForDatabase({
    meta: store.meta,
    keyring,
    dbPath: config.dbPath,
    keysDir: config.keysDir,
    masterKeyFromEnv: config.masterKey !== undefined,
  });
  const vault = createVault({
    master: () => keyring.master(),
    masterById: (id) => keyring.masterById(id),
    indexKey: keyring.subkey('blind-index'),
  });
  const search = createSearchTokenizer({
    indexKey: keyring.subkey('blind-index'),
    settings: {
      inlineMaxChars: config.searchInlineMaxChars,
      maxTerms: config.searchMaxTerms,
      workers: config.searchWorkers,
      maxQueued: config.searchMaxQueued,
    },
    workerScript: () => workerScript(import.meta.url, './protect/search-worker.js'),
  });
  const auditLog = createAuditLog({
    repo: store.audit,
    key: keyring.subkey('audit'),
    clock,
    anchorPath: defaultAnchorPath(config.keysDir),
    onAnchorError: (err) =>
      logger.error({ code: (err as { code?: string }).code }, 'audit anchor not written'),
  });
  const audit: AuditAppend = (entry) => {
    auditLog.append(entry);
  };
  sealLegacyPlaintext(store, vault);

  const live = createLiveEvents(store.events);
  const normalizeDeps = createNormalizeDeps(
    config.gazetteerFile ? { gazetteerFile: config.gazetteerFile } : {},
  );
  const normalize = {
    deps: normalizeDeps,
    settings: normalizeSettingsFrom(config),
    geocoding: config.geocoderUrl !== undefined,
  };
  const asyncStore = createAsyncStore(store);
  const pipeline = createRuntimePipeline(config, {
    store,
    asyncStore,
    normalizeDeps,
    clock,
    logger,
    onCommitted: () => live.poke(),
  });
  const geocode = config.geocoderUrl
    ? createGeocodeWorker({
        store,
        geocoder: createNominatimGeocoder({
          baseUrl: config.geocoderUrl,
          fetch: (url, init) => fetch(url, init),
          userAgent: config.geocoderUserAgent,
          timeoutMs: config.geocoderTimeoutMs,
        }),
        normalize,
        transaction: (fn) => asyncStore.transaction(fn),
        renormalize: (id, tx) => pipeline.renormalize(id, tx),
        log: logger.child({ component: 'geocoder' }),
        minIntervalMs: config.geocoderMinIntervalMs,
      })
    : null;
  const protection: Protection = {
    pseudonymsOf: (e164) => keyring.pseudonymsOf(e164),
    vault,
    searchTokens: (text) => search.tokens(text),
  };
  const intake = createIntakeService({
    store,
    clock,
    newId,
    protection,
    idempotencyKey: keyring.subkey('receipt'),
    enqueue: pipeline.enqueue,
    onStored: () => pipeline.noteIntake(),
    // The caller gets the score and the questions to ask at once; the pipeline stores them.
    assess: (report) => {
      const n = normalizeClaims(
        report.claims,
        normalizeContext(report),
        normalize.deps,
        normalize.settings,
      );
      return { completeness: n.completeness, nextQuestions: n.nextQuestions };
    },
    callerLimiter: config.rateLimits
      ? createRateLimiter({ burst: config.callerBurst, perMinute: config.callerPerMinute }, clock)
      : undefined,
    settings: config,
  });
  const admin = createAdmin({
    store,
    audit,
    clock,
    newId,
    sessionMs: config.sessionHours * 3_600_000,
    tokenRules: tokenRulesFrom(config),
    tokenDefaultDays: config.tokenDefaultDays,
  });
  const cases = createCases({
    store,
    vault,
    search,
    audit,
    clock,
    newId,
    transaction: (fn) => asyncStore.transaction(fn),
    renormalize: (id, tx) => pipeline.renormalize(id, tx),
    onEvent: () => live.poke(),
  });

  return {
    config,
    geocode,
    normalize,
    store,
    asyncStore,
    keyring,
    vault,
    auditLog,
    audit,
    admin,
    cases,
    pipeline,
    intake,
    protection,
    live,
    logger,
    clock,
    housekeeping() {
      const now = clock();
      store.idempotency.pruneBefore(now - config.idempotencyTtlHours * 3_600_000);
      store.events.pruneBefore(now - config.eventRetentionHours * 3_600_000);
      const destroyed = keyring.destroyExpiredPseudonymKeys();
      if (destroyed.length > 0) {
        store.transaction(() =>
          audit({
            actor: 'system',
            action: 'keys.pseudonym_destroyed',
            target: 'keys',
            reason: 'pseudonym keys older than the previous epoch',
            details: { epochs: destroyed },
          }),
        );
      }
      auditLog.anchor();
    },
    purge(actor = 'system') {
      const result = purgeExpired({
        store,
        audit,
        now: clock(),
        settings: {
          unfoundedDays: config.retentionUnfoundedDays,
          closedDays: config.retentionClosedDays,
        },
        actor,
      });
      // Zeroed pages reach the main file, and the WAL holding the old ones is emptied.
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      auditLog.anchor();
      return result;
    },
    close() {
      // In-process: nothing is in flight between turns. A thread finishes its batch
      // on its own connection; `await runtime.pipeline.stop()` first to wait for it.
      void pipeline.stop();
      geocode?.stop();
      void search.close();
      try {
        auditLog.anchor();
      } catch (err) {
        // Shutting down never fails on the anchor: the refusal is evidence, kept for verify.
        logger.error({ code: (err as { code?: string }).code }, 'audit anchor not written');
      } finally {
        store.close();
      }
    },
  };
}

/** Seals text a version-1 database still holds in plaintext (once, at start-up). */
function sealLegacyPlaintext(store: SqliteStore, vault: Vault) {
  for (;;) {
    const rows = store.reports.legacyPlaintext(200);
    if (rows.length === 0) return;
    store.transaction(() => {
      for (const row of rows) {
        if (row.kind === 'narrative') {
          const sealed = vault.sealLegacy(row.reportId, row.text);
          store.reports.sealLegacyNarrative(row.reportId, sealed);
          store.reports.addSearchTokens(row.reportId, sealed.searchTokens);
        } else {
          const dataKey = store.reports.dataKey(row.reportId);
          if (!dataKey) continue; // its narrative is sealed first, in the same pass
          const sealed = vault.sealLegacyAttachment(row.reportId, dataKey, {
            id: row.attachmentId,
            filename: row.filename,
            sha256: row.sha256,
            data: row.data,
          });
          store.reports.sealLegacyAttachment(row.attachmentId, sealed.data, sealed.meta);
        }
      }
    });
  }
}

/** The pipeline's settings as plain data (they cross into its thread). */
export function pipelineConfigFrom(config: Config): PipelineConfig {
  const normalize = normalizeSettingsFrom(config);
  return {
    run: {
      batchSize: config.pipelineBatchSize,
      sliceMs: config.pipelineSliceMs,
      busySliceMs: config.pipelineBusySliceMs,
      maxAttempts: config.pipelineMaxAttempts,
      retryBaseMs: config.pipelineRetryBaseMs,
      pollMs: config.pipelinePollMs,
    },
    joinRule: {
      radiusMeters: config.correlateRadiusMeters,
      windowMs: config.correlateWindowMinutes * 60_000,
    },
    searchRings: config.correlateSearchRings,
    repeatRule: {
      maxCallsInRow: config.abuseRepeatCalls,
      windowMs: config.abuseRepeatWindowMinutes * 60_000,
    },
    normalize,
    geocoding: config.geocoderUrl !== undefined,
    verify: {
      deferHeavyLagMs: config.verifyDeferHeavyLagMs,
      check: {
        contradictionSeconds: normalize.contradictionSeconds,
        staleToleranceSeconds: normalize.staleToleranceSeconds,
      },
    },
  };
}

/**
 * The pipeline on this thread (over `asyncStore`) or in its own (TIPWIRE_PIPELINE_THREAD),
 * and intake's enqueue into the SQLite outbox either way.
 */
function createRuntimePipeline(
  config: Config,
  deps: {
    store: SqliteStore;
    asyncStore: AsyncStore;
    normalizeDeps: LoadedNormalizeDeps;
    clock: () => number;
    logger: Logger;
    onCommitted: () => void;
  },
): RuntimePipeline {
  const pipelineConfig = pipelineConfigFrom(config);
  const stageSettings = stageSettingsOf(pipelineConfig, deps.normalizeDeps);
  const log = deps.logger.child({ component: 'pipeline' });
  const control: PipelineControl = config.pipelineThread
    ? createPipelineThread({
        script: workerScript(import.meta.url, './pipeline/pipeline.worker.js'),
        setup: {
          dbPath: config.dbPath,
          ...(config.gazetteerFile ? { gazetteerFile: config.gazetteerFile } : {}),
          config: pipelineConfig,
        },
        log,
        onCommitted: deps.onCommitted,
        renormalize: {
          stages: registeredStages(stageSettings),
          stageSettings,
          queue: createSqliteJobQueue(deps.asyncStore),
          clock: deps.clock,
          newId,
        },
      })
    : createPipeline({
        store: deps.asyncStore,
        clock: deps.clock,
        newId,
        settings: pipelineConfig.run,
        stageSettings,
        log,
        onCommitted: deps.onCommitted,
      });
  return {
    renormalize: (id, tx) => control.renormalize(id, tx),
    drain: () => control.drain(),
    start: () => control.start(),
    poke: () => control.poke(),
    noteIntake: () => control.noteIntake(),
    stop: () => control.stop(),
    enqueue(reportId, now) {
      deps.store.jobs.enqueue(reportId, FIRST_STAGE, now);
    },
  };
}

/** The normalize core's settings, from the configuration. */
export function normalizeSettingsFrom(config: Config): NormalizeSettings {
  return {
    defaultTimezone: config.defaultTimezone ?? null,
    vagueWidenSeconds: config.timeVagueWidenSeconds,
    vagueWidenFraction: config.timeVagueWidenFraction,
    justNowSeconds: config.timeJustNowSeconds,
    futureToleranceSeconds: config.timeFutureToleranceSeconds,
    maxAgeDays: config.timeMaxAgeDays,
    contradictionSeconds: config.timeContradictionSeconds,
    staleToleranceSeconds: config.sourceStaleToleranceSeconds,
    gazetteerPeoplePerKm2: config.gazetteerPeoplePerKm2,
    gazetteerMinRadiusMeters: config.gazetteerMinRadiusMeters,
    gazetteerMaxRadiusMeters: config.gazetteerMaxRadiusMeters,
    gazetteerUnknownRadiusMeters: config.gazetteerUnknownRadiusMeters,
    gazetteerWeakMatchMinPopulation: config.gazetteerWeakMatchMinPopulation,
    gazetteerAmbiguityRatio: config.gazetteerAmbiguityRatio,
    placeTextToleranceFactor: config.placeTextToleranceFactor,
    geocodeCoarserThanMeters: config.geocodeCoarserThanMeters,
    questionMinGain: config.questionMinGain,
  };
}

/** The client's source for rate limits: its network prefix, hashed (never kept raw). */
export function createSourceOf(config: Config) {
  const hash = sourceHasher();
  return (request: { ip: string }) => hash(networkPrefix(request.ip, config));
}

export function createHttpApp(runtime: Runtime): Promise<FastifyInstance> {
  const { config, clock } = runtime;
  const guesses = { burst: config.guessesBurst, perMinute: config.guessesPerMinute };
  const unlimited = { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER };
  return buildApp({
    ...runtime,
    sourceOf: createSourceOf(config),
    limiters: {
      prefix: createRateLimiter(
        config.rateLimits
          ? { burst: config.prefixBurst, perMinute: config.prefixPerMinute }
          : unlimited,
        clock,
      ),
      receipts: createRateLimiter(config.rateLimits ? guesses : unlimited, clock),
      logins: createRateLimiter(config.rateLimits ? guesses : unlimited, clock),
    },
  });
}
