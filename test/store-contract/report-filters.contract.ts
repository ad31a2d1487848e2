/**
 * The report lists' filters (status, category, flag, the office a case is routed to,
 * the time it was received) through the asynchronous port: each at its edge and one
 * step either side, the flags following every change of a report's flags, filters
 * combined with the viewer's scope and a search, and pages under a filter with no
 * repeat and no gap, also when reports arrive between pages. A store may lead a list
 * by any index it likes: every combination is checked against the same answer
 * worked out here by hand, page after page.
 */
import { describe, expect, it } from 'vitest';
import type { FlagCode } from '../../src/domain/flags.js';
import type { CaseStatus } from '../../src/domain/report.js';
import type { AsyncStore } from '../../src/store/port.js';
import type { ReportFilter } from '../../src/store/store.js';
import { blind, newReport, normalization, T0 } from './fixtures.js';
import { useStore, walk, type OpenStore } from './harness.js';

const ids = (reports: { id: string }[]) => reports.map((r) => r.id);

/** Every id a filter lists, walking pages of `limit`. */
async function listed(s: AsyncStore, filter: ReportFilter, limit = 2): Promise<string[]> {
  return (await walk((after) => s.reports.listNewest(limit, after, filter)))
    .flat()
    .map((r) => r.id);
}

async function offices(s: AsyncStore) {
  await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
  await s.offices.insert({ id: 'o_s', name: 'South', createdAt: T0 });
}

/** Sets a report's flags of the `time` family (as normalize does). */
const flag = (s: AsyncStore, id: string, ...flags: FlagCode[]) =>
  s.reports.replaceFlags(id, ['time'], flags);

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function reportFilterContract(open: OpenStore) {
  const store = useStore(open);

  describe('each filter at its edges', () => {
    it('keeps one status', async () => {
      const s = store();
      for (const id of ['a', 'b', 'c']) await s.reports.insert(newReport({ id }));
      await s.reports.setStatus('b', 'in_review', T0 + 1);
      await s.reports.setStatus('c', 'closed', T0 + 1);
      expect(await listed(s, { status: 'in_review' })).toEqual(['b']);
      expect(await listed(s, { status: 'new' })).toEqual(['a']);
      expect(await listed(s, { status: 'unfounded' })).toEqual([]);
      await s.reports.setStatus('b', 'new', T0 + 2);
      expect(await listed(s, { status: 'new' })).toEqual(['b', 'a']);
    });

    it('keeps one category exactly: not another case, spacing, or no category', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'a', category: 'drone' }));
      await s.reports.insert(newReport({ id: 'b', category: 'Drone' }));
      await s.reports.insert(newReport({ id: 'c', category: 'drone sighting' }));
      await s.reports.insert(newReport({ id: 'd', category: null }));
      await s.reports.insert(newReport({ id: 'e', category: '无人机' }));
      expect(await listed(s, { category: 'drone' })).toEqual(['a']);
      expect(await listed(s, { category: 'Drone' })).toEqual(['b']);
      expect(await listed(s, { category: 'dron' })).toEqual([]);
      expect(await listed(s, { category: '无人机' })).toEqual(['e']);
      await s.reports.setCategory('d', 'drone');
      await s.reports.setCategory('a', null);
      expect(await listed(s, { category: 'drone' })).toEqual(['d']);
    });

    it('keeps the reports carrying one flag, following every change of their flags', async () => {
      const s = store();
      for (const id of ['a', 'b', 'c']) await s.reports.insert(newReport({ id }));
      await flag(s, 'a', 'time.zone_unknown', 'time.future');
      await flag(s, 'b', 'time.zone_assumed');
      expect(await listed(s, { flag: 'time.zone_unknown' })).toEqual(['a']);
      expect(await listed(s, { flag: 'time.future' })).toEqual(['a']);
      expect(await listed(s, { flag: 'time.unparsed' })).toEqual([]);
      // Flags replaced by normalize, kept by another family's writer, cleared by a new version.
      await flag(s, 'a', 'time.future');
      expect(await listed(s, { flag: 'time.zone_unknown' })).toEqual([]);
      await s.reports.replaceFlags('b', ['abuse'], ['abuse.repeat_dialer']);
      expect(await listed(s, { flag: 'time.zone_assumed' })).toEqual(['b']);
      expect(await listed(s, { flag: 'abuse.repeat_dialer' })).toEqual(['b']);
      const window = { from: T0, to: T0 + 60_000 };
      await s.reports.saveNormalization('c', normalization(window, null), window, null);
      await s.reports.replaceFlags('c', ['time'], ['time.future']);
      expect(await listed(s, { flag: 'time.future' })).toEqual(['c', 'a']);
      await s.reports.remove('a');
      expect(await listed(s, { flag: 'time.future' })).toEqual(['c']);
    });

    it('drops the content flags of a report replaced by a new version, keeping the caller’s', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'a', sender: 'import', externalId: 'x' }));
      await flag(s, 'a', 'time.future');
      await s.reports.replaceFlags('a', ['abuse'], ['abuse.repeat_dialer']);
      await s.reports.replaceContent(
        newReport({ id: 'a', sender: 'import', externalId: 'x', category: 'fire' }),
        { from: 1, at: T0 + 1, by: 'import' },
      );
      expect(await listed(s, { flag: 'time.future' })).toEqual([]);
      expect(await listed(s, { flag: 'abuse.repeat_dialer' })).toEqual(['a']);
      expect(await listed(s, { category: 'fire' })).toEqual(['a']);
    });

    it('keeps the cases routed to one office, or to none', async () => {
      const s = store();
      await offices(s);
      for (const id of ['a', 'b', 'c']) await s.reports.insert(newReport({ id }));
      await s.reports.assignOffice('a', 'o_n');
      await s.reports.assignOffice('b', 'o_s');
      expect(await listed(s, { routedTo: 'o_n' })).toEqual(['a']);
      expect(await listed(s, { routedTo: 'o_s' })).toEqual(['b']);
      expect(await listed(s, { routedTo: null })).toEqual(['c']);
      expect(await listed(s, { routedTo: 'o_x' })).toEqual([]);
      await s.reports.assignOffice('a', null);
      expect(await listed(s, { routedTo: null })).toEqual(['c', 'a']);
      expect(await listed(s, { routedTo: 'o_n' })).toEqual([]);
    });

    it('keeps the reports received since a time (included) and until one (left out), to the ms', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'before', receivedAt: T0 - 1 }));
      await s.reports.insert(newReport({ id: 'at', receivedAt: T0 }));
      await s.reports.insert(newReport({ id: 'after', receivedAt: T0 + 1 }));
      expect(await listed(s, { receivedSince: T0 })).toEqual(['after', 'at']);
      expect(await listed(s, { receivedSince: T0 + 1 })).toEqual(['after']);
      expect(await listed(s, { receivedSince: T0 - 1 })).toEqual(['after', 'at', 'before']);
      expect(await listed(s, { receivedUntil: T0 })).toEqual(['before']);
      expect(await listed(s, { receivedUntil: T0 + 1 })).toEqual(['at', 'before']);
      expect(await listed(s, { receivedUntil: T0 - 1 })).toEqual([]);
      expect(await listed(s, { receivedSince: T0, receivedUntil: T0 + 1 })).toEqual(['at']);
      expect(await listed(s, { receivedSince: T0, receivedUntil: T0 })).toEqual([]);
      expect(await listed(s, { receivedSince: T0 + 2 })).toEqual([]);
    });
  });

  describe('combined, scoped and paged', () => {
    it('holds every filter at once, inside the scope and a search', async () => {
      const s = store();
      await offices(s);
      const tokens = [blind('fence')];
      await s.reports.insert(
        newReport({ id: 'hit', receivedAt: T0 + 5, category: 'theft', searchTokens: tokens }),
      );
      await s.reports.insert(
        newReport({ id: 'abuse', receivedAt: T0 + 6, category: 'theft', searchTokens: tokens }),
      );
      await s.reports.insert(
        newReport({ id: 'office', receivedAt: T0 + 7, category: 'theft', searchTokens: tokens }),
      );
      await s.reports.insert(
        newReport({ id: 'fire', receivedAt: T0 + 8, category: 'fire', searchTokens: tokens }),
      );
      await s.reports.insert(
        newReport({ id: 'old', receivedAt: T0 - 5, category: 'theft', searchTokens: tokens }),
      );
      await s.reports.insert(newReport({ id: 'words', receivedAt: T0 + 9, category: 'theft' }));
      for (const id of ['hit', 'abuse', 'office', 'fire', 'old', 'words']) {
        await flag(s, id, 'time.zone_assumed');
      }
      await s.reports.setQueue('abuse', 'abuse');
      await s.reports.assignOffice('office', 'o_n');
      const filter: ReportFilter = {
        queue: 'analyst',
        status: 'new',
        category: 'theft',
        flag: 'time.zone_assumed',
        routedTo: null,
        receivedSince: T0,
      };
      expect(await listed(s, filter)).toEqual(['words', 'hit']);
      expect(ids((await s.reports.search(tokens, 10, undefined, filter)).items)).toEqual(['hit']);
      // An office's scope and another office asked for: nothing, never the other's.
      expect(await listed(s, { officeId: 'o_s', routedTo: 'o_n' })).toEqual([]);
      expect(await listed(s, { officeId: 'o_n', routedTo: 'o_n' })).toEqual(['office']);
      expect(await listed(s, { officeId: 'o_n', routedTo: null })).toEqual([]);
    });

    it.each<[string, ReportFilter]>([
      ['a flag', { flag: 'time.zone_assumed' }],
      ['a category', { category: 'drone' }],
      ['a status', { status: 'in_review' }],
      ['an office', { routedTo: 'o_n' }],
      ['no office', { routedTo: null }],
      ['a period', { receivedSince: T0 + 3, receivedUntil: T0 + 17 }],
      ['all of them', { flag: 'time.zone_assumed', category: 'drone', receivedUntil: T0 + 17 }],
    ])(
      'pages %s through equal arrival times, without repeat or gap, at every page size',
      async (_, filter) => {
        const s = store();
        await offices(s);
        const expected: string[] = [];
        // Twenty reports, two by two at the same time; the odd ones match every filter.
        for (let i = 1; i <= 20; i++) {
          const id = `r${String(i).padStart(2, '0')}`;
          const odd = i % 2 === 1;
          await s.reports.insert(
            newReport({
              id,
              receivedAt: T0 + Math.ceil(i / 2) * 2,
              category: odd ? 'drone' : 'fire',
            }),
          );
          await flag(s, id, odd ? 'time.zone_assumed' : 'time.future');
          await s.reports.setStatus(id, odd ? 'in_review' : 'closed', T0);
          await s.reports.assignOffice(id, odd ? 'o_n' : null);
          if (filter.routedTo === null) await s.reports.assignOffice(id, odd ? null : 'o_s');
          const at = T0 + Math.ceil(i / 2) * 2;
          const inPeriod =
            (filter.receivedSince === undefined || at >= filter.receivedSince) &&
            (filter.receivedUntil === undefined || at < filter.receivedUntil);
          if ((odd || filter.receivedSince !== undefined) && inPeriod) expected.unshift(id);
        }
        expect(expected.length).toBeGreaterThan(3);
        for (const limit of [1, 2, 3, expected.length - 1, expected.length, expected.length + 1]) {
          expect(await listed(s, filter, limit)).toEqual(expected);
        }
      },
    );

    it('takes the tighter of a cursor and `receivedUntil`, whichever it is', async () => {
      const s = store();
      for (const [id, at] of [
        ['a', T0 + 1],
        ['b', T0 + 2],
        ['c', T0 + 2],
        ['d', T0 + 3],
      ] as const) {
        await s.reports.insert(newReport({ id, receivedAt: at }));
      }
      // A cursor from the list without a period: after d, c (at T0 + 2).
      const cursor = (await s.reports.listNewest(2)).next!;
      expect(cursor.at).toBe(T0 + 2);
      const after = async (filter: ReportFilter) =>
        ids((await s.reports.listNewest(10, cursor, filter)).items);
      expect(await after({ receivedUntil: T0 + 2 })).toEqual(['a']);
      expect(await after({ receivedUntil: T0 + 3 })).toEqual(['b', 'a']);
      expect(await after({ receivedUntil: T0 + 1 })).toEqual([]);
      expect(await after({ receivedSince: T0 + 2 })).toEqual(['b']);
    });

    it('neither repeats nor skips a report when reports arrive or change between pages', async () => {
      const s = store();
      for (let i = 1; i <= 6; i++) {
        await s.reports.insert(newReport({ id: `r${i}`, receivedAt: T0 + i, category: 'drone' }));
      }
      const filter: ReportFilter = { category: 'drone' };
      const first = await s.reports.listNewest(2, undefined, filter);
      expect(ids(first.items)).toEqual(['r6', 'r5']);
      // Newer and older matching reports arrive, one at the cursor's very time; one listed
      // already and one not yet change so that they no longer match.
      await s.reports.insert(newReport({ id: 'new', receivedAt: T0 + 7, category: 'drone' }));
      await s.reports.insert(newReport({ id: 'tie', receivedAt: T0 + 5, category: 'drone' }));
      await s.reports.insert(newReport({ id: 'late', receivedAt: T0 + 2, category: 'drone' }));
      await s.reports.setCategory('r6', 'fire');
      await s.reports.setCategory('r3', 'fire');
      const rest = await walk((after) => s.reports.listNewest(2, after ?? first.next!, filter));
      // `tie` came after r5 (a higher seq at the same time): it sorts above the cursor.
      expect(rest.flat().map((r) => r.id)).toEqual(['r4', 'late', 'r2', 'r1']);
    });

    it('answers every combination like a filter over all the rows, page by page', async () => {
      const s = store();
      await offices(s);
      const next = random(11);
      const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
      const STATUSES: CaseStatus[] = ['new', 'in_review', 'closed'];
      const CATEGORIES = ['drone', 'fire', null];
      const FLAGS: FlagCode[] = ['time.zone_assumed', 'time.future', 'time.unparsed'];
      const OFFICES = ['o_n', 'o_s', null];
      const rows: {
        id: string;
        receivedAt: number;
        status: CaseStatus;
        category: string | null;
        flags: FlagCode[];
        officeId: string | null;
        queue: 'analyst' | 'abuse';
      }[] = [];
      for (let i = 0; i < 60; i++) {
        const row = {
          id: `r${String(i).padStart(2, '0')}`,
          receivedAt: T0 + Math.floor(next() * 20),
          status: pick(STATUSES),
          category: pick(CATEGORIES),
          // Rare flags and common ones, so that different indexes lead.
          flags: FLAGS.filter((_, k) => next() < [0.1, 0.5, 0.9][k]!),
          officeId: pick(OFFICES),
          queue: next() < 0.2 ? ('abuse' as const) : ('analyst' as const),
        };
        rows.push(row);
        await s.reports.insert(
          newReport({ id: row.id, receivedAt: row.receivedAt, category: row.category }),
        );
        await s.reports.setStatus(row.id, row.status, T0);
        await flag(s, row.id, ...row.flags);
        if (row.officeId) await s.reports.assignOffice(row.id, row.officeId);
        if (row.queue === 'abuse') await s.reports.setQueue(row.id, 'abuse');
      }
      const order = [...rows].reverse().sort((a, b) => b.receivedAt - a.receivedAt);
      const expectedFor = (f: ReportFilter) =>
        order
          .filter(
            (r) =>
              (f.queue === undefined || r.queue === f.queue) &&
              (f.officeId === undefined || r.officeId === f.officeId) &&
              (f.status === undefined || r.status === f.status) &&
              (f.category === undefined || r.category === f.category) &&
              (f.flag === undefined || r.flags.includes(f.flag)) &&
              (f.routedTo === undefined || r.officeId === f.routedTo) &&
              (f.receivedSince === undefined || r.receivedAt >= f.receivedSince) &&
              (f.receivedUntil === undefined || r.receivedAt < f.receivedUntil),
          )
          .map((r) => r.id);
      for (let n = 0; n < 40; n++) {
        const filter: ReportFilter = {};
        if (next() < 0.5) filter.queue = pick(['analyst', 'abuse'] as const);
        if (next() < 0.4) filter.status = pick(STATUSES);
        if (next() < 0.4) filter.category = pick(['drone', 'fire']);
        if (next() < 0.5) filter.flag = pick(FLAGS);
        if (next() < 0.4) filter.routedTo = pick(OFFICES);
        if (next() < 0.2) filter.officeId = pick(['o_n', 'o_s']);
        if (next() < 0.3) filter.receivedSince = T0 + Math.floor(next() * 20);
        if (next() < 0.3) filter.receivedUntil = T0 + Math.floor(next() * 20);
        const limit = 1 + Math.floor(next() * 7);
        expect([n, await listed(s, filter, limit)]).toEqual([n, expectedFor(filter)]);
      }
    });
  });
}
