/**
 * The contract every store implementation must pass, through the asynchronous
 * port (src/store/port.ts) only: each repository of src/store/store.ts, and the
 * transaction rules. An implementation joins with one line in its own test file:
 *
 *   describeStoreContract('postgres', openPostgresStore);
 *
 * where `open` gives a fresh, empty store and a `close` that also removes it.
 */
import { describe } from 'vitest';
import type { OpenStore } from './harness.js';
import { reportContract } from './reports.contract.js';

export type { OpenStore } from './harness.js';

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`store contract: ${name}`, () => {
    describe('reports', () => reportContract(open));
  });
}
