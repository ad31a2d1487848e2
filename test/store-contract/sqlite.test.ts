/** The store contract over the embedded SQLite store: a fresh database file per test. */
import path from 'node:path';
import { createAsyncStore } from '../../src/store/sqlite/async-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('sqlite', async () => {
  const tmp = tempDir('tipwire-contract-');
  const store = createAsyncStore(openSqliteStore(path.join(tmp.dir, 'tipwire.db')));
  return {
    store,
    async close() {
      await store.close();
      tmp.cleanup();
    },
  };
});
