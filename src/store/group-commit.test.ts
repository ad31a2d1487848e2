import { describe, expect, it } from 'vitest';
import { createGroupCommitter } from './group-commit.js';

function recorder(failOn?: number) {
  const batches: number[][] = [];
  return {
    batches,
    commitBatch: (items: number[]) => {
      if (failOn !== undefined && items.includes(failOn)) throw new Error('batch failed');
      batches.push(items);
      return items.map((i) => i * 10);
    },
    commitOne: (item: number) => {
      if (item === failOn) throw new Error(`item ${item} failed`);
      batches.push([item]);
      return item * 10;
    },
  };
}

describe('createGroupCommitter', () => {
  it('commits items submitted in the same turn of the event loop together', async () => {
    const r = recorder();
    const gc = createGroupCommitter({ ...r, maxBatch: 100, enabled: true });
    const results = await Promise.all([1, 2, 3, 4].map((i) => gc.submit(i)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(r.batches).toEqual([[1, 2, 3, 4]]);
  });

  it('splits at maxBatch', async () => {
    const r = recorder();
    const gc = createGroupCommitter({ ...r, maxBatch: 3, enabled: true });
    await Promise.all([1, 2, 3, 4, 5].map((i) => gc.submit(i)));
    expect(r.batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('does not resolve before its batch has committed', async () => {
    const r = recorder();
    const gc = createGroupCommitter({ ...r, maxBatch: 10, enabled: true });
    let resolved = false;
    const p = gc.submit(1).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    expect(gc.pending()).toBe(1);
    await p;
    expect(r.batches).toEqual([[1]]);
  });

  it('fails only the bad item when a batch fails', async () => {
    const r = recorder(2);
    const gc = createGroupCommitter({ ...r, maxBatch: 10, enabled: true });
    const settled = await Promise.allSettled([1, 2, 3].map((i) => gc.submit(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(r.batches).toEqual([[1], [3]]);
  });

  it('commits every item alone when disabled', async () => {
    const r = recorder();
    const gc = createGroupCommitter({ ...r, maxBatch: 10, enabled: false });
    await Promise.all([1, 2, 3].map((i) => gc.submit(i)));
    expect(r.batches).toEqual([[1], [2], [3]]);
  });
});

describe('createGroupCommitter with asynchronous commits', () => {
  it('commits batches one after another and takes items that arrive meanwhile', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const gc = createGroupCommitter<number, number>({
      commitBatch: async (items) => {
        order.push(`begin ${items.join(',')}`);
        if (items.includes(1)) await gate;
        order.push(`end ${items.join(',')}`);
        return items;
      },
      commitOne: async (item) => {
        order.push(`one ${item}`);
        return item;
      },
      maxBatch: 10,
      enabled: true,
    });
    const first = [1, 2].map((i) => gc.submit(i));
    await new Promise((r) => setImmediate(r));
    // The first batch is committing; these wait for it, then commit together.
    const second = [3, 4].map((i) => gc.submit(i));
    release();
    expect(await Promise.all([...first, ...second])).toEqual([1, 2, 3, 4]);
    expect(order).toEqual(['begin 1,2', 'end 1,2', 'begin 3,4', 'end 3,4']);
  });

  it('retries the items of a rejected batch one by one', async () => {
    const gc = createGroupCommitter<number, number>({
      commitBatch: async () => {
        throw new Error('batch');
      },
      commitOne: async (item) => {
        if (item === 2) throw new Error('two');
        return item * 10;
      },
      maxBatch: 10,
      enabled: true,
    });
    const settled = await Promise.allSettled([1, 2, 3].map((i) => gc.submit(i)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'rejected'))).toEqual([
      10,
      'rejected',
      30,
    ]);
  });
});
