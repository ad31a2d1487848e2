/**
 * How the contract suite gets a store: each test opens a fresh, empty one through
 * the implementation's `open` and closes it afterwards, so no test sees another's rows.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import type { AsyncStore } from '../../src/store/port.js';
import type { Cursor, Page } from '../../src/store/store.js';

/** A fresh, empty store of one implementation, and how to close it (and remove its files). */
export type OpenStore = () => Promise<{ store: AsyncStore; close(): Promise<void> }>;

/** Opens a fresh store before each test of the calling describe block; returns a getter. */
export function useStore(open: OpenStore): () => AsyncStore {
  let opened: Awaited<ReturnType<OpenStore>> | null = null;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(async () => {
    await opened?.close();
    opened = null;
  });
  return () => {
    if (!opened) throw new Error('the store is opened in beforeEach');
    return opened.store;
  };
}

/** Everything an async iterator yields. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of it) out.push(item);
  return out;
}

/**
 * Expects the call to be refused, whether its promise rejects or it throws before
 * returning one (which of the two is pinned by the transaction contract).
 */
export async function refused(call: () => Promise<unknown>): Promise<void> {
  await expect((async () => call())()).rejects.toThrow();
}

/** Every page of a list, following `next` until it is null (at most 20 pages). */
export async function walk<T>(page: (after?: Cursor) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let after: Cursor | undefined;
  for (let i = 0; i < 20; i++) {
    const p = await page(after);
    pages.push(p.items);
    if (!p.next) return pages;
    after = p.next;
  }
  throw new Error('more than 20 pages');
}
