/**
 * The contract of a pipeline stage: load → decide → apply.
 *
 * - `load(port, reportId, at)` reads what the stage needs, through the narrow slice of
 *   the store it names (a `Pick` of `StoreTx`), and returns plain data. The clock's
 *   reading and any new ids come in `at`, so they are part of the input.
 * - `decide(input, settings)` is pure (no I/O, no clock): the stage's rules, testable
 *   on their own. It returns the effects as plain data.
 * - `apply(tx, effects)` writes them.
 *
 * The runner calls the three inside one savepoint together with the stage's
 * idempotency key (report, stage, version, pass) and the job's step to the next stage,
 * so effects commit once. A stage's `version` goes up when its decision changes
 * meaning: effects recorded under the old version do not count for the new one.
 */
import { AppError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { Report } from '../domain/report.js';
import type { StoreTx } from '../store/port.js';
import type { RepeatRule } from '../protect/abuse.js';
import type { ClusterRule } from '../correlate/incident-state.js';
import type { ConfidenceSettings } from '../correlate/confidence.js';
import type { NormalizeWiring } from '../normalize/normalize-report.js';
import type { VerifySettings } from './stages/verify.stage.js';

/** What correlation and confidence need, as plain data (it crosses into the pipeline's thread). */
export interface IncidentConfig {
  cluster: ClusterRule;
  defaultAccuracyMeters: number;
  duplicateTextSimilarity: number;
  sameSourceTextSimilarity: number;
  sourcePairsMax: number;
  /** How many kept-apart reports a precise report looks at again. */
  rechecks: { vagueRechecks: number; citywideRecheckReads: number; citywideRechecks: number };
  copyWindowHours: number;
  confidence: ConfidenceSettings;
}

/** What a stage's load gets from the runner besides the store. */
export interface LoadContext {
  /** The batch's clock reading (epoch ms). */
  now: number;
  newId: (kind: IdKind, nowMs: number) => string;
  /** How long the oldest job of this batch waited (ms): how far behind the pipeline is. */
  backlogLagMs: number;
}

/** Every stage's settings, parsed once; each decide reads its own part. */
export interface StageSettings {
  incidents: IncidentConfig;
  repeatRule: RepeatRule;
  normalize: NormalizeWiring;
  verify: VerifySettings;
}

export interface Stage<Input = unknown, Effects = unknown> {
  name: string;
  version: number;
  load(port: StoreTx, reportId: string, at: LoadContext): Promise<Input>;
  decide(input: Input, settings: StageSettings): Effects;
  apply(tx: StoreTx, effects: Effects): Promise<void>;
}

/** Declares a stage, keeping its input and effect types together. */
export const defineStage = <Input, Effects>(stage: Stage<Input, Effects>) =>
  stage as unknown as Stage;

/** The report a job names, or a `report_missing` failure (retried, then parked). */
export async function requireReport(
  port: Pick<StoreTx, 'reports'>,
  reportId: string,
): Promise<Report> {
  const report = await port.reports.get(reportId);
  if (!report) throw new AppError('report_missing', 'technical', 'the job’s report is gone');
  return report;
}
