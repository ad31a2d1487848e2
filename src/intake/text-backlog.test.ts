import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../test/store-contract/harness.js';
import { openSqlite } from '../../test/store-contract/open-sqlite.js';
import type { TextScoreFacts } from '../domain/text.js';
import type { AsyncStore } from '../store/port.js';
import { newReport, textScore } from '../../test/store-contract/fixtures.js';
import type { TextAnalysis } from './text-analysis.js';
import { createTextBacklog, type TextBacklogDeps } from './text-backlog.js';

let store: AsyncStore;
const fresh = useStore(openSqlite);
beforeEach(() => {
  store = fresh();
});

const score = (perplexity: number): TextScoreFacts => ({
  ...textScore(perplexity),
  model: { order: 3, trainingTokens: 60_000 },
});

/** The narrative of each report is its id's text; the analysis is read from a table. */
function backlog(
  analyses: Record<string, TextAnalysis | null>,
  over: Partial<TextBacklogDeps> = {},
) {
  const calls = { reverified: [] as string[], failed: [] as [string, string][], analyzed: 0 };
  const deps: TextBacklogDeps = {
    store,
    vault: {
      openNarrative: (r) => {
        if (r.id === 'r_broken') throw Object.assign(new Error('x'), { code: 'integrity_failure' });
        return `text of ${r.id}`;
      },
      openSubjects: () => null,
      sealObservables: (id, _key, json) => Buffer.from(`sealed:${id}:${json}`),
    },
    protection: {
      analyzeText: async (narrative) => {
        calls.analyzed += 1;
        return analyses[narrative.slice('text of '.length)] ?? null;
      },
      pseudonymsOf: (e164) => ({ current: `ps1_${e164.slice(-4)}`, previous: null }),
      observableToken: (type, value) => `${type}|${value}`,
    },
    judges: (s) => s.perplexity > 85,
    reverify: async (_tx, id) => {
      calls.reverified.push(id);
    },
    batch: 2,
    budgetMs: 60_000,
    backlogLagMs: async () => 0,
    deferLagMs: 5000,
    clock: Date.now,
    onFailed: (id, code) => calls.failed.push([id, code]),
    ...over,
  };
  return { backlog: createTextBacklog(deps), calls };
}

describe('the text backlog', () => {
  it('reads every pending report in batches, stores score and observables, and reverifies only on a finding', async () => {
    for (const id of ['r_1', 'r_2', 'r_3']) await store.reports.insert(newReport({ id }));
    const { backlog: b, calls } = backlog({
      r_1: { score: score(120), observables: [{ type: 'phone', value: '+8613800138000' }] },
      r_2: { score: score(40), observables: [] },
      r_3: { score: null, observables: [{ type: 'ipv4', value: '198.51.100.7' }] },
    });
    expect(await b.drain()).toBe(3);
    expect(calls.reverified).toEqual(['r_1']);
    const r1 = (await store.reports.get('r_1'))!;
    expect([r1.textState, r1.textScore?.perplexity]).toEqual(['done', 120]);
    expect(r1.sealed.observables!.toString()).toBe(
      'sealed:r_1:[{"type":"phone","value":"ps1_8000"}]',
    );
    const r2 = (await store.reports.get('r_2'))!;
    expect([r2.textState, r2.sealed.observables]).toEqual(['done', null]);
    expect(
      await store.reports.observableCounts(['ipv4|198.51.100.7', 'phone|ps1_8000'], 'x'),
    ).toEqual(
      new Map([
        ['ipv4|198.51.100.7', 1],
        ['phone|ps1_8000', 1],
      ]),
    );
    // Nothing pending: nothing read again.
    expect(await b.drain()).toBe(0);
    expect(calls.analyzed).toBe(3);
  });

  it('stops taking batches when its time budget is spent (the rest waits for the next turn)', async () => {
    for (const id of ['r_1', 'r_2', 'r_3']) await store.reports.insert(newReport({ id }));
    const analysis = { score: score(40), observables: [] };
    const { backlog: b } = backlog(
      { r_1: analysis, r_2: analysis, r_3: analysis },
      { budgetMs: 0 },
    );
    expect(await b.drain()).toBe(2);
    expect(await b.drain()).toBe(1);
  });

  it('reads nothing while the pipeline is behind by more than the deferral lag', async () => {
    await store.reports.insert(newReport({ id: 'r_1' }));
    const analysis = { r_1: { score: score(40), observables: [] } };
    const behind = (lag: number) => backlog(analysis, { backlogLagMs: async () => lag });
    expect(await behind(5001).backlog.drain()).toBe(0);
    expect(await behind(5000).backlog.drain()).toBe(1);
  });

  it('names a text it cannot open “unreadable” when the error has no code, and needs no onFailed', async () => {
    await store.reports.insert(newReport({ id: 'r_plain' }));
    const failed: string[] = [];
    const { backlog: b } = backlog(
      {},
      {
        vault: {
          openNarrative: () => {
            throw new Error('no code');
          },
          openSubjects: () => null,
          sealObservables: () => Buffer.alloc(0),
        },
        onFailed: (_id, code) => failed.push(code),
      },
    );
    expect(await b.drain()).toBe(1);
    expect(failed).toEqual(['unreadable']);
    await store.reports.insert(newReport({ id: 'r_quiet' }));
    const { backlog: quiet } = backlog({}, { onFailed: undefined });
    expect(await quiet.drain()).toBe(1);
    expect((await store.reports.get('r_quiet'))!.textState).toBe('failed');
  });

  it('lets the event loop run between batches, even when every text fails to open', async () => {
    for (const id of ['r_1', 'r_2', 'r_3']) await store.reports.insert(newReport({ id }));
    const order: string[] = [];
    const { backlog: b } = backlog(
      {},
      {
        batch: 1,
        vault: {
          openNarrative: (r) => {
            order.push(r.id);
            throw Object.assign(new Error('x'), { code: 'integrity_failure' });
          },
          openSubjects: () => null,
          sealObservables: () => Buffer.alloc(0),
        },
      },
    );
    // What waits on the event loop (a request, a timer) runs between two batches.
    setImmediate(() => order.push('event loop'));
    expect(await b.drain()).toBe(3);
    expect(order).toEqual(['r_1', 'event loop', 'r_2', 'r_3']);
  });

  it('marks a text failed, with the reason’s code, when it cannot be opened or the worker cannot read it', async () => {
    await store.reports.insert(newReport({ id: 'r_broken' }));
    await store.reports.insert(newReport({ id: 'r_busy' }));
    const { backlog: b, calls } = backlog({});
    expect(await b.drain()).toBe(2);
    expect(calls.failed).toEqual([
      ['r_broken', 'integrity_failure'],
      ['r_busy', 'text_worker_unavailable'],
    ]);
    expect((await store.reports.get('r_busy'))!.textState).toBe('failed');
    expect(calls.reverified).toEqual([]);
  });
});
