/**
 * The contract every store implementation must pass, through the asynchronous
 * port (src/store/port.ts) only: each repository of src/store/store.ts, and the
 * transaction rules. An implementation joins with one line in its own test file:
 *
 *   describeStoreContract('postgres', openPostgresStore);
 *
 * where `open` gives a fresh, empty store and a `close` that also removes it.
 * `knownGaps` names where the implementation breaks the contract today (see
 * transactions.contract.ts): those tests then pin the gap instead of failing.
 */
import { describe } from 'vitest';
import { accessContract } from './access.contract.js';
import { auditContract } from './audit.contract.js';
import type { OpenStore } from './harness.js';
import { incidentClusterContract } from './incident-clusters.contract.js';
import { incidentContract } from './incidents.contract.js';
import { queueContract } from './queue.contract.js';
import { reportFilterContract } from './report-filters.contract.js';
import { reportContract } from './reports.contract.js';
import { transactionContract, type KnownGap } from './transactions.contract.js';
import { versionContract } from './versions.contract.js';

export type { OpenStore } from './harness.js';
export type { KnownGap } from './transactions.contract.js';

export function describeStoreContract(
  name: string,
  open: OpenStore,
  options: { knownGaps?: KnownGap[] } = {},
): void {
  describe(`store contract: ${name}`, () => {
    describe('reports', () => reportContract(open));
    describe('report filters', () => reportFilterContract(open));
    describe('report versions', () => versionContract(open));
    describe('incidents', () => incidentContract(open));
    describe('incident clusters', () => incidentClusterContract(open));
    describe('jobs, events, idempotency, meta', () => queueContract(open));
    describe('tokens, users, offices, receipts, messages', () => accessContract(open));
    describe('audit records', () => auditContract(open));
    describe('transactions', () => transactionContract(open, new Set(options.knownGaps)));
  });
}
