/**
 * Worker thread entry: the text analysis of new reports (text-analysis.ts) off the event
 * loop. It holds the language model: the bundled corpus's at start, then the one its
 * last `train` task built (accepted reports' narratives, sent by the `text-model` job).
 * One worker: a `train` task holds back the analyses queued behind it for as long as it
 * takes (about 0.5 s per 20,000 short reports; BENCHMARKS.md). A replaced worker starts
 * again from the bundled corpus until the next training. Nothing here logs.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../platform/worker-pool.js';
import {
  analyzeText,
  modelFactsOf,
  trainModel,
  type TextAnalysis,
  type TextAnalysisSettings,
} from './text-analysis.js';
import type { TextTask } from './text-analyzer.js';
import type { ModelFacts } from '../domain/text.js';

const settings = workerData as TextAnalysisSettings;
let model = trainModel([], settings);

serveTasks<TextTask, TextAnalysis | ModelFacts>((task) => {
  if (task.kind === 'train') {
    model = trainModel(task.texts, settings);
    return { output: modelFactsOf(model) };
  }
  return { output: analyzeText(model, task.narrative, task.subjects, settings) };
});
