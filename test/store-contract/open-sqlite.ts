/** A fresh embedded SQLite store in a temporary folder, for the contract and for unit tests over the real store. */
import path from 'node:path';
import { createAsyncStore } from '../../src/store/sqlite/async-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import type { OpenStore } from './harness.js';

export const openSqlite: OpenStore = async () => {
  const tmp = tempDir('tipwire-contract-');
  const store = createAsyncStore(openSqliteStore(path.join(tmp.dir, 'tipwire.db')));
  return {
    store,
    async close() {
      await store.close();
      tmp.cleanup();
    },
  };
};
