/**
 * The incident repository's F6 side through the asynchronous port only: the estimate
 * and its index entry (`core` or `vague`), the candidates a box finds, what correlation
 * reads of each member, merges (absorb), the record of changes, the pairs an analyst
 * split apart, the filtered and sorted list, the confidence's terms, and a report
 * pinned by hand or kept apart with a reason.
 */
import { describe, expect, it } from 'vitest';
import type { MemberScope } from '../../src/access/scope.js';
import type { Estimate, Incident } from '../../src/domain/incident.js';
import type { AsyncStore } from '../../src/store/port.js';
import type {
  IncidentCursor,
  IncidentFilter,
  IndexBox,
  StoredConfidence,
} from '../../src/store/store.js';
import { MINUTE, newReport, normalization, T0, totals } from './fixtures.js';
import { useStore, type OpenStore } from './harness.js';

const ANALYST: MemberScope = { all: false, analystQueue: true, officeId: null };
const office = (officeId: string): MemberScope => ({ all: false, analystQueue: false, officeId });

const T0_MINUTE = T0 / MINUTE;
const windowA = { from: T0, to: T0 + 10 * MINUTE };

/** A box of `half` degrees around (lat, lon), over minutes [from, to] after T0. */
function box(lat: number, lon: number, half = 0.01, from = 0, to = 60): IndexBox {
  return {
    minLat: lat - half,
    maxLat: lat + half,
    minLon: lon - half,
    maxLon: lon + half,
    fromMinute: T0_MINUTE + from,
    toMinute: T0_MINUTE + to,
  };
}

/** An estimate with every field set to something a round trip could lose. */
function estimate(overrides: Partial<Estimate> = {}): Estimate {
  return {
    kinds: ['fire', 'explosion'],
    preciseCount: 2,
    weight: 0.000_244_140_625,
    wx: 0.1,
    wy: -0.2,
    wz: 0.3,
    latestStart: T0 - 7 * MINUTE,
    earliestEnd: T0 + 13 * MINUTE,
    handSpreadMeters: 250.5,
    ...overrides,
  };
}

/** An incident created at `at`, with one member window and this point (or none). */
async function createIncident(
  s: AsyncStore,
  id: string,
  at: number,
  point: { lat: number; lon: number } | null = null,
  window = windowA,
) {
  await s.incidents.create(id, totals([{ window, point }]), at);
}

/** An incident in the index with these boxes. */
async function indexed(
  s: AsyncStore,
  id: string,
  boxes: IndexBox[],
  index: 'core' | 'vague' | 'city' = 'core',
) {
  await createIncident(s, id, T0);
  await s.incidents.saveEstimate(id, estimate(), { index, boxes }, T0);
}

/** A member `reportId` of incident `incidentId` (created if missing), in the analyst queue. */
async function member(s: AsyncStore, reportId: string, incidentId: string, receivedAt = T0) {
  await s.reports.insert(newReport({ id: reportId, receivedAt }));
  if (!(await s.incidents.get(incidentId))) await createIncident(s, incidentId, T0);
  await s.reports.assignIncident(reportId, incidentId);
}

const terms = (logOdds: number): StoredConfidence => ({
  logOdds,
  terms: [
    {
      code: 'prior',
      weight: -0.85,
      count: 1,
      detail: 'phone',
      text: { en: 'Prior for an event first reported by phone.', zh: '首个举报经由 phone 渠道。' },
    },
    {
      code: 'repeats',
      weight: 0,
      count: 2,
      detail: 'caller',
      text: { en: '2 reports from the same caller.', zh: '2 条举报来自同一来电者。' },
    },
  ],
});

/** Sets an incident's confidence (and nothing else it would change: activity at T0). */
const assess = (s: AsyncStore, id: string, confidence: number | null) =>
  s.incidents.saveAssessment(id, {
    independentSources: 1,
    confidence,
    terms: terms(0),
    radiusMeters: 0,
    totals: null,
    lastActivity: T0,
  });

export function incidentClusterContract(open: OpenStore) {
  const store = useStore(open);

  describe('saveEstimate and candidates', () => {
    it('finds an incident whose box meets the query box, edges included', async () => {
      const s = store();
      await indexed(s, 'i_1', [box(10, 20)]);
      const found = (b: IndexBox) => s.incidents.candidates('core', [b], 10);
      expect(await found(box(10, 20))).toEqual(['i_1']);
      // Touching at each edge: the stored box is [9.99, 10.01] × [19.99, 20.01] × [0, 60] min.
      expect(await found({ ...box(10, 20), minLat: 10.01, maxLat: 10.5 })).toEqual(['i_1']);
      expect(await found({ ...box(10, 20), minLat: 9.5, maxLat: 9.99 })).toEqual(['i_1']);
      expect(await found({ ...box(10, 20), minLon: 20.01, maxLon: 20.5 })).toEqual(['i_1']);
      expect(await found({ ...box(10, 20), minLon: 19.5, maxLon: 19.99 })).toEqual(['i_1']);
      expect(await found(box(10, 20, 0.01, 60, 90))).toEqual(['i_1']);
      expect(await found(box(10, 20, 0.01, -30, 0))).toEqual(['i_1']);
    });

    it('misses an incident whose box the query box misses by a little on any side', async () => {
      // A little: 0.001° (about 100 m) or 5 minutes, more than the R*Tree's 32-bit rounding.
      const s = store();
      await indexed(s, 'i_1', [box(10, 20)]);
      const found = (b: IndexBox) => s.incidents.candidates('core', [b], 10);
      expect(await found({ ...box(10, 20), minLat: 10.011, maxLat: 10.5 })).toEqual([]);
      expect(await found({ ...box(10, 20), minLat: 9.5, maxLat: 9.989 })).toEqual([]);
      expect(await found({ ...box(10, 20), minLon: 20.011, maxLon: 20.5 })).toEqual([]);
      expect(await found({ ...box(10, 20), minLon: 19.5, maxLon: 19.989 })).toEqual([]);
      expect(await found(box(10, 20, 0.01, 65, 90))).toEqual([]);
      expect(await found(box(10, 20, 0.01, -30, -5))).toEqual([]);
    });

    it('keeps the core, the vague and the city index apart, and asks only the one named', async () => {
      const s = store();
      await indexed(s, 'i_core', [box(10, 20)], 'core');
      await indexed(s, 'i_vague', [box(10, 20)], 'vague');
      await indexed(s, 'i_city', [box(10, 20)], 'city');
      expect(await s.incidents.candidates('core', [box(10, 20)], 10)).toEqual(['i_core']);
      expect(await s.incidents.candidates('vague', [box(10, 20)], 10)).toEqual(['i_vague']);
      expect(await s.incidents.candidates('city', [box(10, 20)], 10)).toEqual(['i_city']);
    });

    it('replaces the entry on each save: a new box, another index, or none', async () => {
      const s = store();
      await indexed(s, 'i_1', [box(10, 20)], 'core');
      const where = async (b: IndexBox) => [
        await s.incidents.candidates('core', [b], 10),
        await s.incidents.candidates('vague', [b], 10),
        await s.incidents.candidates('city', [b], 10),
      ];
      await s.incidents.saveEstimate(
        'i_1',
        estimate(),
        { index: 'core', boxes: [box(30, 40)] },
        T0,
      );
      expect(await where(box(10, 20))).toEqual([[], [], []]);
      expect(await where(box(30, 40))).toEqual([['i_1'], [], []]);
      await s.incidents.saveEstimate(
        'i_1',
        estimate(),
        { index: 'vague', boxes: [box(30, 40)] },
        T0,
      );
      expect(await where(box(30, 40))).toEqual([[], ['i_1'], []]);
      await s.incidents.saveEstimate(
        'i_1',
        estimate(),
        { index: 'city', boxes: [box(30, 40)] },
        T0,
      );
      expect(await where(box(30, 40))).toEqual([[], [], ['i_1']]);
      await s.incidents.saveEstimate('i_1', estimate(), null, T0);
      expect(await where(box(30, 40))).toEqual([[], [], []]);
    });

    it('finds an incident whose box crosses the antimeridian from either side, once', async () => {
      const s = store();
      // Stored as its two parts, as searchBoxes gives them.
      const east = { ...box(0, 179.5, 0.5), minLon: 179.5, maxLon: 180 };
      const west = { ...box(0, -179.5, 0.5), minLon: -180, maxLon: -179.5 };
      await indexed(s, 'i_across', [east, west]);
      await indexed(s, 'i_far', [box(0, 0)]);
      expect(await s.incidents.candidates('core', [box(0, 179.8, 0.05)], 10)).toEqual(['i_across']);
      expect(await s.incidents.candidates('core', [box(0, -179.8, 0.05)], 10)).toEqual([
        'i_across',
      ]);
      // A query itself in two parts meets both of its parts: the incident is named once.
      const query = [
        { ...box(0, 179.9, 0.2), maxLon: 180 },
        { ...box(0, -179.9, 0.2), minLon: -180 },
      ];
      expect(await s.incidents.candidates('core', query, 10)).toEqual(['i_across']);
      expect(await s.incidents.candidates('core', [box(0, 179, 0.1)], 10)).toEqual([]);
    });

    it('gives at most `limit` incidents, each once, over one box or several', async () => {
      const s = store();
      const ids = ['i_1', 'i_2', 'i_3', 'i_4', 'i_5'];
      for (const id of ids) await indexed(s, id, [box(10, 20)]);
      for (const id of ['i_6', 'i_7', 'i_8']) await indexed(s, id, [box(-10, -20)]);
      const one = await s.incidents.candidates('core', [box(10, 20)], 3);
      expect(one).toHaveLength(3);
      expect(new Set(one).size).toBe(3);
      for (const id of one) expect(ids).toContain(id);
      expect((await s.incidents.candidates('core', [box(10, 20)], 5)).sort()).toEqual(ids);
      expect((await s.incidents.candidates('core', [box(10, 20)], 6)).sort()).toEqual(ids);
      const two = await s.incidents.candidates('core', [box(10, 20), box(-10, -20)], 7);
      expect(two).toHaveLength(7);
      expect(new Set(two).size).toBe(7);
      const all = await s.incidents.candidates('core', [box(10, 20), box(-10, -20)], 8);
      expect(all.sort()).toEqual([...ids, 'i_6', 'i_7', 'i_8']);
    });

    it('drops an absorbed incident from the index', async () => {
      const s = store();
      await indexed(s, 'i_1', [box(10, 20)]);
      await indexed(s, 'i_2', [box(10, 20)], 'vague');
      await indexed(s, 'i_3', [box(10, 20)]);
      await indexed(s, 'i_4', [box(10, 20)], 'city');
      await s.incidents.absorb('i_2', 'i_1', T0 + 1);
      await s.incidents.absorb('i_3', 'i_1', T0 + 1);
      await s.incidents.absorb('i_4', 'i_1', T0 + 1);
      expect(await s.incidents.candidates('core', [box(10, 20)], 10)).toEqual(['i_1']);
      expect(await s.incidents.candidates('vague', [box(10, 20)], 10)).toEqual([]);
      expect(await s.incidents.candidates('city', [box(10, 20)], 10)).toEqual([]);
    });

    it('ignores an estimate saved for an unknown incident', async () => {
      const s = store();
      await s.incidents.saveEstimate(
        'i_none',
        estimate(),
        { index: 'core', boxes: [box(1, 2)] },
        T0,
      );
      expect(await s.incidents.candidates('core', [box(1, 2)], 10)).toEqual([]);
      expect(await s.incidents.estimates(['i_none'])).toEqual([]);
    });
  });

  describe('estimates', () => {
    it('gives back the estimate saved, with seq and mergedInto', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      await createIncident(s, 'i_2', T0);
      await s.incidents.saveEstimate('i_1', estimate(), null, T0 + 5);
      const rows = await s.incidents.estimates(['i_1', 'i_2', 'i_none']);
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(rows).toHaveLength(2);
      expect(byId.get('i_1')!.estimate).toStrictEqual(estimate());
      expect(byId.get('i_1')!.mergedInto).toBeNull();
      // Incidents are numbered in order of creation.
      expect(byId.get('i_1')!.seq).toBeLessThan(byId.get('i_2')!.seq);
      expect(await s.incidents.estimates([])).toEqual([]);
    });

    it('stores an open interval (±Infinity) as no bound and gives it back as ±Infinity', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      const open = estimate({ kinds: [], preciseCount: 0, weight: 0, wx: 0, wy: 0, wz: 0 });
      await s.incidents.saveEstimate(
        'i_1',
        { ...open, latestStart: -Infinity, earliestEnd: Infinity },
        null,
        T0,
      );
      const [row] = await s.incidents.estimates(['i_1']);
      expect(row!.estimate).toStrictEqual({
        ...open,
        latestStart: -Infinity,
        earliestEnd: Infinity,
      });
    });

    it('has the empty estimate for an incident never estimated', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      const [row] = await s.incidents.estimates(['i_1']);
      expect(row!.estimate).toStrictEqual({
        kinds: [],
        preciseCount: 0,
        weight: 0,
        wx: 0,
        wy: 0,
        wz: 0,
        latestStart: -Infinity,
        earliestEnd: Infinity,
        handSpreadMeters: 0,
      });
    });

    it("replaces the hand's spread on each save, back to 0 too", async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      await s.incidents.saveEstimate('i_1', estimate({ handSpreadMeters: 1234.25 }), null, T0);
      const [spread] = await s.incidents.estimates(['i_1']);
      expect(spread!.estimate.handSpreadMeters).toBe(1234.25);
      await s.incidents.saveEstimate('i_1', estimate({ handSpreadMeters: 0 }), null, T0 + 1);
      const [none] = await s.incidents.estimates(['i_1']);
      expect(none!.estimate).toStrictEqual(estimate({ handSpreadMeters: 0 }));
    });

    it('shows the kinds on the incident, and saving marks its activity', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      await s.incidents.saveEstimate('i_1', estimate({ kinds: ['gunfire'] }), null, T0 + 9);
      const got = (await s.incidents.get('i_1'))!;
      expect([got.kinds, got.lastActivity, got.updatedAt]).toEqual([['gunfire'], T0 + 9, T0 + 9]);
    });
  });

  describe('memberFacts', () => {
    it('gives what correlation reads of each member, oldest first', async () => {
      const s = store();
      const point = { lat: 34.25, lon: 108.9 };
      await s.reports.insert(
        newReport({
          id: 'a',
          channel: 'phone',
          receivedAt: T0 + 2,
          externalId: 'ext-a',
          callerPseudonym: 'p_new',
          callerLink: 'p_old',
          submittedBy: 'token:t1',
        }),
      );
      await s.reports.insert(newReport({ id: 'b', receivedAt: T0 + 1 }));
      await s.reports.insert(
        newReport({
          id: 'c',
          receivedAt: T0 + 2,
          textFacts: { narrativeWords: 6, who: null, saysRepeat: true, seenFromAfar: true },
        }),
      );
      await s.reports.saveNormalization('a', normalization(windowA, point), windowA, point);
      await createIncident(s, 'i_1', T0);
      for (const id of ['a', 'b', 'c']) await s.reports.assignIncident(id, 'i_1');
      await s.reports.setQueue('b', 'abuse');
      await s.reports.pinIncident('c', 'i_1');
      const check = { name: 'time-sources', version: 1 };
      await s.findings.replace(
        'a',
        check,
        [
          {
            code: 'time.contradiction',
            severity: 'warning',
            message: { en: 'e', zh: 'z' },
            evidence: {},
          },
          { code: 'source.stale', severity: 'notice', message: { en: 'e', zh: 'z' }, evidence: {} },
        ],
        T0,
      );
      const facts = await s.incidents.memberFacts('i_1');
      expect(facts.map((f) => f.reportId)).toEqual(['b', 'a', 'c']);
      const a = facts[1]!;
      expect({
        ...a,
        findings: [...a.findings].sort((x, y) => x.code.localeCompare(y.code)),
      }).toStrictEqual({
        reportId: 'a',
        channel: 'phone',
        receivedAt: T0 + 2,
        lat: 34.25,
        lon: 108.9,
        accuracyMeters: 50,
        eventFrom: windowA.from,
        eventTo: windowA.to,
        // No writer of a report's kinds or text sketch goes through the port yet.
        kinds: [],
        pseudonym: 'p_new',
        link: 'p_old',
        sender: 'token:t1',
        externalId: 'ext-a',
        queue: 'analyst',
        sketch: null,
        saysRepeat: false,
        seenFromAfar: false,
        pinned: false,
        findings: [
          { code: 'source.stale', severity: 'notice' },
          { code: 'time.contradiction', severity: 'warning' },
        ],
      });
      expect(facts[0]).toStrictEqual({
        reportId: 'b',
        channel: 'web',
        receivedAt: T0 + 1,
        lat: null,
        lon: null,
        accuracyMeters: null,
        eventFrom: null,
        eventTo: null,
        kinds: [],
        pseudonym: null,
        link: null,
        sender: null,
        externalId: null,
        queue: 'abuse',
        sketch: null,
        saysRepeat: false,
        seenFromAfar: false,
        pinned: false,
        findings: [],
      });
      expect(facts[2]!.pinned).toBe(true);
      // Its text said its sender reported this before (read at intake, kept in textFacts).
      expect(facts[2]!.saysRepeat).toBe(true);
      // And that its sender saw the event from afar.
      expect(facts[2]!.seenFromAfar).toBe(true);
    });

    it('has no member for an unknown or emptied incident', async () => {
      const s = store();
      expect(await s.incidents.memberFacts('i_none')).toEqual([]);
      await member(s, 'a', 'i_1');
      await member(s, 'b', 'i_2');
      await s.reports.assignIncident('a', 'i_2');
      expect(await s.incidents.memberFacts('i_1')).toEqual([]);
      expect((await s.incidents.memberFacts('i_2')).map((f) => f.reportId)).toEqual(['a', 'b']);
    });
  });

  describe('absorb', () => {
    it('moves every member into the survivor and marks the absorbed one merged', async () => {
      const s = store();
      await member(s, 'a', 'i_1', T0 + 1);
      await member(s, 'b', 'i_2', T0 + 2);
      await member(s, 'c', 'i_2', T0 + 3);
      await s.incidents.absorb('i_2', 'i_1', T0 + 60);
      expect((await s.incidents.memberFacts('i_1')).map((f) => f.reportId)).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect(await s.incidents.memberFacts('i_2')).toEqual([]);
      expect((await s.reports.get('b'))!.incidentId).toBe('i_1');
      const gone = (await s.incidents.get('i_2'))!;
      expect([gone.mergedInto, gone.reportCount, gone.updatedAt]).toEqual(['i_1', 0, T0 + 60]);
      expect((await s.incidents.estimates(['i_2']))[0]!.mergedInto).toBe('i_1');
      expect((await s.incidents.get('i_1'))!.mergedInto).toBeNull();
    });

    it('repoints incidents merged into the absorbed one at the survivor, along a chain', async () => {
      const s = store();
      for (const id of ['i_0', 'i_1', 'i_2', 'i_3', 'i_4']) await createIncident(s, id, T0);
      await s.incidents.absorb('i_3', 'i_2', T0 + 1);
      await s.incidents.absorb('i_4', 'i_2', T0 + 1);
      await s.incidents.absorb('i_2', 'i_1', T0 + 2);
      const into = async (id: string) => (await s.incidents.get(id))!.mergedInto;
      const all = async () => Promise.all(['i_0', 'i_1', 'i_2', 'i_3', 'i_4'].map(into));
      expect(await all()).toEqual([null, null, 'i_1', 'i_1', 'i_1']);
      await s.incidents.absorb('i_1', 'i_0', T0 + 3);
      expect(await all()).toEqual([null, 'i_0', 'i_0', 'i_0', 'i_0']);
    });

    it("names the survivor in findNear's answers for the reports it took", async () => {
      const s = store();
      const point = { lat: 10, lon: 20 };
      await s.reports.insert(newReport({ id: 'a' }));
      await s.reports.saveNormalization('a', normalization(windowA, point), windowA, point);
      await createIncident(s, 'i_1', T0);
      await createIncident(s, 'i_2', T0);
      await s.reports.assignIncident('a', 'i_2');
      await s.incidents.absorb('i_2', 'i_1', T0 + 1);
      const near = await s.reports.findNear(windowA, {
        minLat: 9,
        maxLat: 11,
        minLon: 19,
        maxLon: 21,
      });
      expect(near.map((r) => [r.id, r.incidentId])).toEqual([['a', 'i_1']]);
    });
  });

  describe('changes', () => {
    it('gives the changes of an incident in the order recorded, each as recorded', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      await createIncident(s, 'i_2', T0);
      await s.incidents.recordChange({
        incidentId: 'i_1',
        kind: 'bridge',
        actor: null,
        detail: { from: 'i_9', reportId: 'r_1' },
        at: T0 + 5,
      });
      await s.incidents.recordChange({
        incidentId: 'i_2',
        kind: 'split',
        actor: 'user:alice',
        detail: { to: 'i_1' },
        at: T0 + 1,
      });
      await s.incidents.recordChange({
        incidentId: 'i_1',
        kind: 'attach',
        actor: null,
        detail: { from: 'i_8', reportId: null, reason: 'cluster.no_match' },
        at: T0 + 2,
      });
      const got = await s.incidents.changes('i_1');
      expect(got.map(({ seq: _seq, ...c }) => c)).toStrictEqual([
        {
          incidentId: 'i_1',
          kind: 'bridge',
          actor: null,
          detail: { from: 'i_9', reportId: 'r_1' },
          at: T0 + 5,
        },
        {
          incidentId: 'i_1',
          kind: 'attach',
          actor: null,
          detail: { from: 'i_8', reportId: null, reason: 'cluster.no_match' },
          at: T0 + 2,
        },
      ]);
      expect(got[0]!.seq).toBeLessThan(got[1]!.seq);
      expect((await s.incidents.changes('i_2')).map((c) => c.actor)).toEqual(['user:alice']);
      expect(await s.incidents.changes('i_none')).toEqual([]);
    });
  });

  describe('separations', () => {
    it('names a pair split apart smaller id first, once, whichever way it was split', async () => {
      const s = store();
      await s.incidents.separate('i_b', 'i_a', 'user:alice', T0);
      await s.incidents.separate('i_a', 'i_b', 'user:bob', T0 + 1);
      expect(await s.incidents.separations(['i_a', 'i_b'])).toEqual(['i_a|i_b']);
      expect(await s.incidents.separations(['i_b', 'i_a'])).toEqual(['i_a|i_b']);
    });

    it('gives only the pairs both of whose incidents are among the ids', async () => {
      const s = store();
      await s.incidents.separate('i_a', 'i_b', 'user:alice', T0);
      await s.incidents.separate('i_c', 'i_b', 'user:alice', T0);
      await s.incidents.separate('i_a', 'i_d', 'user:alice', T0);
      expect((await s.incidents.separations(['i_a', 'i_b', 'i_c'])).sort()).toEqual([
        'i_a|i_b',
        'i_b|i_c',
      ]);
      expect(await s.incidents.separations(['i_a', 'i_c'])).toEqual([]);
      expect(await s.incidents.separations(['i_b'])).toEqual([]);
      expect(await s.incidents.separations([])).toEqual([]);
    });
  });

  describe('list', () => {
    const ids = (page: { items: Incident[] }) => page.items.map((i) => i.id);
    const byActivity: IncidentFilter = { sort: 'lastActivity' };

    /** Every page of a list, following `next` until it is null (at most 20 pages). */
    async function pages(
      s: AsyncStore,
      filter: IncidentFilter,
      limit: number,
      scope?: MemberScope,
    ) {
      const out: string[][] = [];
      let after: IncidentCursor | null = null;
      for (let i = 0; i < 20; i++) {
        const page = await s.incidents.list(filter, limit, after, scope);
        out.push(ids(page));
        if (!page.next) return out;
        after = page.next;
      }
      throw new Error('more than 20 pages');
    }

    it('lists open incidents by last activity, latest first, ties by the newer incident', async () => {
      const s = store();
      await member(s, 'r_1', 'i_1');
      await createIncident(s, 'i_2', T0 + 5);
      await createIncident(s, 'i_3', T0 + 5);
      await createIncident(s, 'i_4', T0 + 1);
      await createIncident(s, 'i_5', T0 + 9);
      await s.incidents.absorb('i_5', 'i_1', T0 + 9);
      expect(ids(await s.incidents.list(byActivity, 10, null))).toEqual([
        'i_3',
        'i_2',
        'i_4',
        'i_1',
      ]);
    });

    it('counts the latest of estimate and assessment as activity, never going back', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      await createIncident(s, 'i_2', T0 + 2);
      await s.incidents.saveEstimate('i_1', estimate(), null, T0 + 3);
      expect(ids(await s.incidents.list(byActivity, 10, null))).toEqual(['i_1', 'i_2']);
      await s.incidents.saveAssessment('i_2', {
        independentSources: 1,
        confidence: 0.5,
        terms: terms(0),
        radiusMeters: 0,
        totals: null,
        lastActivity: T0 + 4,
      });
      expect(ids(await s.incidents.list(byActivity, 10, null))).toEqual(['i_2', 'i_1']);
      await s.incidents.saveAssessment('i_2', {
        independentSources: 1,
        confidence: 0.5,
        terms: terms(0),
        radiusMeters: 0,
        totals: null,
        lastActivity: T0 + 1,
      });
      expect((await s.incidents.get('i_2'))!.lastActivity).toBe(T0 + 4);
    });

    it('sorts by confidence, highest first, none counting as 0, ties by the newer incident', async () => {
      const s = store();
      for (const id of ['i_1', 'i_2', 'i_3', 'i_4', 'i_5']) await createIncident(s, id, T0);
      await assess(s, 'i_1', 0.4);
      await assess(s, 'i_2', 0.9);
      await assess(s, 'i_3', 0.4);
      await assess(s, 'i_5', 0);
      const sorted = await s.incidents.list({ sort: 'confidence' }, 10, null);
      expect(ids(sorted)).toEqual(['i_2', 'i_3', 'i_1', 'i_5', 'i_4']);
      expect(sorted.items.map((i) => i.confidence)).toEqual([0.9, 0.4, 0.4, 0, null]);
    });

    it('keeps incidents with a confidence at least the minimum; none counts as 0', async () => {
      const s = store();
      for (const id of ['i_1', 'i_2', 'i_3']) await createIncident(s, id, T0);
      await assess(s, 'i_1', 0.5);
      await assess(s, 'i_2', 0.4999);
      const at = (minConfidence: number) =>
        s.incidents.list({ ...byActivity, minConfidence }, 10, null).then(ids);
      expect(await at(0.5)).toEqual(['i_1']);
      expect(await at(0.5001)).toEqual([]);
      expect(await at(0.4999)).toEqual(['i_2', 'i_1']);
      expect(await at(0)).toEqual(['i_3', 'i_2', 'i_1']);
    });

    it('keeps incidents whose span meets [from, to], edges included', async () => {
      const s = store();
      // i_1 spans [T0, T0 + 10 min].
      await createIncident(s, 'i_1', T0);
      const listed = (filter: Partial<IncidentFilter>) =>
        s.incidents.list({ ...byActivity, ...filter }, 10, null).then(ids);
      const end = T0 + 10 * MINUTE;
      expect(await listed({ from: end })).toEqual(['i_1']);
      expect(await listed({ from: end + 1 })).toEqual([]);
      expect(await listed({ to: T0 })).toEqual(['i_1']);
      expect(await listed({ to: T0 - 1 })).toEqual([]);
      expect(await listed({ from: T0 - MINUTE, to: end + MINUTE })).toEqual(['i_1']);
      expect(await listed({ from: T0 + MINUTE, to: T0 + 2 * MINUTE })).toEqual(['i_1']);
    });

    it('keeps incidents whose centroid lies in the box, edges included', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0, { lat: 10, lon: 20 });
      await createIncident(s, 'i_none', T0, null);
      const c = (await s.incidents.get('i_1'))!.centroid!;
      const listed = (bbox: IncidentFilter['bbox']) =>
        s.incidents.list({ ...byActivity, bbox }, 10, null).then(ids);
      const edges = { minLat: c.lat, maxLat: c.lat, minLon: c.lon, maxLon: c.lon };
      expect(await listed(edges)).toEqual(['i_1']);
      expect(await listed({ ...edges, minLat: c.lat + 1e-9, maxLat: 11 })).toEqual([]);
      expect(await listed({ ...edges, minLat: 9, maxLat: c.lat - 1e-9 })).toEqual([]);
      expect(await listed({ ...edges, minLon: c.lon + 1e-9, maxLon: 21 })).toEqual([]);
      expect(await listed({ ...edges, minLon: 19, maxLon: c.lon - 1e-9 })).toEqual([]);
    });

    it('takes a box across the antimeridian (minLon > maxLon)', async () => {
      const s = store();
      await createIncident(s, 'i_east', T0 + 1, { lat: 0, lon: 179.5 });
      await createIncident(s, 'i_west', T0 + 2, { lat: 0, lon: -179.5 });
      await createIncident(s, 'i_zero', T0 + 3, { lat: 0, lon: 0 });
      const across = { minLon: 179, minLat: -1, maxLon: -179, maxLat: 1 };
      expect(ids(await s.incidents.list({ ...byActivity, bbox: across }, 10, null))).toEqual([
        'i_west',
        'i_east',
      ]);
      const narrow = { minLon: 179.6, minLat: -1, maxLon: -179.6, maxLat: 1 };
      expect(ids(await s.incidents.list({ ...byActivity, bbox: narrow }, 10, null))).toEqual([]);
    });

    it.each([
      [7, 3, [3, 3, 1]],
      [6, 3, [3, 3]],
      [5, 3, [3, 2]],
      [2, 3, [2]],
      [0, 3, [0]],
    ])('pages %i incidents %i at a time as %j, without repeat or gap', async (n, limit, sizes) => {
      const s = store();
      // Pairs of incidents share their activity and their confidence: the seq breaks the tie.
      const all: string[] = [];
      for (let i = 1; i <= n; i++) {
        await createIncident(s, `i_${i}`, T0 + Math.ceil(i / 2));
        await assess(s, `i_${i}`, Math.ceil(i / 2) / 10);
        all.push(`i_${i}`);
      }
      for (const sort of ['lastActivity', 'confidence'] as const) {
        const walked = await pages(s, { sort }, limit);
        expect(walked.map((p) => p.length)).toEqual(sizes);
        expect(walked.flat()).toEqual([...all].reverse());
      }
    });

    it('pages a filtered list, the filter holding on every page', async () => {
      const s = store();
      for (let i = 1; i <= 6; i++) {
        await createIncident(s, `i_${i}`, T0 + i);
        await assess(s, `i_${i}`, i % 2 === 0 ? 0.8 : 0.2);
      }
      const walked = await pages(s, { sort: 'lastActivity', minConfidence: 0.5 }, 2);
      expect(walked).toEqual([['i_6', 'i_4'], ['i_2']]);
    });

    it('keeps the incidents naming a kind among theirs, following their estimate and merges', async () => {
      const s = store();
      await createIncident(s, 'i_fire', T0);
      await createIncident(s, 'i_both', T0);
      await createIncident(s, 'i_none', T0);
      await s.incidents.saveEstimate('i_fire', estimate({ kinds: ['fire'] }), null, T0 + 1);
      await s.incidents.saveEstimate('i_both', estimate(), null, T0 + 2);
      const kind = (k: IncidentFilter['kind'], sort: IncidentFilter['sort'] = 'lastActivity') =>
        s.incidents.list({ sort, kind: k }, 10, null).then(ids);
      expect(await kind('fire')).toEqual(['i_both', 'i_fire']);
      expect(await kind('explosion')).toEqual(['i_both']);
      expect(await kind('drone')).toEqual([]);
      await s.incidents.saveEstimate('i_both', estimate({ kinds: ['drone'] }), null, T0 + 3);
      expect(await kind('fire')).toEqual(['i_fire']);
      expect(await kind('drone')).toEqual(['i_both']);
      await s.incidents.saveEstimate('i_none', estimate({ kinds: ['fire'] }), null, T0 + 4);
      await assess(s, 'i_fire', 0.9);
      await assess(s, 'i_none', 0.2);
      expect(await kind('fire', 'confidence')).toEqual(['i_fire', 'i_none']);
      await assess(s, 'i_none', 0.95);
      expect(await kind('fire', 'confidence')).toEqual(['i_none', 'i_fire']);
      await s.incidents.absorb('i_none', 'i_both', T0 + 5);
      expect(await kind('fire')).toEqual(['i_fire']);
      await s.incidents.remove('i_fire');
      expect(await kind('fire')).toEqual([]);
    });

    it('keeps the incidents routed to one office, or to none', async () => {
      const s = store();
      await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
      for (const id of ['i_1', 'i_2', 'i_3']) await createIncident(s, id, T0);
      await s.incidents.assignOffice('i_1', 'o_n');
      const routed = (routedTo: string | null, sort: IncidentFilter['sort'] = 'lastActivity') =>
        s.incidents.list({ sort, routedTo }, 10, null).then(ids);
      expect(await routed('o_n')).toEqual(['i_1']);
      expect(await routed(null)).toEqual(['i_3', 'i_2']);
      expect(await routed(null, 'confidence')).toEqual(['i_3', 'i_2']);
      expect(await routed('o_s')).toEqual([]);
      await s.incidents.assignOffice('i_1', null);
      expect(await routed(null)).toEqual(['i_3', 'i_2', 'i_1']);
    });

    it.each(['lastActivity', 'confidence'] as const)(
      'pages a kind, an office and both by %s, without repeat or gap',
      async (sort) => {
        const s = store();
        await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
        const all: { id: string; fire: boolean; north: boolean }[] = [];
        // Pairs share their activity and confidence: the seq breaks the tie.
        for (let i = 1; i <= 12; i++) {
          const id = `i_${String(i).padStart(2, '0')}`;
          await createIncident(s, id, T0);
          const fire = i % 3 !== 0;
          const north = i % 2 === 0;
          const at = T0 + Math.ceil(i / 2);
          await s.incidents.saveEstimate(
            id,
            estimate({ kinds: [fire ? 'fire' : 'drone'] }),
            null,
            at,
          );
          await assess(s, id, Math.ceil(i / 2) / 10);
          if (north) await s.incidents.assignOffice(id, 'o_n');
          all.unshift({ id, fire, north });
        }
        const want = (f: (x: (typeof all)[number]) => boolean) => all.filter(f).map((x) => x.id);
        for (const limit of [1, 2, 5]) {
          expect((await pages(s, { sort, kind: 'fire' }, limit)).flat()).toEqual(
            want((x) => x.fire),
          );
          expect((await pages(s, { sort, routedTo: 'o_n' }, limit)).flat()).toEqual(
            want((x) => x.north),
          );
          expect((await pages(s, { sort, routedTo: null }, limit)).flat()).toEqual(
            want((x) => !x.north),
          );
          expect((await pages(s, { sort, kind: 'drone', routedTo: 'o_n' }, limit)).flat()).toEqual(
            want((x) => !x.fire && x.north),
          );
          expect((await pages(s, { sort, kind: 'fire', routedTo: null }, limit)).flat()).toEqual(
            want((x) => x.fire && !x.north),
          );
          expect(
            (
              await pages(s, { sort, kind: 'fire', routedTo: null, minConfidence: 0.3 }, limit)
            ).flat(),
          ).toEqual(want((x) => x.fire && !x.north && Number(x.id.slice(2)) >= 5));
        }
        expect(await pages(s, { sort, kind: 'gunfire', routedTo: 'o_n' }, 2)).toEqual([[]]);
      },
    );

    it('lists only incidents with a member in the scope; every open one for all', async () => {
      const s = store();
      await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
      await member(s, 'a', 'i_analyst');
      await member(s, 'b', 'i_abuse');
      await s.reports.setQueue('b', 'abuse');
      await member(s, 'c', 'i_office');
      await s.reports.setQueue('c', 'abuse');
      await s.reports.assignOffice('c', 'o_n');
      await createIncident(s, 'i_empty', T0);
      const listed = async (scope?: MemberScope) =>
        (await s.incidents.list(byActivity, 10, null, scope)).items.map((i) => i.id).sort();
      expect(await listed()).toEqual(['i_abuse', 'i_analyst', 'i_empty', 'i_office']);
      expect(await listed(ANALYST)).toEqual(['i_analyst']);
      expect(await listed(office('o_n'))).toEqual(['i_office']);
      expect(await listed(office('o_s'))).toEqual([]);
      expect(await pages(s, byActivity, 1, ANALYST)).toEqual([['i_analyst']]);
    });
  });

  describe('confidence and assessment', () => {
    it('gives back the terms as saved, and the figures on the incident', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      expect(await s.incidents.confidenceTerms('i_1')).toBeNull();
      expect(await s.incidents.confidenceTerms('i_none')).toBeNull();
      await s.incidents.saveAssessment('i_1', {
        independentSources: 3,
        confidence: 0.8125,
        terms: terms(1.4663),
        radiusMeters: 120.5,
        totals: null,
        lastActivity: T0 + 7,
      });
      expect(await s.incidents.confidenceTerms('i_1')).toStrictEqual(terms(1.4663));
      const got = (await s.incidents.get('i_1'))!;
      expect([got.confidence, got.independentSources, got.radiusMeters, got.lastActivity]).toEqual([
        0.8125,
        3,
        120.5,
        T0 + 7,
      ]);
    });

    it('replaces the summary when totals are given, keeping it when not', async () => {
      const s = store();
      await createIncident(s, 'i_1', T0);
      const windowB = { from: T0 + 20 * MINUTE, to: T0 + 30 * MINUTE };
      const t = totals([
        { window: windowA, point: { lat: 1, lon: 2 } },
        { window: windowB, point: null },
      ]);
      const assessment = {
        independentSources: 2,
        confidence: null,
        terms: terms(0),
        radiusMeters: 0,
        lastActivity: T0 + 40,
      };
      await s.incidents.saveAssessment('i_1', { ...assessment, totals: t });
      expect(await s.incidents.totals('i_1')).toStrictEqual(t);
      const got = (await s.incidents.get('i_1'))!;
      expect([got.start, got.end, got.reportCount, got.updatedAt, got.confidence]).toEqual([
        T0,
        windowB.to,
        2,
        T0 + 40,
        null,
      ]);
      await s.incidents.saveAssessment('i_1', {
        ...assessment,
        totals: null,
        lastActivity: T0 + 50,
      });
      expect(await s.incidents.totals('i_1')).toStrictEqual(t);
      expect((await s.incidents.get('i_1'))!.updatedAt).toBe(T0 + 40);
    });
  });

  describe('a report pinned by hand, or kept apart with a reason', () => {
    it('keeps the reason correlation gave, and clears it', async () => {
      const s = store();
      await member(s, 'a', 'i_1');
      expect((await s.reports.get('a'))!.incidentReason).toBeNull();
      await s.reports.setIncidentReason('a', 'cluster.ambiguous');
      expect((await s.reports.get('a'))!.incidentReason).toBe('cluster.ambiguous');
      await s.reports.setIncidentReason('a', null);
      expect((await s.reports.get('a'))!.incidentReason).toBeNull();
    });

    it('moves a pinned report into the incident, pins it and clears its reason', async () => {
      const s = store();
      await member(s, 'a', 'i_1');
      await createIncident(s, 'i_2', T0);
      await s.reports.setIncidentReason('a', 'cluster.too_vague');
      expect((await s.reports.get('a'))!.incidentPinned).toBe(false);
      await s.reports.pinIncident('a', 'i_2');
      const got = (await s.reports.get('a'))!;
      expect([got.incidentId, got.incidentPinned, got.incidentReason]).toEqual(['i_2', true, null]);
      expect((await s.incidents.memberFacts('i_2')).map((f) => [f.reportId, f.pinned])).toEqual([
        ['a', true],
      ]);
      expect(await s.incidents.memberFacts('i_1')).toEqual([]);
      // The automatic rule placing it again where it is keeps the pin.
      await s.reports.assignIncident('a', 'i_2');
      expect((await s.reports.get('a'))!.incidentPinned).toBe(true);
    });

    it("names the new incident in findNear's answer for a report moved by hand", async () => {
      const s = store();
      const point = { lat: 10, lon: 20 };
      await s.reports.insert(newReport({ id: 'a' }));
      await s.reports.saveNormalization('a', normalization(windowA, point), windowA, point);
      await createIncident(s, 'i_1', T0);
      await createIncident(s, 'i_2', T0);
      await s.reports.assignIncident('a', 'i_1');
      await s.reports.pinIncident('a', 'i_2');
      const near = await s.reports.findNear(windowA, {
        minLat: 9,
        maxLat: 11,
        minLon: 19,
        maxLon: 21,
      });
      expect(near.map((r) => [r.id, r.incidentId])).toEqual([['a', 'i_2']]);
    });
  });
}
