/**
 * The asynchronous store port (../port.ts) over the embedded SQLite store.
 *
 * better-sqlite3 is synchronous: each call completes on the calling thread, so
 * a repository method here is the synchronous one with its result in a resolved
 * promise. A transaction is BEGIN IMMEDIATE … COMMIT around `fn`; transactions are
 * queued one after another (one connection, one writer).
 *
 * Because the connection is shared with synchronous callers on the same event
 * loop, a transaction must finish within the turn of the event loop it started
 * in: awaiting only this store's (already settled) promises guarantees that. A
 * transaction still open when the loop moves on (it awaited I/O, a timer, a
 * worker) would let other code write into it; it is rolled back and fails with
 * `store.transaction_spanned_turn` instead of committing someone else's writes.
 *
 * A call on the store itself (not on `tx`) made while a transaction is open, by
 * another request's code between two of the transaction's awaits, waits for the
 * transaction to end: it never sees uncommitted writes nor is undone with them.
 * Inside a transaction use `tx`: the store would wait for the transaction itself.
 */
import type { AsyncStore, StoreTx } from '../port.js';
import type { Statement } from 'better-sqlite3';
import type { SqliteStore } from './sqlite-store.js';

export class TransactionSpannedTurnError extends Error {
  readonly code = 'store.transaction_spanned_turn';
  constructor() {
    super(
      'a store transaction awaited something other than the store (I/O, a timer, a worker); it was rolled back',
    );
  }
}

/**
 * Wraps each method of a synchronous repository into a promise-returning one. A
 * refusal (a duplicate key, a constraint) becomes a rejected promise, never a
 * synchronous throw. `gate`, when given, runs first: calls made outside a
 * transaction wait for the open one, so they never see its uncommitted writes nor
 * become part of it.
 */
function asyncRepository<R extends object>(
  repo: R,
  gate?: () => Promise<unknown> | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of methodNames(repo)) {
    const method = (repo as Record<string, unknown>)[key] as (...args: unknown[]) => unknown;
    const call = (args: unknown[]) => method.apply(repo, args);
    out[key] = (...args: unknown[]) => {
      const wait = gate?.() ?? null;
      if (ITERATOR_METHODS.has(key)) {
        return iterateAfter(wait, () => call(args) as IterableIterator<unknown>);
      }
      if (wait) return wait.then(() => call(args));
      try {
        return Promise.resolve(call(args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return out;
}

function methodNames(repo: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = repo; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key !== 'constructor' && typeof (repo as Record<string, unknown>)[key] === 'function') {
        names.add(key);
      }
    }
  }
  return [...names];
}

/**
 * Repository methods that return an iterator; the port makes them async iterators
 * (`Async<R>` in ../port.ts). The store contract walks each of them.
 */
const ITERATOR_METHODS = new Set(['all', 'iterate']);

/** The iterator's items, after `wait` (an open transaction) if there is one. */
async function* iterateAfter<T>(
  wait: Promise<unknown> | null,
  run: () => IterableIterator<T>,
): AsyncIterableIterator<T> {
  if (wait) await wait;
  yield* run();
}

const REPOSITORY_NAMES = [
  'meta',
  'reports',
  'incidents',
  'jobs',
  'events',
  'tokens',
  'idempotency',
  'users',
  'offices',
  'receipts',
  'messages',
  'audit',
  'stageEffects',
  'findings',
  'map',
  'files',
] as const satisfies readonly (keyof SqliteStore)[];

export function createAsyncStore(store: SqliteStore): AsyncStore {
  /** The savepoint depth of the open transaction (0: none open by this port). */
  let depth = 0;
  let tail: Promise<unknown> = Promise.resolve();
  /** While a transaction is open, a call from outside it waits for it to end. */
  const outside = () => (depth > 0 ? tail : null);

  const repositories: Record<string, unknown> = {};
  const scoped: Record<string, unknown> = {};
  for (const name of REPOSITORY_NAMES) {
    repositories[name] = asyncRepository(store[name], outside);
    scoped[name] = asyncRepository(store[name]);
  }

  /** Prepared once per depth: the pipeline opens a savepoint per stage per report. */
  const savepoints: { open: Statement; release: Statement; rollback: Statement }[] = [];
  const savepointAt = (level: number) =>
    (savepoints[level] ??= {
      open: store.db.prepare(`SAVEPOINT port_${level}`),
      release: store.db.prepare(`RELEASE port_${level}`),
      rollback: store.db.prepare(`ROLLBACK TO port_${level}`),
    });

  async function inSavepoint<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const sp = savepointAt(depth);
    sp.open.run();
    depth += 1;
    try {
      const result = await fn(tx);
      sp.release.run();
      return result;
    } catch (err) {
      if (store.db.inTransaction) {
        sp.rollback.run();
        sp.release.run();
      }
      throw err;
    } finally {
      depth -= 1;
    }
  }

  const tx = { ...scoped, transaction: inSavepoint } as unknown as StoreTx;

  async function runTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    let turnEnded = false;
    const watch = setImmediate(() => {
      turnEnded = true;
    });
    store.db.exec('BEGIN IMMEDIATE');
    depth = 1;
    try {
      const result = await fn(tx);
      if (turnEnded) throw new TransactionSpannedTurnError();
      store.db.exec('COMMIT');
      return result;
    } catch (err) {
      // e.g. SQLITE_BUSY or a full disk on COMMIT: nothing of fn's work stays applied.
      if (store.db.inTransaction) store.db.exec('ROLLBACK');
      throw err;
    } finally {
      depth = 0;
      clearImmediate(watch);
    }
  }

  return {
    ...(repositories as unknown as Omit<AsyncStore, 'transaction' | 'close'>),
    transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      const run = tail.then(
        () => runTransaction(fn),
        () => runTransaction(fn),
      );
      tail = run.catch(() => undefined);
      return run;
    },
    async flushDeleted() {
      await tail;
      store.flushDeleted();
    },
    async close() {
      await tail;
      store.close();
    },
  };
}
