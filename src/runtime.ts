/**
 * The composition root: from a Config to a running tipwire (keys, store, audit
 * trail, pipeline, intake, live events, HTTP app). `serve`, `import`, the other
 * commands and the tests build it here, so they all run the same wiring.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { createAdmin, type Admin } from './admin/admin.service.js';
import { tokenRulesFrom } from './access/tokens.js';
import {
  createAuditLog,
  defaultAnchorPath,
  type AuditAppend,
  type AuditLog,
} from './audit/audit-log.js';
import { effectiveSettings, type Config } from './config.js';
import { newId } from './domain/ids.js';
import { createIntakeService, type IntakeService } from './intake/intake.service.js';
import type { Protection } from './intake/new-report.js';
import { createLiveEvents, type LiveEvents } from './notify/live-events.js';
import { createPipeline, queueNextPass, type PipelineControl } from './pipeline/runner.js';
import {
  FIRST_STAGE,
  registeredStages,
  stageSettingsOf,
  type PipelineConfig,
} from './pipeline/stages.js';
import { createPipelineThread } from './pipeline/thread.js';
import { createSqliteJobQueue } from './pipeline/sqlite-job-queue.js';
import { createNormalizeDeps, type LoadedNormalizeDeps } from './normalize/normalize-deps.js';
import { pointZoneAt } from './normalize/zones.js';
import { createMediaReader } from './intake/media-reader.js';
import { createFileStager, sweepStagedFiles } from './intake/file-stager.js';
import { createTextAnalyzer } from './intake/text-analyzer.js';
import {
  createTextBacklog,
  TEXT_BACKLOG_BATCH,
  TEXT_BACKLOG_BUDGET_MS,
} from './intake/text-backlog.js';
import { perplexityFindings } from './verify/lm/text-findings.js';
import {
  normalizeClaims,
  normalizeContext,
  type NormalizeWiring,
} from './normalize/normalize-report.js';
import { createNominatimGeocoder } from './normalize/geocoder.js';
import { createGeocodeWorker } from './pipeline/geocode.js';
import type { StageSettings } from './pipeline/stage.js';
import { incidentRulesOf } from './pipeline/stages.js';
import { createKeyring, type Keyring } from './protect/keyring.js';
import { claimKeysForDatabase } from './protect/database-keys.js';
import { createRateLimiter, networkPrefix, sourceHasher } from './protect/rate-limit.js';
import { purgeExpired, type PurgeResult } from './retention/retention.service.js';
import { createVault, type Vault } from './protect/vault.js';
import { createSearchTokenizer } from './protect/search-tokenizer.js';
import { contentHash, observableToken } from './protect/keyed-hashes.js';
import type { Scheduler } from './platform/scheduler.js';
import { workerScript } from './platform/worker-pool.js';
import { createCases, type Cases } from './cases/cases.service.js';
import { createIncidents, type Incidents } from './incidents/incidents.service.js';
import { refreshIncident } from './incidents/refresh.js';
import type { WorkerStatus } from './server/metrics.js';
import { openSqliteStore, type SqliteStore } from './store/sqlite/sqlite-store.js';
import type { MigrationEvent } from './store/sqlite/database.js';
import { createAsyncStore } from './store/sqlite/async-store.js';
import type { AsyncStore } from './store/port.js';
import { createWorkers } from './workers.js';
import { createMap, type MapRuntime } from './map/map.js';

export interface Runtime {
  config: Config;
  /** The optional street-level geocoder's worker; null unless TIPWIRE_GEOCODER_URL is set. */
  geocode: ReturnType<typeof createGeocodeWorker> | null;
  normalize: NormalizeWiring & { deps: LoadedNormalizeDeps };
  /** The embedded store, synchronous (the SQLite-only paths and tests). */
  store: SqliteStore;
  /** The same connection through the asynchronous port (one per runtime: one writer queue). */
  asyncStore: AsyncStore;
  keyring: Keyring;
  vault: Vault;
  auditLog: AuditLog;
  audit: AuditAppend;
  admin: Admin;
  cases: Cases;
  /** An analyst's merge, split and move of incidents. */
  incidents: Incidents;
  /** The pipeline's controls (in this thread or its own, TIPWIRE_PIPELINE_THREAD). */
  pipeline: RuntimePipeline;
  intake: IntakeService;
  /** Pseudonyms, sealing, search tokens and the sketch key for new reports (intake and import). */
  protection: Protection;
  live: LiveEvents;
  /** The analysts' map: its index (fed by the live events), base layer, place labels, tiles. */
  map: MapRuntime;
  logger: Logger;
  clock: () => number;
  /** Prunes idempotency records and old live events, destroys expired pseudonym keys. */
  housekeeping(): void;
  /** Deletes uploads staged longer than TIPWIRE_STAGED_FILE_TTL_SECONDS (staged-files job). */
  sweepStagedFiles(): Promise<number>;
  /** Deletes cases past their retention period, then checkpoints the WAL. */
  purge(actor?: string): PurgeResult;
  /**
   * The background jobs (src/workers.ts) on their scheduler: `serve` starts them and
   * stops them before close(); status() says how each is doing.
   */
  workers: Scheduler;
  /**
   * Trains the text worker's language model again on the bundled corpus and the
   * narratives of closed cases (TIPWIRE_TEXT_LM_TRAINING_REPORTS at most): the
   * `text-model` job. The narratives are opened here and handed to the worker only.
   */
  retrainTextModel(): Promise<{ reports: number; trainingTokens: number }>;
  /** Reads stored reports' pending text (score, observables): the `text-analysis` job. */
  textBacklog: { drain(): Promise<number> };
  /** Subscribes to how long each pipeline stage run takes (metrics); returns the unsubscribe. */
  observeStages(observer: (stage: string, ms: number) => void): () => void;
  close(): void;
}

export interface RuntimePipeline extends PipelineControl {
  /** Queues a newly stored report, inside the caller's (synchronous) transaction. */
  enqueue(reportId: string, now: number): void;
  /** Queues a report with a new version from the first stage again, as a new pass (likewise). */
  requeue(reportId: string, now: number): void;
}

export { contentHash, observableToken };

export interface RuntimeOptions {
  clock?: () => number;
  logger?: Logger;
  /** Search terms whose tokens are kept for reuse; a bulk import only (see search-tokenizer.ts). */
  searchTokenCacheTerms?: number;
  /**
   * Where an upgrade's migrations are told (`logger` when absent): the CLI's commands log
   * only warnings, yet a migration of several minutes should not look like a hang.
   */
  migrationLogger?: Pick<Logger, 'info' | 'debug'>;
}

/**
 * Structured JSON logs. Nothing we log carries request content; these redaction
 * paths are a second line for anything that might (headers, bodies, callers).
 */
export function createLogger(
  settings: Pick<Config['server'], 'logLevel'>,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: settings.logLevel,
      base: { service: 'tipwire' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'req.headers.cookie',
          'headers.cookie',
          'cookie',
          // @fastify/multipart logs the request's headers at trace level.
          'busboyOptions.headers',
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

/**
 * Says which migration an upgrade is applying, before and after: one can take minutes on
 * a large database, and a start that says nothing looks hung. A new database's
 * migrations are logged at debug only (they take milliseconds).
 */
function logMigration(logger: Pick<Logger, 'info' | 'debug'>) {
  return (event: MigrationEvent): void => {
    const log = event.upgrade ? logger.info.bind(logger) : logger.debug.bind(logger);
    if (event.phase === 'start') {
      log(
        { migration: event.name },
        'applying a schema migration (on a large database this can take minutes)',
      );
    } else {
      log({ migration: event.name, ms: event.ms }, 'schema migration applied');
    }
  };
}

export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? createLogger(config.server);
  const store = openSqliteStore(config.store.dbPath, {
    onMigration: logMigration(options.migrationLogger ?? logger),
  });
  // One port per connection: its transactions queue behind one another (one writer).
  const asyncStore = createAsyncStore(store);
  const outbox = createSqliteJobQueue(asyncStore);
  const keyring = createKeyring({
    dir: config.keys.dir,
    masterKeyHex: config.keys.masterKey,
    pseudonymEpochDays: config.keys.pseudonymEpochDays,
    clock,
  });
  claimKeysForDatabase({
    meta: store.meta,
    keyring,
    dbPath: config.store.dbPath,
    keysDir: config.keys.dir,
    masterKeyFromEnv: config.keys.masterKey !== undefined,
  });
  const vault = createVault({
    master: () => keyring.master(),
    masterById: (id) => keyring.masterById(id),
    indexKey: keyring.subkey('blind-index'),
  });
  const search = createSearchTokenizer({
    indexKey: keyring.subkey('blind-index'),
    settings: { ...config.search, cacheTerms: options.searchTokenCacheTerms ?? 0 },
    workerScript: () => workerScript(import.meta.url, './protect/search-worker.js'),
  });
  const auditLog = createAuditLog({
    repo: store.audit,
    key: keyring.subkey('audit'),
    clock,
    anchorPath: defaultAnchorPath(config.keys.dir),
    onAnchorError: (err) =>
      logger.error({ code: (err as { code?: string }).code }, 'audit anchor not written'),
  });
  const audit: AuditAppend = (entry) => {
    auditLog.append(entry);
  };
  sealLegacyPlaintext(store, vault);

  const live = createLiveEvents(store.events);
  const stageObservers = new Set<(stage: string, ms: number) => void>();
  const { gazetteerFile } = config.normalize;
  const normalize = {
    deps: createNormalizeDeps(gazetteerFile ? { gazetteerFile } : {}),
    settings: config.normalize,
    geocoding: config.geocoder.url !== undefined,
  };
  const pipeline = createRuntimePipeline(config, {
    store,
    asyncStore,
    normalizeDeps: normalize.deps,
    clock,
    logger,
    onCommitted: () => live.poke(),
    onStage: (stage, ms) => stageObservers.forEach((observe) => observe(stage, ms)),
  });
  const geocoder = config.geocoder;
  const geocode = geocoder.url
    ? createGeocodeWorker({
        store,
        geocoder: createNominatimGeocoder({
          baseUrl: geocoder.url,
          fetch: (url, init) => fetch(url, init),
          userAgent: geocoder.userAgent,
          timeoutMs: geocoder.timeoutMs,
        }),
        normalize,
        transaction: (fn) => asyncStore.transaction(fn),
        renormalize: (id, tx) => pipeline.renormalize(id, tx),
        log: logger.child({ component: 'geocoder' }),
        minIntervalMs: geocoder.minIntervalMs,
      })
    : null;
  const readMedia = createMediaReader({
    limits: config.verify,
    zoneAt: pointZoneAt(normalize.deps.zones),
    benford: config.verify,
    tableTimeoutMs: config.verify.tableAnalysisTimeoutMs,
    tableWorker: () => workerScript(import.meta.url, './intake/table.worker.js'),
  });
  const contentKey = keyring.subkey('receipt');
  const textAnalyzer = createTextAnalyzer({
    script: () => workerScript(import.meta.url, './intake/text.worker.js'),
    analysisTimeoutMs: config.text.analysisTimeoutMs,
    settings: {
      ...config.text,
      ...(config.intake.defaultPhoneRegion
        ? { defaultPhoneRegion: config.intake.defaultPhoneRegion }
        : {}),
    },
  });
  const observableKey = keyring.subkey('observables');
  const protection: Protection = {
    pseudonymsOf: (e164) => keyring.pseudonymsOf(e164),
    vault,
    searchTokens: (text) => search.tokens(text),
    textSketchKey: keyring.subkey('text-sketch'),
    contentHash: (content) => contentHash(contentKey, content),
    readMedia,
    fileSegmentBytes: config.intake.attachmentSegmentBytes,
    async analyzeText(narrative, subjects) {
      const result = await textAnalyzer.analyze(narrative, subjects);
      if (result.analysis) return result.analysis;
      logger.warn({ code: result.reason }, 'text worker could not read a text');
      return null;
    },
    observableToken: (type, value) => observableToken(observableKey, type, value),
  };
  const textBacklog = createTextBacklog({
    store: asyncStore,
    vault,
    protection,
    judges: (score) => perplexityFindings(score, score.model, config.text).length > 0,
    reverify: (tx, reportId) => queueNextPass(tx, outbox, reportId, 'verify', clock()),
    batch: TEXT_BACKLOG_BATCH,
    budgetMs: TEXT_BACKLOG_BUDGET_MS,
    backlogLagMs: async () => {
      const now = clock();
      const oldest = await asyncStore.jobs.oldestDueAt(now);
      return oldest === null ? 0 : now - oldest;
    },
    deferLagMs: config.verify.deferHeavyLagMs,
    clock,
    onFailed: (reportId, code) => logger.warn({ reportId, code }, 'text analysis failed'),
  });
  const intake = createIntakeService({
    store: asyncStore,
    clock,
    newId,
    protection,
    idempotencyKey: keyring.subkey('receipt'),
    // The report's first job, through the job-queue port, in the transaction that stores it.
    enqueue: (tx, reportId, now) =>
      outbox.enqueue(tx, { reportId, stage: FIRST_STAGE, pass: 1 }, now),
    // A new version goes through every stage again, as the report's next pass.
    requeue: async (tx, reportId, now) => {
      await outbox.restart(tx, reportId, FIRST_STAGE, now);
    },
    audit,
    onStored: () => pipeline.noteIntake(),
    stager: createFileStager({
      files: asyncStore.files,
      newId,
      clock,
      readMedia,
      segmentBytes: config.intake.attachmentSegmentBytes,
      mediaMaxBytes: config.verify.mediaMaxBytes,
    }),
    // The caller gets the score and the questions to ask at once (the pipeline stores
    // them); a call-taker's draft is read the same way before it is sent.
    assess: (report) => {
      const n = normalizeClaims(
        report.claims,
        normalizeContext(report),
        normalize.deps,
        normalize.settings,
      );
      const { completeness, nextQuestions, time, place, flags } = n;
      return { completeness, nextQuestions, time, place, flags };
    },
    callerLimiter: config.rateLimits.enabled
      ? createRateLimiter(
          { burst: config.rateLimits.callerBurst, perMinute: config.rateLimits.callerPerMinute },
          clock,
        )
      : undefined,
    settings: config.intake,
  });
  const admin = createAdmin({
    store: asyncStore,
    audit,
    clock,
    newId,
    sessionMs: config.access.sessionHours * 3_600_000,
    tokenRules: tokenRulesFrom(config.access),
    tokenDefaultDays: config.access.tokenDefaultDays,
  });
  const cases = createCases({
    store: asyncStore,
    vault,
    search,
    audit,
    clock,
    newId,
    renormalize: (id, tx) => pipeline.renormalize(id, tx),
    onEvent: () => live.poke(),
    protection,
    strippedCopyMaxBytes: config.verify.mediaMaxBytes,
  });

  const incidentRules = incidentRulesOf(incidentConfigFrom(config));
  const incidents = createIncidents({
    store: asyncStore,
    rules: incidentRules,
    audit,
    clock,
    newId,
    onEvent: () => live.poke(),
  });

  const map = createMap({
    settings: config.map,
    dbPath: config.store.dbPath,
    store: asyncStore,
    gazetteer: normalize.deps.gazetteer,
    workerScript: () => workerScript(import.meta.url, './map/map-index.worker.js'),
    log: logger.child({ component: 'map' }),
    // From its first build on, every stored event reaches the map's index (what changed).
    subscribe: (onEvent) => {
      live.subscribe(onEvent);
    },
  });

  const runtime: Omit<Runtime, 'workers'> = {
    config,
    incidents,
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
    map,
    logger,
    clock,
    housekeeping() {
      const now = clock();
      store.idempotency.pruneBefore(now - config.intake.idempotencyTtlHours * 3_600_000);
      store.events.pruneBefore(now - config.notify.eventRetentionHours * 3_600_000);
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
        settings: config.retention,
        actor,
      });
      // Zeroed pages reach the main file, and the WAL holding the old ones is emptied.
      store.flushDeleted();
      // Deletions make no live event: the map's index is built again without them.
      if (result.reports > 0) void map.service.rebuild().catch(() => undefined);
      auditLog.anchor();
      // The incidents that lost members: their estimate, sources and confidence, rebuilt.
      const now = clock();
      for (const id of result.incidentsChanged) {
        asyncStore
          .transaction((tx) => refreshIncident(tx, id, now, incidentRules))
          .catch((err: unknown) =>
            logger.error(
              { code: (err as { code?: string }).code ?? 'refresh_failed' },
              'incident refresh after purge failed',
            ),
          );
      }
      return result;
    },
    textBacklog,
    sweepStagedFiles: () =>
      sweepStagedFiles(asyncStore.files, clock(), config.intake.stagedFileTtlSeconds * 1000),
    async retrainTextModel() {
      const rows = await asyncStore.reports.sealedNarratives(
        'closed',
        config.text.lmTrainingReports,
      );
      const texts = rows.map((r) => vault.openNarrative(r));
      const model = await textAnalyzer.train(texts);
      // On record when closed cases' narratives were opened for it (not for the corpus alone).
      if (rows.length > 0)
        audit({
          actor: 'system',
          action: 'text_model.trained',
          target: null,
          reason: 'trained the language model on closed cases',
          details: { reports: rows.length, trainingTokens: model.trainingTokens },
        });
      return { reports: rows.length, trainingTokens: model.trainingTokens };
    },
    observeStages(observer) {
      stageObservers.add(observer);
      return () => stageObservers.delete(observer);
    },
    close() {
      // In-process: nothing is in flight between turns. A thread finishes its batch
      // on its own connection; `await runtime.pipeline.stop()` first to wait for it.
      void pipeline.stop();
      geocode?.stop();
      void search.close();
      void readMedia.close();
      void textAnalyzer.close();
      void map.close();
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
  const lock = store.lock({ owner: randomUUID(), clock });
  return { ...runtime, workers: createWorkers(runtime, lock) };
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

/** The incident rules' settings as plain data. */
export function incidentConfigFrom(config: Config): StageSettings['incidents'] {
  const c = config.correlate;
  return {
    cluster: {
      tolerance: c.tolerance,
      unstatedTimeMinutes: c.unstatedTimeMinutes,
      timeSlackMinutes: c.timeSlackMinutes,
      vagueAccuracyMeters: c.vagueAccuracyMeters,
      seenFromAfarMeters: c.seenFromAfarMeters,
      vaguePrecisionMinutes: c.vaguePrecisionMinutes,
      attachMaxAccuracyMeters: c.attachMaxAccuracyMeters,
      attachMaxPrecisionMinutes: c.attachMaxPrecisionMinutes,
      attachMinShare: c.attachMinShare,
      citywideAttachMinReports: c.citywideAttachMinReports,
      citywideMaxCandidates: c.citywideMaxCandidates,
      maxCandidates: c.maxCandidates,
      kindProfiles: c.kindProfiles,
    },
    defaultAccuracyMeters: c.defaultAccuracyMeters,
    duplicateTextSimilarity: c.duplicateTextSimilarity,
    sameSourceTextSimilarity: c.sameSourceTextSimilarity,
    sourcePairsMax: c.sourcePairsMax,
    rechecks: {
      vagueRechecks: c.vagueRechecks,
      citywideRecheckReads: c.citywideRecheckReads,
      citywideRechecks: c.citywideRechecks,
    },
    copyWindowHours: c.copyWindowHours,
    confidence: config.confidence,
  };
}

/** The pipeline's settings as plain data (they cross into its thread). */
export function pipelineConfigFrom(config: Config): PipelineConfig {
  const normalize = config.normalize;
  const { pollMs, thread: _thread, ...run } = config.pipeline;
  return {
    run,
    pollMs,
    incidents: incidentConfigFrom(config),
    repeatRule: {
      maxCallsInRow: config.abuse.repeatCalls,
      windowMs: config.abuse.repeatWindowMinutes * 60_000,
    },
    normalize,
    geocoding: config.geocoder.url !== undefined,
    verify: {
      deferHeavyLagMs: config.verify.deferHeavyLagMs,
      check: {
        contradictionSeconds: normalize.contradictionSeconds,
        staleToleranceSeconds: normalize.staleToleranceSeconds,
        mediaReuseMaxBits: config.verify.mediaReuseMaxBits,
        textReuseMinSimilarity: config.verify.textReuseMinSimilarity,
        textReuseWindowHours: config.verify.textReuseWindowHours,
        sunNightAltitudeDegrees: config.verify.sunNightAltitudeDegrees,
        sunShadowBearingErrorDegrees: config.verify.sunShadowBearingErrorDegrees,
        sunShadowLengthError: config.verify.sunShadowLengthError,
        exifTimeMismatchMinutes: config.verify.exifTimeMismatchMinutes,
        exifPlaceMismatchMeters: config.verify.exifPlaceMismatchMeters,
        perplexity: config.text,
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
    /** Stage durations, for the metrics (on this thread only; a pipeline thread does not report them). */
    onStage?: (stage: string, ms: number) => void;
  },
): RuntimePipeline {
  const pipelineConfig = pipelineConfigFrom(config);
  const stageSettings = stageSettingsOf(pipelineConfig, deps.normalizeDeps);
  const log = deps.logger.child({ component: 'pipeline' });
  const control: PipelineControl = config.pipeline.thread
    ? createPipelineThread({
        script: workerScript(import.meta.url, './pipeline/pipeline.worker.js'),
        setup: {
          dbPath: config.store.dbPath,
          ...(config.normalize.gazetteerFile
            ? { gazetteerFile: config.normalize.gazetteerFile }
            : {}),
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
        onStage: deps.onStage,
      });
  return {
    ...control,
    enqueue(reportId, now) {
      deps.store.jobs.enqueue(reportId, FIRST_STAGE, now);
    },
    requeue(reportId, now) {
      deps.store.jobs.restart(reportId, FIRST_STAGE, now);
    },
  };
}

/** The client's source for rate limits: its network prefix, hashed (never kept raw). */
export function createSourceOf(config: Config) {
  const hash = sourceHasher();
  return (request: { ip: string }) => hash(networkPrefix(request.ip, config.rateLimits));
}

export async function createHttpApp(
  runtime: Runtime,
  options: { workers?: () => readonly WorkerStatus[] } = {},
): Promise<FastifyInstance> {
  const { config, clock } = runtime;
  const limits = config.rateLimits;
  const guesses = { burst: limits.guessesBurst, perMinute: limits.guessesPerMinute };
  const unlimited = { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER };
  // Loaded here, not at the top: the CLI's commands use the runtime without a server.
  const { buildApp } = await import('./server/app.js');
  return buildApp({
    ...runtime,
    effectiveSettings: () => effectiveSettings(config),
    workers: options.workers,
    sourceOf: createSourceOf(config),
    limiters: {
      prefix: createRateLimiter(
        limits.enabled
          ? { burst: limits.prefixBurst, perMinute: limits.prefixPerMinute }
          : unlimited,
        clock,
      ),
      receipts: createRateLimiter(limits.enabled ? guesses : unlimited, clock),
      logins: createRateLimiter(limits.enabled ? guesses : unlimited, clock),
    },
  });
}
