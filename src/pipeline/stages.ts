/**
 * The registry: the pipeline's stages after intake, in order. Each stage lives in
 * its own folder as `<name>.stage.ts` (load → decide → apply, see stage.ts); adding
 * one is a new file there and one line here. Jobs name their next stage by `name`,
 * so a stage keeps its name for as long as stored jobs may name it.
 */
import { correlateStage } from './stages/correlate.stage.js';
import { sketchBands, sketchSimilarity } from '../correlate/text-sketch.js';
import type { IncidentRules } from '../incidents/refresh.js';
import { normalizeStage } from './stages/normalize.stage.js';
import { notifyStage } from './stages/notify.stage.js';
import { screenStage } from './stages/screen.stage.js';
import { verifyStage } from './stages/verify.stage.js';
import type { NormalizeDeps } from '../normalize/normalize-report.js';
import type { NormalizeSettings } from '../normalize/settings.js';
import type { Check, CheckSettings } from '../verify/check.js';
import { CHECKS } from '../verify/checks/index.js';
import type { PipelineSettings } from './runner.js';
import type { IncidentConfig, Stage, StageSettings } from './stage.js';

export function registeredStages(
  settings: Pick<StageSettings, 'incidents' | 'verify'>,
): readonly Stage[] {
  const config = settings.incidents;
  const rules = incidentRulesOf(config);
  return [
    screenStage,
    normalizeStage,
    verifyStage(settings.verify.check),
    correlateStage(rules, config.rechecks, config.copyWindowHours),
    notifyStage,
  ];
}

/** The incident rules over the plain config, with the text-sketch comparison. */
export function incidentRulesOf(config: IncidentConfig): IncidentRules {
  return {
    cluster: config.cluster,
    defaultAccuracyMeters: config.defaultAccuracyMeters,
    confidence: config.confidence,
    text: {
      bands: (s) => sketchBands(s),
      similarity: sketchSimilarity,
      threshold: config.duplicateTextSimilarity,
      sourceThreshold: config.sameSourceTextSimilarity,
      allPairsMax: config.sourcePairsMax,
    },
  };
}

/** The stage a newly stored report starts at. */
export const FIRST_STAGE = 'screen';

/**
 * Every setting the pipeline needs, as plain data (it crosses into the pipeline's
 * thread): the runner's, and each stage's except the deps built from them.
 */
export interface PipelineConfig {
  run: PipelineSettings;
  /** How often a pipeline thread looks for work queued elsewhere or due for retry. */
  pollMs: number;
  incidents: IncidentConfig;
  repeatRule: StageSettings['repeatRule'];
  normalize: NormalizeSettings;
  /** Whether the optional street-level geocoder is configured. */
  geocoding: boolean;
  verify: { deferHeavyLagMs: number; check: CheckSettings };
}

/** The stages' settings: the plain ones, the normalize deps and the registered checks. */
export function stageSettingsOf(
  config: PipelineConfig,
  normalizeDeps: NormalizeDeps,
  checks: readonly Check[] = CHECKS,
): StageSettings {
  return {
    repeatRule: config.repeatRule,
    incidents: config.incidents,
    normalize: { deps: normalizeDeps, settings: config.normalize, geocoding: config.geocoding },
    verify: { ...config.verify, checks },
  };
}
