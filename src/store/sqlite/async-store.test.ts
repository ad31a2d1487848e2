/** The SQLite port's transaction rules: savepoints, rollback, order, one turn. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { AsyncStore } from '../port.js';
import { createAsyncStore, TransactionSpannedTurnError } from './async-store.js';
import { openSqliteStore } from './sqlite-store.js';

let store: AsyncStore;
function open() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tipwire-async-'));
  store = createAsyncStore(openSqliteStore(path.join(dir, 't.db')));
  return store;
}
afterEach(async () => {
  await store.close();
});

test('a savepoint that throws undoes its own writes only', async () => {
  const s = open();
  await s.transaction(async (tx) => {
    await tx.meta.set('outer', '1');
    await tx
      .transaction(async (inner) => {
        await inner.meta.set('inner', '2');
        throw new Error('undo me');
      })
      .catch(() => undefined);
  });
  expect(await s.meta.get('outer')).toBe('1');
  expect(await s.meta.get('inner')).toBeNull();
});

test('a transaction that throws leaves nothing', async () => {
  const s = open();
  await expect(
    s.transaction(async (tx) => {
      await tx.meta.set('a', '1');
      throw new Error('no');
    }),
  ).rejects.toThrow('no');
  expect(await s.meta.get('a')).toBeNull();
});

test('a transaction that awaits a timer is rolled back, not committed', async () => {
  const s = open();
  await expect(
    s.transaction(async (tx) => {
      await tx.meta.set('c', '3');
      await new Promise((r) => setTimeout(r, 2));
    }),
  ).rejects.toBeInstanceOf(TransactionSpannedTurnError);
  expect(await s.meta.get('c')).toBeNull();
  // The store is usable afterwards.
  await s.transaction(async (tx) => tx.meta.set('d', '4'));
  expect(await s.meta.get('d')).toBe('4');
});

test('transactions started together run one after another, each seeing the last', async () => {
  const s = open();
  await s.meta.set('n', '0');
  const bump = () =>
    s.transaction(async (tx) => {
      const n = Number(await tx.meta.get('n'));
      await tx.meta.set('n', String(n + 1));
      return n;
    });
  const seen = await Promise.all(Array.from({ length: 20 }, bump));
  expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
  expect(await s.meta.get('n')).toBe('20');
});

test('a failed transaction does not stop the ones queued after it', async () => {
  const s = open();
  const failing = s.transaction(async () => {
    throw new Error('first');
  });
  const next = s.transaction(async (tx) => {
    await tx.meta.set('after', 'yes');
    return 'ok';
  });
  await expect(failing).rejects.toThrow('first');
  await expect(next).resolves.toBe('ok');
  expect(await s.meta.get('after')).toBe('yes');
});

test('iterators become async iterators', async () => {
  const s = open();
  const seen: unknown[] = [];
  for await (const r of s.reports.all()) seen.push(r);
  expect(seen).toEqual([]);
});
