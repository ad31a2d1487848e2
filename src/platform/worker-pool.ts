/**
 * A small pool of worker threads for CPU-bound work that must not hold the event
 * loop (segmenting a 100,000-character narrative takes tens to hundreds of ms).
 * Each worker runs one task at a time; tasks wait in a queue bounded by
 * `maxQueued` (beyond it `run` rejects with `workers_busy`, which the caller turns
 * into a 503 instead of an ever-growing backlog). A worker that dies is replaced and
 * its task rejected. Idle workers do not keep the process alive.
 *
 * The worker script answers each `{ id, input }` message with `{ id, ok: true,
 * output }` or `{ id, ok: false, message }` (see `serveTasks`).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';

export interface WorkerPoolOptions {
  /** The worker's entry file (compiled JavaScript). */
  script: URL;
  size: number;
  /** Tasks allowed to wait for a free worker. */
  maxQueued: number;
  /** Handed to every worker as `workerData` (e.g. a key). */
  workerData?: unknown;
}

export interface WorkerPool<I, O> {
  /**
   * Runs a task. With `timeoutMs`, a task still running after that long is rejected
   * with `worker_timeout` and its worker terminated and replaced (a worker cannot be
   * interrupted otherwise; what it held in memory is lost with it).
   */
  run(input: I, transfer?: ArrayBuffer[], options?: { timeoutMs?: number }): Promise<O>;
  /** Tasks running or waiting. */
  pending(): number;
  close(): Promise<void>;
}

interface Task<I, O> {
  id: number;
  input: I;
  transfer: ArrayBuffer[];
  timeoutMs: number | undefined;
  timer?: NodeJS.Timeout;
  resolve: (output: O) => void;
  reject: (err: Error) => void;
}

type Reply<O> = { id: number; ok: true; output: O } | { id: number; ok: false; message: string };

export function createWorkerPool<I, O>(options: WorkerPoolOptions): WorkerPool<I, O> {
  if (!Number.isInteger(options.size) || options.size < 1) {
    throw new Error('a worker pool needs at least one worker');
  }
  const queue: Task<I, O>[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task<I, O>>();
  let nextId = 1;
  let closed = false;

  function spawn(): Worker {
    const worker = new Worker(options.script, { workerData: options.workerData });
    worker.unref();
    worker.on('message', (reply: Reply<O>) => {
      const task = busy.get(worker);
      if (!task || task.id !== reply.id) return;
      clearTimeout(task.timer);
      busy.delete(worker);
      if (reply.ok) task.resolve(reply.output);
      else task.reject(new AppError('worker_failed', 'technical', reply.message));
      release(worker);
    });
    const lost = (why: string) => {
      const task = busy.get(worker);
      clearTimeout(task?.timer);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      task?.reject(new AppError('worker_failed', 'technical', why));
      replaceLost();
    };
    worker.on('error', (err) => lost(`a worker failed: ${err.name}`));
    worker.on('exit', (code) => {
      if (busy.has(worker) || idle.includes(worker)) lost(`a worker exited with ${code}`);
    });
    return worker;
  }

  function release(worker: Worker) {
    worker.unref();
    idle.push(worker);
    dispatch();
  }

  function dispatch() {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const task = queue.shift()!;
      busy.set(worker, task);
      // A running task keeps the process alive until it answers.
      worker.ref();
      if (task.timeoutMs !== undefined) {
        task.timer = setTimeout(() => timedOut(worker, task), task.timeoutMs);
      }
      worker.postMessage({ id: task.id, input: task.input }, task.transfer);
    }
  }

  /** A task ran too long: it fails, and its worker is replaced by a fresh one. */
  function timedOut(worker: Worker, task: Task<I, O>) {
    if (busy.get(worker) !== task) return;
    busy.delete(worker);
    task.reject(new AppError('worker_timeout', 'technical', 'a worker task took too long'));
    void worker.terminate();
    replaceLost();
  }

  /** A fresh worker in place of one that is gone, and the queue served again. */
  function replaceLost() {
    if (closed) return;
    idle.push(spawn());
    dispatch();
  }

  for (let i = 0; i < options.size; i++) idle.push(spawn());

  return {
    run(input, transfer = [], runOptions = {}) {
      if (closed) return Promise.reject(new AppError('workers_closed', 'technical', 'shut down'));
      if (idle.length === 0 && queue.length >= options.maxQueued) {
        return Promise.reject(
          new AppError('workers_busy', 'unavailable', 'the server is busy; try again shortly'),
        );
      }
      return new Promise<O>((resolve, reject) => {
        queue.push({
          id: nextId++,
          input,
          transfer,
          timeoutMs: runOptions.timeoutMs,
          resolve,
          reject,
        });
        dispatch();
      });
    },
    pending: () => queue.length + busy.size,
    async close() {
      closed = true;
      for (const task of queue.splice(0)) {
        task.reject(new AppError('workers_closed', 'technical', 'shut down'));
      }
      const all = [...idle.splice(0), ...busy.keys()];
      for (const task of busy.values()) {
        clearTimeout(task.timer);
        task.reject(new AppError('workers_closed', 'technical', 'shut down'));
      }
      busy.clear();
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/** The worker side: answers each task with `handle(input)`. Call once in the worker's entry. */
export function serveTasks<I, O>(handle: (input: I) => { output: O; transfer?: ArrayBuffer[] }) {
  if (!parentPort) throw new Error('serveTasks runs inside a worker thread');
  const port = parentPort;
  port.on('message', ({ id, input }: { id: number; input: I }) => {
    try {
      const { output, transfer } = handle(input);
      port.postMessage({ id, ok: true, output }, transfer ?? []);
    } catch (err) {
      // The error's name only: a message could quote the input.
      port.postMessage({ id, ok: false, message: `the task failed: ${(err as Error).name}` });
    }
  });
}

/**
 * The compiled worker script beside `fromModule` (an `import.meta.url`). When tipwire
 * runs from its TypeScript sources (the test runner), workers still need JavaScript:
 * the same path under `dist/` is used, and refused if it is older than its source, so
 * a test never runs stale worker code unnoticed.
 */
export function workerScript(fromModule: string, relative: string): URL {
  const url = new URL(relative, fromModule);
  if (!fromModule.endsWith('.ts')) return url;
  const source = fileURLToPath(url).replace(/\.js$/, '.ts');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const compiled = path.join(root, 'dist', path.relative(path.join(root, 'src'), source));
  const js = compiled.replace(/\.ts$/, '.js');
  if (!existsSync(js) || statSync(js).mtimeMs < statSync(source).mtimeMs) {
    throw new Error(`${js} is missing or older than ${source}: run npm run build`);
  }
  return pathToFileURL(js);
}
