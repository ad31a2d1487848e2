import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { workerScript } from '../platform/worker-pool.js';
import { createMediaReader } from './media-reader.js';

const config = loadConfig({});
const reader = (tableTimeoutMs: number) =>
  createMediaReader({
    limits: config.verify,
    zoneAt: () => null,
    benford: config.verify,
    tableTimeoutMs,
    tableWorker: () => workerScript(import.meta.url, './table.worker.js'),
  });

/** A CSV of amounts spanning orders of magnitude (Benford-like: products of random factors). */
function table(rows: number): Buffer {
  const lines = ['id,amount,fee'];
  let x = 7;
  for (let i = 1; i <= rows; i++) {
    x = (x * 48271) % 2147483647;
    const amount = Math.round(10 ** (1 + (x % 100000) / 20000));
    lines.push(`${i},${amount},${Math.round(amount / 7) + 10}`);
  }
  return Buffer.from(lines.join('\n'));
}

describe('the table worker’s time limit', () => {
  it('tests a table within it, and stores one past it untested, saying why', async () => {
    const patient = reader(60_000);
    const quick = reader(1);
    try {
      const within = await patient(table(3000), 'text/csv');
      expect(within.benford).toMatchObject({ readable: true });
      const past = await quick(table(200_000), 'text/csv');
      expect(past.benford).toEqual({ readable: false, reason: 'not analysed: worker_timeout' });
      // The file itself is still read (its type), only the table is untested.
      expect(past.detectedType).toBe('text/plain');
    } finally {
      await patient.close();
      await quick.close();
    }
  });
});
