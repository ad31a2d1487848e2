/**
 * How SQLite reads the filtered lists (EXPLAIN QUERY PLAN): each filter reads an index
 * kept in list order, so a page stops after the page (no SCAN of the reports, no
 * temporary B-tree to sort every row), and of two filters the one with fewer rows
 * leads. The figures at 100,000 reports are bench/diagnostics/list-filters.mjs's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlagCode } from '../../domain/flags.js';
import type { ReportFilter, IncidentFilter } from '../store.js';
import { tempDir } from '../../../test/helpers.js';
import { newReport, totals, T0 } from '../../../test/store-contract/fixtures.js';
import { createIncidentLists } from './incident-list.js';
import { createReportLists, LEAD_PROBE_ROWS } from './report-list.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

let store: SqliteStore;
let cleanup: () => void;

beforeEach(() => {
  const tmp = tempDir('tipwire-plans-');
  cleanup = tmp.cleanup;
  store = openSqliteStore(`${tmp.dir}/tipwire.db`);
});
afterEach(() => {
  store.close();
  cleanup();
});

const reportPlan = (filter: ReportFilter, after = false) =>
  createReportLists(store.db, 'seq, id').plan({
    filter,
    after: after ? { at: T0, seq: 10 } : undefined,
    match: undefined,
    limit: 51,
  });

/** Reads a page without visiting rows it does not list: every step a SEARCH or an ordered index. */
function expectIndexedPage(plan: string[]) {
  expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE|SCAN reports$|SCAN r$|SCAN i$|SCAN incidents$/);
}

describe('report lists', () => {
  it.each<[string, ReportFilter, RegExp]>([
    [
      'status',
      { status: 'new' },
      /SEARCH r USING (COVERING )?INDEX reports_status_newest \(status=\?/,
    ],
    [
      'category',
      { category: 'drone' },
      /SEARCH r USING (COVERING )?INDEX reports_category_newest \(category=\?/,
    ],
    ['flag', { flag: 'time.future' }, /SEARCH f USING PRIMARY KEY \(flag=\?/],
    [
      'office',
      { routedTo: 'o_1' },
      /SEARCH r USING (COVERING )?INDEX reports_office_newest \(office_id=\?/,
    ],
    [
      'no office',
      { routedTo: null },
      /(SCAN|SEARCH) r USING (COVERING )?INDEX reports_unrouted_newest/,
    ],
    [
      'queue',
      { queue: 'analyst' },
      /SEARCH r USING (COVERING )?INDEX reports_queue_newest \(queue=\?/,
    ],
  ])('reads one %s from its own index, in list order', (_, filter, expected) => {
    for (const after of [false, true]) {
      const { plan } = reportPlan({ ...filter, receivedSince: T0 - 1000 }, after);
      expect(plan.join(' | ')).toMatch(expected);
      expectIndexedPage(plan);
    }
  });

  it('reads the period and the cursor as a range of the index, with either bound', () => {
    const since = reportPlan({ status: 'new', receivedSince: T0 - 5 }, true).plan.join();
    // SQLite shows a row-value bound on a descending index as its first column's.
    expect(since).toMatch(/status=\? AND received_at>\? AND (received_at<\?|\(received_at,seq\)<)/);
    const until = reportPlan({ status: 'new', receivedUntil: T0 - 5 }, true).plan.join();
    expect(until).toMatch(/status=\? AND received_at<\?\)/);
    const flag = reportPlan({ flag: 'time.future', receivedUntil: T0 + 5 }, true).plan.join();
    expect(flag).toMatch(/flag=\? AND \(received_at,seq\)<\(\?,\?\)/);
  });

  it('leads by the filter with fewer rows, whichever it is', () => {
    // 1,200 drone reports in the analysts' queue, 3 of them flagged; then 3 fire reports
    // all flagged: the flag leads the first pair, the category the second.
    const many = LEAD_PROBE_ROWS + 200;
    const flagged: FlagCode[] = ['time.future'];
    store.transaction(() => {
      for (let i = 0; i < many; i++) {
        store.reports.insert(newReport({ id: `d${i}`, receivedAt: T0 + i, category: 'drone' }));
        if (i % 400 === 0) store.reports.replaceFlags(`d${i}`, ['time'], flagged);
        else store.reports.replaceFlags(`d${i}`, ['time'], ['time.zone_assumed']);
      }
      for (let i = 0; i < 3; i++) {
        store.reports.insert(newReport({ id: `f${i}`, receivedAt: T0 + i, category: 'fire' }));
        store.reports.replaceFlags(`f${i}`, ['time'], ['time.zone_assumed']);
      }
    });
    const scope = { queue: 'analyst' as const };
    expect(reportPlan({ ...scope, category: 'drone', flag: 'time.future' }).lead).toBe('flag');
    expect(reportPlan({ ...scope, category: 'fire', flag: 'time.zone_assumed' }).lead).toBe(
      'category',
    );
    expect(reportPlan({ ...scope, status: 'new', category: 'fire' }).lead).toBe('category');
    // Every candidate past its count cap: the first in order leads (a flag before a status).
    expect(reportPlan({ ...scope, status: 'new', flag: 'time.zone_assumed' }).lead).toBe('flag');
    const listed = store.reports.listNewest(10, undefined, {
      ...scope,
      category: 'drone',
      flag: 'time.future',
    });
    expect(listed.items.map((r) => r.id)).toEqual(['d800', 'd400', 'd0']);
  });

  it('answers a filter that no report matches without reading the others', () => {
    store.transaction(() => {
      for (let i = 0; i < 50; i++)
        store.reports.insert(newReport({ id: `d${i}`, category: 'drone' }));
    });
    expect(store.reports.listNewest(10, undefined, { queue: 'analyst', category: 'fire' })).toEqual(
      {
        items: [],
        next: null,
      },
    );
  });
});

describe('incident lists', () => {
  const lists = () =>
    createIncidentLists(
      store.db,
      `(@all = 1 OR (@analyst = 1 AND r.queue = 'analyst')
      OR (@office IS NOT NULL AND r.office_id = @office))`,
    );
  const EVERYONE = { all: 1, analyst: 0, office: null };
  const plan = (f: IncidentFilter, paged = false) =>
    lists().plan(f, paged ? { key: T0, seq: 5 } : null, EVERYONE, 51);
  const estimate = (kind: 'drone' | 'fire') => ({
    kinds: [kind],
    preciseCount: 0,
    weight: 0,
    wx: 0,
    wy: 0,
    wz: 0,
    latestStart: 0,
    earliestEnd: 0,
    handSpreadMeters: 0,
  });
  /** `n` incidents, the first `drones` of kind drone and the rest fire, the last `north` routed. */
  function incidents(n: number, drones: number, north = 0) {
    store.offices.insert({ id: 'o_1', name: 'North', createdAt: T0 });
    const window = { from: T0, to: T0 + 1 };
    store.transaction(() => {
      for (let i = 0; i < n; i++) {
        const id = `i_${i}`;
        store.incidents.create(id, totals([{ window, point: null }]), T0 + i);
        store.incidents.saveEstimate(id, estimate(i < drones ? 'drone' : 'fire'), null, T0 + i);
        if (i >= n - north) store.incidents.assignOffice(id, 'o_1');
      }
    });
  }

  it.each(['lastActivity', 'confidence'] as const)(
    'reads the list by %s from an index of its order or of its office, or the rows of a rare kind',
    (sort) => {
      incidents(10, 3);
      const order = sort === 'confidence' ? 'incidents_confidence' : 'incidents_activity';
      for (const paged of [false, true]) {
        const none = plan({ sort }, paged).plan;
        expect(none.join()).toMatch(new RegExp(`INDEX ${order}`));
        expectIndexedPage(none);
        for (const routedTo of ['o_1', null]) {
          const office = plan({ sort, routedTo }, paged);
          expect(office.plan.join()).toMatch(
            new RegExp(
              `INDEX ${order.replace('incidents_', 'incidents_office_')} \\(office_id=\\?`,
            ),
          );
          expectIndexedPage(office.plan);
        }
        // A kind fewer than LEAD_PROBE_ROWS incidents have: its rows, then sorted (so few).
        const kind = plan({ sort, kind: 'fire' }, paged);
        expect(kind.lead).toBe('kind');
        expect(kind.plan.join()).toMatch(
          /SEARCH k USING (COVERING INDEX \w+|PRIMARY KEY) \(kind=\?/,
        );
      }
    },
  );

  it('leads a common kind by the order, checking each incident’s kinds by its key', () => {
    incidents(LEAD_PROBE_ROWS + 5, 3);
    const common = plan({ sort: 'lastActivity', kind: 'fire' });
    expect(common.lead).toBe('order');
    expect(common.plan.join(' | ')).toMatch(
      /INDEX incidents_activity.*SEARCH k EXISTS USING (PRIMARY KEY|COVERING INDEX \w+) \((kind=\? AND seq=\?|seq=\? AND kind=\?)\)/,
    );
    expectIndexedPage(common.plan);
    expect(plan({ sort: 'lastActivity', kind: 'drone' }).lead).toBe('kind');
    const rows = lists().rows({ sort: 'lastActivity', kind: 'fire' }, null, EVERYONE, 2) as {
      id: string;
    }[];
    expect(rows.map((r) => r.id)).toEqual([`i_${LEAD_PROBE_ROWS + 4}`, `i_${LEAD_PROBE_ROWS + 3}`]);
  });

  it('leads by the kind or the office with fewer incidents, and answers nothing when one has none', () => {
    incidents(30, 3, 5);
    expect(plan({ sort: 'lastActivity', kind: 'drone', routedTo: null }).lead).toBe('kind');
    expect(plan({ sort: 'lastActivity', kind: 'fire', routedTo: 'o_1' }).lead).toBe('office');
    expect(plan({ sort: 'lastActivity', kind: 'gunfire', routedTo: 'o_1' }).lead).toBe('empty');
    expect(plan({ sort: 'lastActivity', kind: 'drone', routedTo: 'o_2' }).lead).toBe('empty');
    const rows = lists().rows(
      { sort: 'lastActivity', kind: 'fire', routedTo: 'o_1' },
      null,
      EVERYONE,
      10,
    );
    expect((rows as { id: string }[]).map((r) => r.id)).toEqual([
      'i_29',
      'i_28',
      'i_27',
      'i_26',
      'i_25',
    ]);
  });
});
