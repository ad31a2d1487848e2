/**
 * The transaction contract of the port: commit, rollback, savepoints, one
 * transaction after another, and what code outside a transaction sees of it.
 */
import { describe, expect, it } from 'vitest';
import type { AsyncRepositories, AsyncStore } from '../../src/store/port.js';
import { auditEntry, blind, newReport, T0 } from './fixtures.js';
import { useStore, type OpenStore } from './harness.js';

/**
 * Where an implementation is known to break the contract today. Its tests then run
 * as `it.fails`: they pass while the gap is there and fail once it is fixed, so the
 * gap is removed from the list with the fix.
 */
export type KnownGap =
  /** A refused call (a duplicate id, a foreign key) throws before returning a promise. */
  | 'refusal-throws-synchronously'
  /** A call outside any transaction, made while one is open, runs inside it. */
  | 'outside-call-joins-open-transaction';

/** Lets the other microtasks of this turn run `n` times (never leaves the turn). */
async function yieldTicks(n: number) {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/** Writes one row to each of several repositories, all inside `tx`. */
async function writeEverywhere(tx: AsyncRepositories, id: string) {
  await tx.reports.insert(newReport({ id, searchTokens: [blind('tx')] }));
  await tx.jobs.enqueue(id, 'screen', T0);
  await tx.events.append('report.received', { id }, T0);
  await tx.meta.set(`meta_${id}`, 'yes');
  await tx.audit.append(auditEntry({ target: `report:${id}` }));
}

async function holdsNothingOf(s: AsyncStore, id: string) {
  expect(await s.reports.get(id)).toBeNull();
  expect(await s.reports.count()).toBe(0);
  expect((await s.reports.search([blind('tx')], 10)).items).toEqual([]);
  expect(await s.jobs.counts()).toEqual({ ready: 0, failed: 0 });
  expect(await s.events.lastId()).toBe(0);
  expect(await s.meta.get(`meta_${id}`)).toBeNull();
  expect(await s.audit.last()).toBeNull();
}

export function transactionContract(open: OpenStore, gaps: ReadonlySet<KnownGap>) {
  const store = useStore(open);
  const unlessGap = (gap: KnownGap) => (gaps.has(gap) ? it.fails : it);

  describe('commit and rollback', () => {
    it('commits what fn wrote in every repository, and answers what fn returned', async () => {
      const s = store();
      const answer = await s.transaction(async (tx) => {
        await writeEverywhere(tx, 'r1');
        return { done: 'r1' };
      });
      expect(answer).toEqual({ done: 'r1' });
      expect((await s.reports.get('r1'))!.id).toBe('r1');
      expect(await s.jobs.counts()).toEqual({ ready: 1, failed: 0 });
      expect((await s.events.after(0, 10)).map((e) => e.payload)).toEqual([{ id: 'r1' }]);
      expect(await s.meta.get('meta_r1')).toBe('yes');
      expect((await s.audit.last())!.target).toBe('report:r1');
    });

    it('rolls back everything fn wrote when it throws, and rethrows that very error', async () => {
      const s = store();
      const boom = new Error('no');
      const outcome = s.transaction(async (tx) => {
        await writeEverywhere(tx, 'r1');
        throw boom;
      });
      await expect(outcome).rejects.toBe(boom);
      await holdsNothingOf(s, 'r1');
    });

    it('rolls back the earlier writes of a transaction whose later write is refused', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r_dup' }));
      await expect(
        s.transaction(async (tx) => {
          await tx.meta.set('first', '1');
          await tx.reports.insert(newReport({ id: 'r_dup' }));
        }),
      ).rejects.toThrow();
      expect(await s.meta.get('first')).toBeNull();
      expect(await s.reports.count()).toBe(1);
    });

    it('leaves no gap in the audit trail for an append rolled back', async () => {
      const s = store();
      await s.audit.append(auditEntry());
      await expect(
        s.transaction(async (tx) => {
          await tx.audit.append(auditEntry());
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect((await s.audit.append(auditEntry())).seq).toBe(2);
    });

    it('sees its own writes inside, in gets, lists, searches and counts', async () => {
      const s = store();
      await s.transaction(async (tx) => {
        await tx.reports.insert(newReport({ id: 'r1', searchTokens: [blind('tx')] }));
        expect((await tx.reports.get('r1'))!.id).toBe('r1');
        expect((await tx.reports.listNewest(10)).items.map((r) => r.id)).toEqual(['r1']);
        expect((await tx.reports.search([blind('tx')], 10)).items.map((r) => r.id)).toEqual(['r1']);
        expect(await tx.reports.count()).toBe(1);
        await tx.reports.setQueue('r1', 'abuse');
        expect((await tx.reports.get('r1'))!.queue).toBe('abuse');
      });
    });

    it('says whether the audit trail is inside a transaction', async () => {
      const s = store();
      expect(await s.audit.inTransaction()).toBe(false);
      const inside = await s.transaction(async (tx) => tx.audit.inTransaction());
      expect(inside).toBe(true);
    });
  });

  describe('savepoints', () => {
    it('undoes a savepoint that throws and keeps the outer transaction', async () => {
      const s = store();
      const inner = new Error('inner');
      await s.transaction(async (tx) => {
        await tx.meta.set('outer', '1');
        await expect(
          tx.transaction(async (sp) => {
            await sp.meta.set('inner', '2');
            await sp.meta.set('outer', 'changed');
            throw inner;
          }),
        ).rejects.toBe(inner);
        expect(await tx.meta.get('outer')).toBe('1');
        await tx.meta.set('after', '3');
      });
      expect(await s.meta.get('outer')).toBe('1');
      expect(await s.meta.get('inner')).toBeNull();
      expect(await s.meta.get('after')).toBe('3');
    });

    it('commits a savepoint with its transaction, and undoes it with it', async () => {
      const s = store();
      const answer = await s.transaction(async (tx) =>
        tx.transaction(async (sp) => {
          await sp.meta.set('kept', '1');
          return 'inner answer';
        }),
      );
      expect(answer).toBe('inner answer');
      expect(await s.meta.get('kept')).toBe('1');
      await expect(
        s.transaction(async (tx) => {
          await tx.transaction(async (sp) => sp.meta.set('undone', '1'));
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await s.meta.get('undone')).toBeNull();
    });

    it('nests savepoints: the innermost undone, the middle and the outer kept', async () => {
      const s = store();
      await s.transaction(async (tx) => {
        await tx.meta.set('level', '1');
        await tx.transaction(async (sp1) => {
          await sp1.meta.set('level', '2');
          await sp1
            .transaction(async (sp2) => {
              await sp2.meta.set('level', '3');
              throw new Error('innermost');
            })
            .catch(() => undefined);
          await sp1.meta.set('middle', 'done');
        });
      });
      expect(await s.meta.get('level')).toBe('2');
      expect(await s.meta.get('middle')).toBe('done');
    });
  });

  describe('one after another', () => {
    it('serializes transactions started together: no update is lost', async () => {
      const s = store();
      await s.meta.set('n', '0');
      const bump = () =>
        s.transaction(async (tx) => {
          const n = Number(await tx.meta.get('n'));
          await yieldTicks(3);
          await tx.meta.set('n', String(n + 1));
          return n;
        });
      const seen = await Promise.all(Array.from({ length: 20 }, bump));
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(await s.meta.get('n')).toBe('20');
    });

    it('runs the transactions queued after a failed one', async () => {
      const s = store();
      const failing = s.transaction(async (tx) => {
        await tx.meta.set('failed', '1');
        throw new Error('first');
      });
      const next = s.transaction(async (tx) => {
        await tx.meta.set('after', 'yes');
        return 'ok';
      });
      await expect(failing).rejects.toThrow('first');
      await expect(next).resolves.toBe('ok');
      expect(await s.meta.get('after')).toBe('yes');
      expect(await s.meta.get('failed')).toBeNull();
    });
  });

  describe('calls outside a transaction', () => {
    unlessGap('refusal-throws-synchronously')(
      'refuses a call by rejecting its promise, never by throwing before it returns one',
      async () => {
        const s = store();
        await s.reports.insert(newReport({ id: 'r1' }));
        let thrown: unknown = null;
        let answer: Promise<unknown> | null = null;
        try {
          answer = s.reports.insert(newReport({ id: 'r1' }));
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeNull();
        await expect(answer).rejects.toThrow();
      },
    );

    unlessGap('outside-call-joins-open-transaction')(
      'keeps a write made outside while a transaction is open, when that transaction rolls back',
      async () => {
        const s = store();
        const failing = s.transaction(async (tx) => {
          await tx.meta.set('inside', '1');
          await yieldTicks(10);
          throw new Error('undo');
        });
        const outside = (async () => {
          await yieldTicks(4);
          await s.meta.set('outside', '1');
        })();
        await expect(failing).rejects.toThrow('undo');
        await outside;
        expect(await s.meta.get('inside')).toBeNull();
        expect(await s.meta.get('outside')).toBe('1');
      },
    );

    unlessGap('outside-call-joins-open-transaction')(
      'does not show a read outside what an open transaction has not committed',
      async () => {
        const s = store();
        let seen: string | null = 'not read';
        const failing = s.transaction(async (tx) => {
          await tx.meta.set('draft', '1');
          await yieldTicks(10);
          throw new Error('undo');
        });
        const outside = (async () => {
          await yieldTicks(4);
          seen = await s.meta.get('draft');
        })();
        await expect(failing).rejects.toThrow('undo');
        await outside;
        expect(seen).toBeNull();
      },
    );
  });
}
