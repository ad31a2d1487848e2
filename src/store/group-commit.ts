/**
 * Group commit: writes that arrive while the event loop is busy are gathered and
 * committed in one transaction, so with synchronous=FULL many acknowledgements
 * share one fsync. A write is acknowledged (its promise resolves) only after its
 * transaction has committed.
 *
 * The batch is flushed on setImmediate, i.e. after the current round of I/O
 * callbacks: every request parsed in that round joins it. When a batch fails as a
 * whole, its items are retried one by one so one bad item fails alone. Commits may
 * be asynchronous (the store port's transactions): batches still commit one after
 * another, in the order they were gathered.
 */

export interface GroupCommitOptions<T, R> {
  /** Commits all items in one transaction and returns one result per item. */
  commitBatch: (items: T[]) => R[] | Promise<R[]>;
  /** Commits one item on its own (used when disabled, and to isolate a failing item). */
  commitOne: (item: T) => R | Promise<R>;
  maxBatch: number;
  /** false: every item commits on its own, immediately (the baseline to compare with). */
  enabled: boolean;
  /** Called after each commit with the number of items it carried. */
  onCommitted?: (count: number) => void;
}

export interface GroupCommitter<T, R> {
  submit(item: T): Promise<R>;
  /** Items waiting for the next flush. */
  pending(): number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export function createGroupCommitter<T, R>(
  options: GroupCommitOptions<T, R>,
): GroupCommitter<T, R> {
  let queue: Waiting<T, R>[] = [];
  let scheduled = false;

  async function commitAlone(w: Waiting<T, R>) {
    try {
      w.resolve(await options.commitOne(w.item));
      options.onCommitted?.(1);
    } catch (err) {
      w.reject(err);
    }
  }

  async function flush() {
    while (queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      if (batch.length === 1) {
        await commitAlone(batch[0]!);
        continue;
      }
      let results: R[];
      try {
        results = await options.commitBatch(batch.map((w) => w.item));
      } catch {
        for (const w of batch) await commitAlone(w);
        continue;
      }
      options.onCommitted?.(batch.length);
      batch.forEach((w, i) => w.resolve(results[i]!));
    }
    // Items that arrived while a batch committed were taken by the loop above.
    scheduled = false;
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        const waiting = { item, resolve, reject };
        if (!options.enabled) return void commitAlone(waiting);
        queue.push(waiting);
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      });
    },
    pending: () => queue.length,
  };
}
