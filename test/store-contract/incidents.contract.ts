/** The incident repository's contract, through the asynchronous port only. */
import { describe, expect, it } from 'vitest';
import type { MemberScope } from '../../src/access/scope.js';
import { summaryOf } from '../../src/domain/incident.js';
import type { AsyncStore } from '../../src/store/port.js';
import { MINUTE, newReport, normalization, T0, totals } from './fixtures.js';
import { collect, refused, useStore, walk, type OpenStore } from './harness.js';

const ANALYST: MemberScope = { all: false, analystQueue: true, officeId: null };
const office = (officeId: string): MemberScope => ({ all: false, analystQueue: false, officeId });
const NOBODY: MemberScope = { all: false, analystQueue: false, officeId: null };

const windowA = { from: T0, to: T0 + MINUTE };
const windowB = { from: T0 + 5 * MINUTE, to: T0 + 6 * MINUTE };
const pointA = { lat: 34.25, lon: 108.9 };

/**
 * Incident i_1 with three members: `a` (analyst queue, office North, a point), `b`
 * (abuse queue, no point, no pseudonym), `c` (not normalized: no window yet).
 */
async function seedIncident(s: AsyncStore) {
  await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
  await s.reports.insert(
    newReport({ id: 'a', receivedAt: T0 + 2, externalId: 'ext-a', callerPseudonym: 'p_a' }),
  );
  await s.reports.insert(newReport({ id: 'b', receivedAt: T0 + 1 }));
  await s.reports.insert(newReport({ id: 'c', receivedAt: T0 + 3, externalId: 'ext-c' }));
  await s.reports.saveNormalization('a', normalization(windowA, pointA), windowA, pointA);
  await s.reports.saveNormalization('b', normalization(windowB, null), windowB, null);
  await s.incidents.create(
    'i_1',
    totals([
      { window: windowA, point: pointA },
      { window: windowB, point: null },
    ]),
    T0,
  );
  for (const id of ['a', 'b', 'c']) await s.reports.assignIncident(id, 'i_1');
  await s.reports.setQueue('b', 'abuse');
  await s.reports.assignOffice('a', 'o_n');
}

/** Incidents i1…iN created one after another, each with one analyst-queue member. */
async function seedSeries(s: AsyncStore, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    await s.reports.insert(newReport({ id: `r${i}` }));
    await s.incidents.create(`i${i}`, totals([{ window: windowA, point: null }]), T0 + i);
    await s.reports.assignIncident(`r${i}`, `i${i}`);
    out.push(`i${i}`);
  }
  return out;
}

export function incidentContract(open: OpenStore) {
  const store = useStore(open);

  describe('create, get, update', () => {
    it('gives back an incident summarized from its totals, and the totals exactly', async () => {
      const s = store();
      const t = totals([
        { window: windowA, point: pointA },
        { window: windowB, point: { lat: 34.27, lon: 108.95 } },
      ]);
      await s.incidents.create('i_1', t, T0 + 7);
      expect(await s.incidents.get('i_1')).toStrictEqual({
        id: 'i_1',
        ...summaryOf(t),
        createdAt: T0 + 7,
        updatedAt: T0 + 7,
        officeId: null,
        kinds: [],
        confidence: null,
        independentSources: 0,
        radiusMeters: 0,
        lastActivity: T0 + 7,
        mergedInto: null,
      });
      expect(await s.incidents.totals('i_1')).toStrictEqual(t);
      expect((await s.incidents.get('i_1'))!.centroid!.lat).toBeCloseTo(34.26, 4);
    });

    it('has no centroid when no member has a point; unknown ids answer null', async () => {
      const s = store();
      await s.incidents.create('i_1', totals([{ window: windowA, point: null }]), T0);
      expect((await s.incidents.get('i_1'))!.centroid).toBeNull();
      expect(await s.incidents.get('i_none')).toBeNull();
      expect(await s.incidents.totals('i_none')).toBeNull();
    });

    it('updates totals and updatedAt, keeping createdAt', async () => {
      const s = store();
      await s.incidents.create('i_1', totals([{ window: windowA, point: null }]), T0);
      const t = totals([
        { window: windowA, point: null },
        { window: windowB, point: pointA },
      ]);
      await s.incidents.update('i_1', t, T0 + 60);
      expect(await s.incidents.totals('i_1')).toStrictEqual(t);
      const got = (await s.incidents.get('i_1'))!;
      expect([got.createdAt, got.updatedAt, got.reportCount, got.end]).toEqual([
        T0,
        T0 + 60,
        2,
        windowB.to,
      ]);
    });

    it('refuses a second incident with the same id', async () => {
      const s = store();
      await s.incidents.create('i_1', totals([{ window: windowA, point: null }]), T0);
      await refused(() =>
        s.incidents.create('i_1', totals([{ window: windowB, point: null }]), T0 + 1),
      );
      expect((await s.incidents.get('i_1'))!.start).toBe(windowA.from);
      expect(await s.incidents.count()).toBe(1);
    });

    it('assigns an incident to an office and back to none', async () => {
      const s = store();
      await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
      await s.incidents.create('i_1', totals([{ window: windowA, point: null }]), T0);
      await s.incidents.assignOffice('i_1', 'o_n');
      expect((await s.incidents.get('i_1'))!.officeId).toBe('o_n');
      await s.incidents.assignOffice('i_1', null);
      expect((await s.incidents.get('i_1'))!.officeId).toBeNull();
    });

    it('counts, walks in order of creation, and removes an incident no report names', async () => {
      const s = store();
      await s.incidents.create('i_b', totals([{ window: windowA, point: null }]), T0);
      await s.incidents.create('i_a', totals([{ window: windowA, point: null }]), T0);
      expect(await s.incidents.count()).toBe(2);
      expect((await collect(s.incidents.all())).map((i) => i.id)).toEqual(['i_b', 'i_a']);
      await s.incidents.remove('i_b');
      expect(await s.incidents.get('i_b')).toBeNull();
      expect(await s.incidents.count()).toBe(1);
    });

    it('walks every one of many incidents, each once (SQLite reads them 1,000 at a time)', async () => {
      const s = store();
      const all = Array.from({ length: 2001 }, (_, i) => `i${i}`);
      const t = totals([{ window: windowA, point: null }]);
      await s.transaction(async (tx) => {
        for (const id of all) await tx.incidents.create(id, t, T0);
      });
      expect((await collect(s.incidents.all())).map((i) => i.id)).toEqual(all);
      expect(await s.incidents.count()).toBe(2001);
    });

    it('refuses to remove an incident that reports still name', async () => {
      // Pinned: members must be moved or removed first (reports.incident_id is a foreign key).
      const s = store();
      await seedIncident(s);
      await refused(() => s.incidents.remove('i_1'));
      expect(await s.incidents.get('i_1')).not.toBeNull();
    });
  });

  describe('members and scope', () => {
    it("gives every normalized member's window and point, or those in a scope", async () => {
      const s = store();
      await seedIncident(s);
      const byStart = (m: { window: { from: number } }[]) =>
        [...m].sort((x, y) => x.window.from - y.window.from);
      expect(byStart(await s.incidents.members('i_1'))).toStrictEqual([
        { window: windowA, point: pointA },
        { window: windowB, point: null },
      ]);
      expect(await s.incidents.members('i_1', ANALYST)).toStrictEqual([
        { window: windowA, point: pointA },
      ]);
      expect(await s.incidents.members('i_1', office('o_n'))).toHaveLength(1);
      expect(await s.incidents.members('i_1', office('o_s'))).toEqual([]);
      expect(await s.incidents.members('i_1', NOBODY)).toEqual([]);
      expect(await s.incidents.members('i_none')).toEqual([]);
    });

    it('gives member ids oldest first, external ids when set, and a source per member', async () => {
      const s = store();
      await seedIncident(s);
      expect(await s.incidents.memberIds('i_1')).toStrictEqual({
        reportIds: ['b', 'a', 'c'],
        externalIds: ['ext-a', 'ext-c'],
        sources: ['report:b', 'p_a', 'report:c'],
      });
      expect(await s.incidents.memberIds('i_1', ANALYST)).toStrictEqual({
        reportIds: ['a', 'c'],
        externalIds: ['ext-a', 'ext-c'],
        sources: ['p_a', 'report:c'],
      });
      expect(await s.incidents.memberIds('i_1', office('o_n'))).toStrictEqual({
        reportIds: ['a'],
        externalIds: ['ext-a'],
        sources: ['p_a'],
      });
    });
  });

  describe('listNewest', () => {
    it.each([
      [4, 4, [4]],
      [4, 3, [3, 1]],
      [4, 5, [4]],
      [4, 2, [2, 2]],
      [0, 2, [0]],
    ])('pages %i incidents %i at a time as %j, newest first', async (n, limit, sizes) => {
      const s = store();
      const all = await seedSeries(s, n);
      const pages = await walk((after) => s.incidents.listNewest(limit, after));
      expect(pages.map((p) => p.length)).toEqual(sizes);
      expect(pages.flat().map((i) => i.id)).toEqual([...all].reverse());
    });

    it('gives a cursor holding the creation time of the last incident of the page', async () => {
      const s = store();
      await seedSeries(s, 3);
      const first = await s.incidents.listNewest(2);
      expect(first.next?.at).toBe(T0 + 2);
      const rest = await s.incidents.listNewest(2, first.next!);
      expect(rest.items.map((i) => i.id)).toEqual(['i1']);
    });

    it('lists only incidents with a member in the scope; every incident for all', async () => {
      const s = store();
      await seedIncident(s);
      await s.reports.insert(newReport({ id: 'x' }));
      await s.incidents.create('i_abuse', totals([{ window: windowA, point: null }]), T0 + 1);
      await s.reports.assignIncident('x', 'i_abuse');
      await s.reports.setQueue('x', 'abuse');
      await s.incidents.create('i_empty', totals([{ window: windowA, point: null }]), T0 + 2);
      const listed = async (scope?: MemberScope) =>
        (await s.incidents.listNewest(10, undefined, scope)).items.map((i) => i.id);
      expect(await listed()).toEqual(['i_empty', 'i_abuse', 'i_1']);
      expect(await listed(ANALYST)).toEqual(['i_1']);
      expect(await listed(office('o_n'))).toEqual(['i_1']);
      expect(await listed(office('o_s'))).toEqual([]);
      expect(await listed(NOBODY)).toEqual([]);
    });
  });
}
