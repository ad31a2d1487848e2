/**
 * What only the SQLite port does: a transaction may not outlast its turn of the
 * event loop. The rules every store keeps are in test/store-contract/.
 */
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
