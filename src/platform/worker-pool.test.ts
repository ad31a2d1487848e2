import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from './worker-pool.js';

let dir: string;
let script: URL;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tipwire-pool-'));
  const file = path.join(dir, 'busy.worker.mjs');
  // Busy for `ms` milliseconds, then answers with its thread's task count.
  writeFileSync(
    file,
    `import { parentPort } from 'node:worker_threads';
let tasks = 0;
parentPort.on('message', ({ id, input }) => {
  const end = Date.now() + input.ms;
  while (Date.now() < end);
  tasks += 1;
  parentPort.postMessage({ id, ok: true, output: tasks });
});`,
  );
  script = pathToFileURL(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a worker task with a time limit', () => {
  it('is rejected with worker_timeout past it, and the next task gets a fresh worker', async () => {
    const pool = createWorkerPool<{ ms: number }, number>({ script, size: 1, maxQueued: 4 });
    try {
      expect(await pool.run({ ms: 0 })).toBe(1);
      expect(await pool.run({ ms: 0 })).toBe(2);
      await expect(pool.run({ ms: 60_000 }, [], { timeoutMs: 50 })).rejects.toMatchObject({
        code: 'worker_timeout',
      });
      // A fresh thread: its count starts again.
      expect(await pool.run({ ms: 0 })).toBe(1);
      expect(pool.pending()).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('answers within its limit as without one', async () => {
    const pool = createWorkerPool<{ ms: number }, number>({ script, size: 1, maxQueued: 4 });
    try {
      expect(await pool.run({ ms: 10 }, [], { timeoutMs: 30_000 })).toBe(1);
      expect(await pool.run({ ms: 10 }, [], { timeoutMs: 30_000 })).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
