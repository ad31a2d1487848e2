import { describe, expect, it } from 'vitest';
import { workerScript } from '../platform/worker-pool.js';
import { createTextAnalyzer } from './text-analyzer.js';

const settings = {
  lmOrder: 3,
  lmDiscount: 0.75,
  maxTokens: 5000,
  rankWork: 200_000,
  observablesMaxChars: 100_000,
};

describe('the text worker', () => {
  it('analyzes in its thread and swaps its model when trained', async () => {
    const analyzer = createTextAnalyzer({
      script: () => workerScript(import.meta.url, './text.worker.js'),
      settings,
      analysisTimeoutMs: 10_000,
    });
    try {
      const first = await analyzer.analyze('Quartermaster zebra at 198.51.100.7.', null);
      expect(first.analysis!.observables).toEqual([{ type: 'ipv4', value: '198.51.100.7' }]);
      const bundled = first.analysis!.score!.model.trainingTokens;
      expect(first.analysis!.score!.unknownTokens).toBeGreaterThan(0);
      const trained = await analyzer.train(['Quartermaster zebra at the gate.']);
      expect(trained).toEqual({ order: 3, trainingTokens: bundled + 5 });
      const again = await analyzer.analyze('Quartermaster zebra.', null);
      expect(again.analysis!.score!.unknownTokens).toBe(0);
      expect(again.analysis!.score!.model.trainingTokens).toBe(bundled + 5);
    } finally {
      await analyzer.close();
    }
  });

  it('answers null with the reason when the worker cannot run, never throws', async () => {
    const analyzer = createTextAnalyzer({
      script: () => new URL('./no-such-worker.js', import.meta.url),
      settings,
      analysisTimeoutMs: 10_000,
    });
    try {
      const result = await analyzer.analyze('anything', null);
      expect(result.analysis).toBeNull();
      expect(result).toMatchObject({ reason: 'worker_failed' });
    } finally {
      await analyzer.close();
    }
  });

  it('fails a text that runs past its time, and reads the next one with a fresh worker', async () => {
    const analyzer = createTextAnalyzer({
      script: () => workerScript(import.meta.url, './text.worker.js'),
      settings,
      analysisTimeoutMs: 1,
    });
    try {
      // Warm: the worker has trained the bundled model before it takes a task.
      const long = 'seen at 198.51.100.7 near the gate. '.repeat(3000);
      const result = await analyzer.analyze(long, null);
      expect(result).toEqual({ analysis: null, reason: 'worker_timeout' });
    } finally {
      await analyzer.close();
    }
    const patient = createTextAnalyzer({
      script: () => workerScript(import.meta.url, './text.worker.js'),
      settings,
      analysisTimeoutMs: 60_000,
    });
    try {
      const long = 'seen at 198.51.100.7 near the gate. '.repeat(3000);
      expect((await patient.analyze(long, null)).analysis!.observables).toHaveLength(1);
    } finally {
      await patient.close();
    }
  });
});
