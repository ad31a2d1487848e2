/**
 * The text worker as intake and the `text-model` job use it: `analyze` a new report's
 * narrative and who/what (its score and observables: text-analysis.ts), `train` the
 * worker's model on accepted reports' narratives. One worker thread, started on the
 * first task. A report is never refused for its analysis: when the worker's queue is
 * full or the worker failed, `analyze` answers null and the report is stored without
 * score or observables (the caller logs the reason's code, never the text).
 */
import type { ModelFacts } from '../domain/text.js';
import { createWorkerPool, type WorkerPool } from '../platform/worker-pool.js';
import type { TextAnalysis, TextAnalysisSettings } from './text-analysis.js';

export type TextTask =
  | { kind: 'analyze'; narrative: string; subjects: string | null }
  | { kind: 'train'; texts: string[] };

export interface TextAnalyzerOptions {
  /** The compiled text.worker.js. */
  script: () => URL;
  settings: TextAnalysisSettings;
  /**
   * How long one text's analysis may run (TIPWIRE_TEXT_ANALYSIS_TIMEOUT_MS): a text that
   * takes longer fails it, and the worker is replaced (its trained model with it, until
   * the next training).
   */
  analysisTimeoutMs: number;
  /** Analyses allowed to wait for the worker (TEXT_ANALYSES_QUEUED_MAX). */
  maxQueued?: number;
}

export interface TextAnalyzer {
  /** The analysis, or null (and why) when the worker could not make it now. */
  analyze(
    narrative: string,
    subjects: string | null,
  ): Promise<{ analysis: TextAnalysis } | { analysis: null; reason: string }>;
  /** Trains the worker's model on the bundled corpus and these texts; its facts once in use. */
  train(texts: string[]): Promise<ModelFacts>;
  close(): Promise<void>;
}

/** Analyses waiting for the text worker at most; beyond, a report is stored without one. */
export const TEXT_ANALYSES_QUEUED_MAX = 256;

export function createTextAnalyzer(options: TextAnalyzerOptions): TextAnalyzer {
  let pool: WorkerPool<TextTask, TextAnalysis | ModelFacts> | null = null;
  const worker = () =>
    (pool ??= createWorkerPool<TextTask, TextAnalysis | ModelFacts>({
      script: options.script(),
      size: 1,
      maxQueued: options.maxQueued ?? TEXT_ANALYSES_QUEUED_MAX,
      workerData: options.settings,
    }));
  return {
    async analyze(narrative, subjects) {
      try {
        const task: TextTask = { kind: 'analyze', narrative, subjects };
        const analysis = (await worker().run(task, [], {
          timeoutMs: options.analysisTimeoutMs,
        })) as TextAnalysis;
        return { analysis };
      } catch (err) {
        return { analysis: null, reason: (err as { code?: string }).code ?? (err as Error).name };
      }
    },
    async train(texts) {
      return (await worker().run({ kind: 'train', texts })) as ModelFacts;
    },
    close: async () => pool?.close(),
  };
}
