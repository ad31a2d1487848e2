/**
 * The pipeline in a thread of its own (TIPWIRE_PIPELINE_THREAD=on), seen from the
 * main thread: the same controls as the in-process runner. The worker
 * (pipeline.worker.ts) runs the runner over its own database connection; the main
 * thread pokes it when reports are stored, hears `committed` after each of its
 * commits (to wake the live stream), and stops it cleanly: `stop()` resolves once
 * its batch in progress has committed and its connection is closed.
 *
 * Renormalizing after an analyst's answer stays on the main thread, in the caller's
 * transaction (its normalize deps are the ones intake uses); the worker is poked
 * to take the stages after it.
 */
import { Worker } from 'node:worker_threads';
import type { StoreTx } from '../store/port.js';
import {
  renormalizeIn,
  type BatchResult,
  type PipelineControl,
  type PipelineLog,
  type RenormalizeDeps,
} from './runner.js';
import type { PipelineConfig } from './stages.js';

export interface WorkerSetup {
  dbPath: string;
  gazetteerFile?: string;
  config: PipelineConfig;
}

export type ToWorker =
  { type: 'start' | 'poke' | 'intake' | 'stop' } | { type: 'drain'; id: number };

export type ToMain =
  | { type: 'ready' | 'stopped' }
  | { type: 'committed'; processed: number }
  | { type: 'drained'; id: number; result?: BatchResult; error?: string }
  | {
      type: 'log';
      level: 'warn' | 'error';
      fields: Record<string, unknown>;
      message: string;
    };

export interface PipelineThreadDeps {
  script: URL;
  setup: WorkerSetup;
  log: PipelineLog;
  onCommitted: () => void;
  renormalize: RenormalizeDeps;
}

/** Longest wait for the worker to finish its batch and close its connection on stop. */
const STOP_TIMEOUT_MS = 10_000;

export function createPipelineThread(deps: PipelineThreadDeps): PipelineControl {
  let worker: Worker | null = null;
  let started = false;
  let stopping: Promise<void> | null = null;
  let nextDrain = 1;
  const drains = new Map<
    number,
    { resolve: (r: BatchResult) => void; reject: (e: Error) => void }
  >();

  function spawn(): Worker {
    const w = new Worker(deps.script, { workerData: deps.setup });
    w.on('message', (message: ToMain) => {
      switch (message.type) {
        case 'committed':
          deps.onCommitted();
          break;
        case 'log':
          deps.log[message.level](message.fields, message.message);
          break;
        case 'drained': {
          const waiting = drains.get(message.id);
          drains.delete(message.id);
          if (message.result) waiting?.resolve(message.result);
          else waiting?.reject(Object.assign(new Error('drain failed'), { code: message.error }));
          break;
        }
      }
    });
    w.on('error', (err) => deps.log.error({ code: err.name }, 'pipeline thread failed'));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      for (const waiting of drains.values()) {
        waiting.reject(Object.assign(new Error('pipeline thread exited'), { code: 'thread_exit' }));
      }
      drains.clear();
      // An unexpected end (not a stop): the durable queue keeps the work; start again.
      if (!stopping && started) {
        deps.log.error({ exitCode: code }, 'pipeline thread exited; restarting it');
        setTimeout(() => {
          if (!stopping && started && !worker) ensure().postMessage({ type: 'start' });
        }, deps.setup.config.pollMs).unref();
      }
    });
    return w;
  }

  function ensure(): Worker {
    worker ??= spawn();
    return worker;
  }

  const send = (message: ToWorker) => worker?.postMessage(message);

  return {
    async renormalize(reportId: string, tx: StoreTx) {
      await renormalizeIn(tx, reportId, deps.renormalize);
      // After the caller's transaction has committed (it ends within this turn).
      setImmediate(() => send({ type: 'poke' }));
    },
    async drain(onBatch) {
      const id = nextDrain++;
      const w = ensure();
      const total = await new Promise<BatchResult>((resolve, reject) => {
        drains.set(id, { resolve, reject });
        w.postMessage({ type: 'drain', id } satisfies ToWorker);
      });
      if (total.taken > 0) onBatch?.(total);
      return total;
    },
    start() {
      started = true;
      ensure().postMessage({ type: 'start' } satisfies ToWorker);
    },
    poke: () => send({ type: 'poke' }),
    noteIntake: () => send({ type: 'intake' }),
    stop() {
      stopping ??= (async () => {
        const w = worker;
        if (!w) return;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ type: 'stop' } satisfies ToWorker);
        const timer = setTimeout(() => void w.terminate(), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
