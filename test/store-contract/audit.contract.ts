/** The audit repository's contract (the records; the chain's rules are audit/), through the port. */
import { describe, expect, it } from 'vitest';
import type { AuditQuery } from '../../src/audit/audit-log.js';
import type { StoredAuditRecord } from '../../src/audit/chain.js';
import type { AsyncStore } from '../../src/store/port.js';
import { auditEntry, T0 } from './fixtures.js';
import { collect, refused, useStore, type OpenStore } from './harness.js';

/** Six records: seq 1…6 at T0…T0+5, actors alice/bob alternating, actions read/list by halves. */
async function seedRecords(s: AsyncStore): Promise<StoredAuditRecord[]> {
  const out: StoredAuditRecord[] = [];
  for (let i = 0; i < 6; i++) {
    out.push(
      await s.audit.append(
        auditEntry({
          at: T0 + i,
          actor: i % 2 === 0 ? 'user:alice' : 'user:bob',
          action: i < 3 ? 'report.read' : 'report.listed',
          target: i === 4 ? null : `report:r_${i % 3}`,
        }),
      ),
    );
  }
  return out;
}

const seqs = (records: { seq: number }[]) => records.map((r) => r.seq);

export function auditContract(open: OpenStore) {
  const store = useStore(open);

  describe('append', () => {
    it('gives the builder seq 1 and no previous record, then each newest record in turn', async () => {
      const s = store();
      const seen: { seq: number; prev: number | null }[] = [];
      const build = (next: { seq: number; prev: StoredAuditRecord | null }) => {
        seen.push({ seq: next.seq, prev: next.prev?.seq ?? null });
        return auditEntry()(next);
      };
      const first = await s.audit.append(build);
      const second = await s.audit.append(build);
      expect(seen).toEqual([
        { seq: 1, prev: null },
        { seq: 2, prev: 1 },
      ]);
      expect(await s.audit.get(1)).toStrictEqual(first);
      expect(await s.audit.get(2)).toStrictEqual(second);
      expect(await s.audit.last()).toStrictEqual(second);
      expect(second.hash).not.toBe(first.hash);
    });

    it('hands the builder the previous record exactly as stored', async () => {
      const s = store();
      const first = await s.audit.append(auditEntry({ detailsJson: '{"fields":["who"]}' }));
      let prev: StoredAuditRecord | null = null;
      await s.audit.append((next) => {
        prev = next.prev;
        return auditEntry()(next);
      });
      expect(prev).toStrictEqual(first);
    });

    it('refuses a record built with another seq, and stores nothing', async () => {
      const s = store();
      await s.audit.append(auditEntry());
      await refused(() => s.audit.append((next) => auditEntry()({ ...next, seq: next.seq + 1 })));
      expect(await s.audit.get(3)).toBeNull();
      expect((await s.audit.last())!.seq).toBe(1);
      expect((await s.audit.append(auditEntry())).seq).toBe(2);
    });

    it('answers null for an empty trail and an unknown seq', async () => {
      const s = store();
      expect(await s.audit.last()).toBeNull();
      expect(await s.audit.get(1)).toBeNull();
    });
  });

  describe('list and iterate', () => {
    it.each([
      [{ limit: 10 }, [6, 5, 4, 3, 2, 1]],
      [{ limit: 10, actor: 'user:bob' }, [6, 4, 2]],
      [{ limit: 10, action: 'report.listed' }, [6, 5, 4]],
      [{ limit: 10, target: 'report:r_1' }, [2]],
      [{ limit: 10, since: T0 + 3 }, [6, 5, 4]],
      [{ limit: 10, until: T0 + 3 }, [3, 2, 1]],
      [{ limit: 10, since: T0 + 1, until: T0 + 2 }, [2]],
      [{ limit: 10, after: 4 }, [3, 2, 1]],
      [{ limit: 10, actor: 'user:alice', action: 'report.read' }, [3, 1]],
      [{ limit: 10, actor: 'nobody' }, []],
    ] as [AuditQuery, number[]][])('lists %j newest first as %j', async (query, expected) => {
      const s = store();
      await seedRecords(s);
      const page = await s.audit.list(query);
      expect(seqs(page.items)).toEqual(expected);
      expect(page.next).toBeNull();
    });

    it.each([
      [6, [[6, 5, 4, 3, 2, 1]]],
      [5, [[6, 5, 4, 3, 2], [1]]],
      [
        3,
        [
          [6, 5, 4],
          [3, 2, 1],
        ],
      ],
    ])(
      'pages by %i with next = the last seq shown, none after a full last page',
      async (limit, pages) => {
        const s = store();
        await seedRecords(s);
        const seen: number[][] = [];
        let after: number | undefined;
        for (let i = 0; i < 10; i++) {
          const page = await s.audit.list({ limit, ...(after ? { after } : {}) });
          seen.push(seqs(page.items));
          if (page.next === null) break;
          expect(page.next).toBe(page.items[page.items.length - 1]!.seq);
          after = page.next;
        }
        expect(seen).toEqual(pages);
      },
    );

    it('pages inside a filter', async () => {
      const s = store();
      await seedRecords(s);
      const first = await s.audit.list({ limit: 2, actor: 'user:alice' });
      expect([seqs(first.items), first.next]).toEqual([[5, 3], 3]);
      const rest = await s.audit.list({ limit: 2, actor: 'user:alice', after: 3 });
      expect([seqs(rest.items), rest.next]).toEqual([[1], null]);
    });

    it.each([1, 2, 3, 5, 6, 7, undefined])(
      'iterates every record oldest first in chunks of %s',
      async (chunk) => {
        const s = store();
        const records = await seedRecords(s);
        expect(await collect(s.audit.iterate(chunk))).toStrictEqual(records);
      },
    );

    it('iterates nothing in an empty trail', async () => {
      expect(await collect(store().audit.iterate(2))).toEqual([]);
    });
  });
}
