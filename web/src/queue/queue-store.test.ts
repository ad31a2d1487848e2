import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.js';
import { listOf } from './rows.js';
import {
  createQueueStore,
  incidentsPath,
  liveAction,
  reportsPath,
  type Call,
  type Queue,
} from './queue-store.js';
import { NO_INCIDENT_FILTER, NO_OFFICE, NO_REPORT_FILTER } from './filters.js';
import type { IncidentView, LiveReport, ReportView } from './types.js';

/** A report as the API answers it; only what the store looks at matters (r5 is newer than r4). */
function makeReport(id: string, overrides: Partial<ReportView> = {}): ReportView {
  const n = Number(/\d+$/.exec(id)?.[0] ?? 0);
  return {
    id,
    receivedAt: new Date(Date.UTC(2026, 10, 20, 10, n)).toISOString(),
    queue: 'analyst',
    narrative: `narrative of ${id}`,
    status: 'new',
    ...overrides,
  } as ReportView;
}

function makeIncident(id: string, overrides: Partial<IncidentView> = {}): IncidentView {
  return { id, reportCount: 1, confidence: 0.5, mergedInto: null, ...overrides } as IncidentView;
}

const liveReport = (id: string, queue = 'analyst'): LiveReport =>
  ({ id, queue, channel: 'web', flags: [], incidentId: null }) as unknown as LiveReport;

const event = (type: string, payload: unknown, lastEventId = '1') => ({
  type,
  data: JSON.stringify(payload),
  lastEventId,
});

/**
 * A fake API: `routes` maps a path (or its start, before `?`) to an answer; each call
 * is recorded. An answer may be a function (for answers that change) or an error.
 */
function fakeApi(routes: Record<string, unknown>) {
  const calls: string[] = [];
  const call: Call = async <T>(path: string) => {
    calls.push(path);
    const answer = routes[path] ?? routes[path.split('?')[0]!];
    const value = typeof answer === 'function' ? (answer as (p: string) => unknown)(path) : answer;
    if (value instanceof Error) throw value;
    if (value === undefined) throw new ApiError(404, 'not_found', 'no such thing');
    return value as T;
  };
  return { call, calls };
}

const page = <T>(items: T[], nextCursor: string | null = null) => ({ items, nextCursor });
const ids = (store: ReturnType<typeof createQueueStore>) =>
  listOf(store.getState().reports.rows).map((r) => r.id);

function storeWith(routes: Record<string, unknown>, initialQueue: Queue | null = null) {
  const api = fakeApi({ incidents: page([]), ...routes });
  return { store: createQueueStore({ call: api.call, initialQueue }), calls: api.calls };
}

describe('the queue store: pages', () => {
  it('shows the first page, and merging it again duplicates nothing', async () => {
    const { store } = storeWith({ reports: page([makeReport('r2'), makeReport('r1')]) });
    await store.loadFirstPages();
    expect(ids(store)).toEqual(['r2', 'r1']);
    await store.loadFirstPages();
    expect(ids(store)).toEqual(['r2', 'r1']);
    expect(store.getState().reports.loaded).toBe(true);
  });

  it('loads more by cursor without duplicates, and keeps the cursor when the first page is read again', async () => {
    const first = page([makeReport('r4'), makeReport('r3')], 'c1');
    const { store, calls } = storeWith({
      reports: (path: string) =>
        path.includes('cursor=c1')
          ? page([makeReport('r3'), makeReport('r2')], 'c2')
          : path.includes('cursor=c2')
            ? page([makeReport('r1')], null)
            : first,
    });
    await store.loadFirstPages();
    await store.loadMore('reports');
    expect(ids(store)).toEqual(['r4', 'r3', 'r2']);
    expect(store.getState().reports.cursor).toBe('c2');
    // A reconnect reads the first page again: the cursor of the pages already seen stays.
    first.items.unshift(makeReport('r5'));
    await store.loadFirstPages();
    expect(store.getState().reports.cursor).toBe('c2');
    await store.loadMore('reports');
    expect(ids(store)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    expect(store.getState().reports.cursor).toBeNull();
    await store.loadMore('reports'); // nothing more: no call
    expect(calls.filter((c) => c.startsWith('reports?'))).toHaveLength(4);
  });

  it('keeps a live report that came before the first page above it, older rows below', async () => {
    const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const { store } = storeWith({
      reports: page([
        makeReport('r3', { receivedAt: at(3) }),
        makeReport('r2', { receivedAt: at(2) }),
      ]),
      'reports/r9': new Promise(() => {}), // still being read
    });
    store.onStreamEvent(
      event('report.processed', { report: { ...liveReport('r9'), receivedAt: at(9) } }),
    );
    await store.loadFirstPages();
    expect(ids(store)).toEqual(['r9', 'r3', 'r2']);
  });

  it('asks the server for the search and the queue, and drops answers for an older ask', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { store, calls } = storeWith({
      reports: async (path: string) => {
        if (path.includes('q=slow')) await slow;
        return page([makeReport(path.includes('q=slow') ? 'slow' : 'fast')]);
      },
    });
    store.setReportsQuery({ q: 'slow' });
    store.setReportsQuery({ q: 'fast', queue: 'abuse' });
    await new Promise((r) => setTimeout(r, 0));
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(ids(store)).toEqual(['fast']);
    expect(calls).toContain('reports?limit=50&q=fast&queue=abuse');
  });

  it('builds the incidents query the API reads', () => {
    const incidents = { sort: 'confidence', minConfidence: 0.7, from: null } as const;
    expect(incidentsPath({ ...incidents, filter: NO_INCIDENT_FILTER }, 'c')).toBe(
      'incidents?limit=50&sort=confidence&minConfidence=0.7&cursor=c',
    );
    expect(
      incidentsPath({ ...incidents, filter: { kind: 'drone', office: NO_OFFICE } }, null),
    ).toBe('incidents?limit=50&sort=confidence&minConfidence=0.7&kind=drone&office=none');
    expect(reportsPath({ q: 'van & car', queue: null, filter: NO_REPORT_FILTER }, null)).toBe(
      'reports?limit=50&q=van+%26+car',
    );
  });

  it('sends every filter set, by the names the API reads, and none unset', () => {
    const filter = {
      status: 'in_review',
      category: 'drone & <b>',
      flag: 'time.zone_unknown',
      office: NO_OFFICE,
      since: '2026-11-20T10:00:00.000Z',
      until: '2026-11-21T10:00:00.000Z',
    };
    const path = reportsPath({ q: '', queue: 'analyst', filter }, 'c');
    expect(Object.fromEntries(new URLSearchParams(path.split('?')[1]))).toEqual({
      limit: '50',
      queue: 'analyst',
      ...filter,
      cursor: 'c',
    });
    expect(
      reportsPath({ q: '', queue: null, filter: { ...NO_REPORT_FILTER, flag: 'x' } }, null),
    ).toBe('reports?limit=50&flag=x');
  });
});

describe('the queue store: filters', () => {
  const drone = { ...NO_REPORT_FILTER, category: 'drone' };

  it('reads the list again from its first page when a filter changes, and not when it does not', async () => {
    const { store, calls } = storeWith({
      reports: (path: string) =>
        path.includes('category=drone')
          ? page([makeReport('r9', { category: 'drone' })], 'c9')
          : page([makeReport('r2'), makeReport('r1')], 'c2'),
    });
    await store.loadFirstPages();
    await store.loadMore('reports');
    expect(calls.at(-1)).toBe('reports?limit=50&cursor=c2');
    store.setReportsQuery({ filter: drone });
    expect(ids(store)).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.at(-1)).toBe('reports?limit=50&category=drone');
    expect(ids(store)).toEqual(['r9']);
    expect(store.getState().reports.cursor).toBe('c9');
    const before = calls.length;
    store.setReportsQuery({ filter: { ...drone } });
    expect(calls).toHaveLength(before);
    await store.loadMore('reports');
    expect(calls.at(-1)).toBe('reports?limit=50&category=drone&cursor=c9');
    store.setReportsQuery({ filter: NO_REPORT_FILTER });
    await new Promise((r) => setTimeout(r, 0));
    expect(ids(store)).toEqual(['r2', 'r1']);
  });

  it('shows a live report only if it matches the filter, and reads none that cannot', async () => {
    const { store, calls } = storeWith({
      reports: page([]),
      'reports/r2': makeReport('r2', { category: 'drone' }),
    });
    store.setReportsQuery({ filter: drone });
    await new Promise((r) => setTimeout(r, 0));
    const live = (id: string, category: string) =>
      ({ ...liveReport(id), category, receivedAt: '2026-11-20T10:00:00.000Z' }) as LiveReport;
    store.onStreamEvent(event('report.processed', { report: live('r1', 'fire') }));
    store.onStreamEvent(event('report.processed', { report: live('r2', 'drone') }));
    expect(ids(store)).toEqual(['r2']);
    await store.settled();
    expect(ids(store)).toEqual(['r2']);
    expect(calls.filter((c) => c.startsWith('reports/'))).toEqual(['reports/r2']);
  });

  it('reads a live report whose event cannot say (its status), and shows it only if it matches', async () => {
    const { store, calls } = storeWith({
      reports: page([]),
      'reports/r1': makeReport('r1', { status: 'closed' }),
      'reports/r2': makeReport('r2', { status: 'in_review' }),
    });
    store.setReportsQuery({ filter: { ...NO_REPORT_FILTER, status: 'in_review' } });
    await new Promise((r) => setTimeout(r, 0));
    store.onStreamEvent(event('report.processed', { report: liveReport('r1') }));
    store.onStreamEvent(event('report.processed', { report: liveReport('r2') }));
    expect(ids(store)).toEqual([]);
    await store.settled();
    expect(calls.filter((c) => c.startsWith('reports/'))).toEqual(['reports/r1', 'reports/r2']);
    expect(ids(store)).toEqual(['r2']);
  });

  it('places a live incident only if it matches the kind and office asked for', async () => {
    const { store } = storeWith({
      reports: page([]),
      incidents: page([]),
      'incidents/i1': makeIncident('i1', { kinds: ['fire'], officeId: null }),
      'incidents/i2': makeIncident('i2', { kinds: ['drone'], officeId: null }),
      'incidents/i3': makeIncident('i3', { kinds: ['drone'], officeId: 'o_1' }),
    });
    store.setIncidentsQuery({ filter: { kind: 'drone', office: NO_OFFICE } });
    await new Promise((r) => setTimeout(r, 0));
    const order = () => listOf(store.getState().incidents.rows).map((i) => i.id);
    for (const [id, kinds] of [
      ['i1', ['fire']],
      ['i2', ['drone']],
      ['i3', ['drone']],
    ] as const) {
      store.onStreamEvent(
        event('incident.updated', {
          incident: { id, kinds, reportCount: 1, mergedInto: null },
          change: 'joined',
        }),
      );
    }
    // The event names no office: each is read, and its full view decides.
    expect(order()).toEqual([]);
    await store.settled();
    expect(order()).toEqual(['i2']);
  });
});

describe('the queue store: live events', () => {
  it('shows a new report from its event at once, then the full report, on top', async () => {
    const { store } = storeWith({
      reports: page([makeReport('r1')]),
      'reports/r2': makeReport('r2', { narrative: 'full text' }),
    });
    await store.loadFirstPages();
    store.onStreamEvent(event('report.processed', { report: liveReport('r2'), incident: null }));
    const shown = store.getState().reports.rows.byId.get('r2');
    expect(shown?.full).toBeNull();
    expect(ids(store)).toEqual(['r2', 'r1']);
    await store.settled();
    expect(store.getState().reports.rows.byId.get('r2')?.full?.narrative).toBe('full text');
    expect(ids(store)).toEqual(['r2', 'r1']);
  });

  it('updates a known report where it is', async () => {
    const { store } = storeWith({
      reports: page([makeReport('r2'), makeReport('r1')]),
      'reports/r1': makeReport('r1', { status: 'closed' }),
    });
    await store.loadFirstPages();
    store.onStreamEvent(event('report.updated', { report: liveReport('r1'), incident: null }));
    await store.settled();
    expect(ids(store)).toEqual(['r2', 'r1']);
    expect(store.getState().reports.rows.byId.get('r1')?.full?.status).toBe('closed');
  });

  it('adds no new report while a search is shown, nor one of another queue', async () => {
    const { store, calls } = storeWith({ reports: page([]) }, 'analyst');
    await store.loadFirstPages();
    store.onStreamEvent(event('report.processed', { report: liveReport('a', 'abuse') }));
    store.setReportsQuery({ q: 'kayak' });
    store.onStreamEvent(event('report.processed', { report: liveReport('b') }));
    await store.settled();
    expect(ids(store)).toEqual([]);
    expect(calls.some((c) => c.startsWith('reports/'))).toBe(false);
  });

  it('marks a report it cannot read, and says why', async () => {
    const { store } = storeWith({ reports: page([]) });
    await store.loadFirstPages();
    store.onStreamEvent(event('report.processed', { report: liveReport('gone') }));
    await store.settled();
    expect(store.getState().reports.rows.byId.get('gone')?.failed).toBe(true);
    expect(store.getState().notice).toEqual({
      action: 'update',
      status: 404,
      message: 'no such thing',
    });
  });

  it('says nothing of a 401: the sign-in gate takes over', async () => {
    const { store } = storeWith({ reports: new ApiError(401, 'unauthorized', 'no session') });
    await store.loadFirstPages();
    expect(store.getState().notice).toBeNull();
  });

  it('places incidents by their order, and drops a merged one', async () => {
    const { store } = storeWith({
      reports: page([]),
      incidents: page([makeIncident('i1', { confidence: 0.9 }), makeIncident('i2')]),
      'incidents/i3': makeIncident('i3', { confidence: 0.7, reportCount: 2 }),
    });
    store.setIncidentsQuery({ sort: 'confidence' });
    await new Promise((r) => setTimeout(r, 0));
    const order = () => listOf(store.getState().incidents.rows).map((i) => i.id);
    expect(order()).toEqual(['i1', 'i2']);
    store.onStreamEvent(
      event('incident.updated', {
        incident: { id: 'i3', reportCount: 2, confidence: 0.7, mergedInto: null },
        change: 'joined',
      }),
    );
    expect(order()).toEqual(['i1', 'i3', 'i2']);
    await store.settled();
    expect(store.getState().incidents.rows.byId.get('i3')?.reportCount).toBe(2);
    store.onStreamEvent(
      event('incident.updated', { incident: { id: 'i2', mergedInto: 'i1' }, change: 'merged' }),
    );
    expect(order()).toEqual(['i1', 'i3']);
  });

  it('reads the lists again on a stream reset, and when a stream opens without replay', async () => {
    const { store, calls } = storeWith({ reports: page([]) });
    store.onStreamOpen(false);
    store.onStreamOpen(true);
    store.onStreamEvent(event('stream.reset', { reason: 'gone' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter((c) => c.startsWith('reports?'))).toHaveLength(2);
  });

  it('ignores malformed and unknown events', () => {
    expect(liveAction({ type: 'report.processed', data: '{', lastEventId: '' })).toBeNull();
    expect(
      liveAction({ type: 'report.processed', data: '{"report":{}}', lastEventId: '' }),
    ).toBeNull();
    expect(liveAction({ type: 'message', data: '{}', lastEventId: '' })).toBeNull();
  });
});
