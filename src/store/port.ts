/**
 * The asynchronous store port: what services, stages and workers depend on, so a
 * store that answers over a network (PostgreSQL) can stand behind the same calls
 * as the embedded SQLite store.
 *
 * Every repository method returns a promise; `all()`-style iterators become async
 * iterators. Work that must commit together runs in `transaction(fn)`, whose `tx`
 * carries the same repositories scoped to that transaction; `tx.transaction(fn)`
 * nests as a savepoint. A consumer names the slice it needs (`Pick<StoreTx,
 * 'reports' | 'jobs'>`), never the whole store.
 *
 * Rule for every implementation's callers: inside a transaction, await only the
 * transaction's own repositories (no network, no worker thread, no timers). A
 * transaction holds the database's writer; the SQLite implementation enforces the
 * rule (see sqlite/async-store.ts).
 */
import type { Store } from './store.js';

/** A repository's methods as promises, its iterators as async iterators. */
export type Async<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => infer T
    ? [T] extends [IterableIterator<infer U>]
      ? (...args: A) => AsyncIterableIterator<U>
      : (...args: A) => Promise<T>
    : never;
};

type Repositories = Omit<Store, 'transaction' | 'flushDeleted' | 'close'>;

/** The repositories, each asynchronous. */
export type AsyncRepositories = { [K in keyof Repositories]: Async<Repositories[K]> };

/** The repositories inside one transaction, and savepoints nested in it. */
export interface StoreTx extends AsyncRepositories {
  /** Runs `fn` in a savepoint of this transaction: its writes undo alone if it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
}

export interface AsyncStore extends AsyncRepositories {
  /**
   * Runs `fn` in one transaction and commits what it wrote, or rolls all of it back
   * if it throws. Transactions of one store run one after another.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** See Store.flushDeleted. */
  flushDeleted(): Promise<void>;
  close(): Promise<void>;
}

/** Runs work in one transaction: the only store capability some consumers need. */
export type UnitOfWork = AsyncStore['transaction'];
