/**
 * The report repository's contract: what any store must answer, through the
 * asynchronous port only (no SQL, no connection).
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/domain/report.js';
import type { AsyncStore } from '../../src/store/port.js';
import type { BoundingBox, Cursor } from '../../src/store/store.js';
import {
  blind,
  completeness,
  MINUTE,
  newAttachment,
  newReport,
  textScore,
  normalization,
  sealedBytes,
  T0,
  totals,
} from './fixtures.js';
import { collect, refused, useStore, walk, type OpenStore } from './harness.js';

const ids = (reports: { id: string }[]) => reports.map((r) => r.id);
const idPages = (pages: { id: string }[][]) => pages.map(ids);

/** Inserts reports r1…rN received one millisecond apart (rN newest). */
async function insertSeries(s: AsyncStore, n: number, prefix = 'r'): Promise<string[]> {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    await s.reports.insert(newReport({ id: `${prefix}${i}`, receivedAt: T0 + i }));
    out.push(`${prefix}${i}`);
  }
  return out;
}

/** Normalizes a report to this window and point and puts it in an incident (created if new). */
async function locate(
  s: AsyncStore,
  id: string,
  window: { from: number; to: number },
  point: { lat: number; lon: number } | null,
  incidentId = `i_${id}`,
) {
  await s.reports.saveNormalization(id, normalization(window, point), window, point);
  if (!(await s.incidents.get(incidentId))) {
    await s.incidents.create(incidentId, totals([{ window, point }]), T0);
  }
  await s.reports.assignIncident(id, incidentId);
}

export function reportContract(open: OpenStore) {
  const store = useStore(open);

  describe('insert and get', () => {
    it('gives back every field of a report as inserted, sealed buffers byte for byte', async () => {
      const s = store();
      const attachments = [
        newAttachment({ id: 'a_first' }),
        newAttachment({ id: 'a_second', contentType: 'audio/ogg', sizeBytes: 0 }),
      ];
      const r = newReport({
        id: 'r_full',
        externalId: 'ext-7',
        channel: 'phone',
        category: 'drone',
        receivedAt: T0 + 5,
        claims: {
          observedAt: '2026-11-20T21:10:00+08:00',
          timezone: 'Asia/Shanghai',
          precisionSeconds: 600,
          location: { lat: 34.261, lon: 108.942, accuracyMeters: 50, text: 'the tower' },
          subjects: 'two people',
          howKnown: 'saw',
        },
        callerPseudonym: 'p_now',
        callerLink: 'p_before',
        submittedBy: 'token:t_9',
        sealed: {
          dataKey: sealedBytes('key', 60),
          narrative: sealedBytes('narrative', 500),
          subjects: sealedBytes('subjects', 33),
        },
        textFacts: { narrativeWords: 41, who: { words: 2, vague: false } },
        eventKinds: ['surveillance', 'drone'],
        textSketch: sealedBytes('sketch', 256),
        searchTokens: [blind('drone')],
        attachments,
      });
      await s.reports.insert(r);
      const got = await s.reports.get('r_full');
      const { searchTokens: _tokens, attachments: _attachments, ...stored } = r;
      expect(got).toStrictEqual({
        ...stored,
        sealed: { ...stored.sealed, observables: null },
        textScore: null,
        textState: 'pending',
        seq: got?.seq,
        version: 1,
        stage: 'received',
        status: 'new',
        statusChangedAt: T0 + 5,
        queue: 'analyst',
        officeId: null,
        time: null,
        place: null,
        flags: [],
        incidentId: null,
        incidentReason: null,
        incidentPinned: false,
        assessment: null,
        geocoded: null,
        geocodeState: null,
        sunEvidence: null,
        attachments: attachments.map(({ sealed: _sealed, ...meta }) => meta),
      });
      expect(Number.isInteger(got?.seq)).toBe(true);
    });

    it('reads a text once: pending at insert, written for the version read, counted by token', async () => {
      const s = store();
      const score = textScore(61.25);
      const tokens = (...t: string[]) => t.map((token) => ({ type: 'ipv4' as const, token }));
      for (const id of ['r_o1', 'r_o2', 'r_o3']) await s.reports.insert(newReport({ id }));
      const pending = await s.reports.pendingText(2);
      expect(pending.map((p) => [p.id, p.version])).toEqual([
        ['r_o1', 1],
        ['r_o2', 1],
      ]);
      expect(pending[0]!.sealed).toEqual({
        dataKey: sealedBytes('r_o1:key', 60),
        narrative: sealedBytes('r_o1:narrative'),
        subjects: null,
      });
      const write = (id: string, version: number, t: string[]) =>
        s.reports.setTextAnalysis(id, version, {
          textScore: score,
          observables: sealedBytes(`${id}:obs`, 40),
          tokens: tokens(...t),
          state: 'done',
        });
      expect(await write('r_o1', 2, ['A'])).toBe(false); // not that version
      expect(await write('r_o1', 1, ['A', 'B'])).toBe(true);
      expect(await write('r_o1', 1, ['C'])).toBe(false); // read already
      expect(await write('r_o2', 1, ['A'])).toBe(true);
      expect(await write('r_o3', 1, ['A', 'C'])).toBe(true);
      expect(await s.reports.pendingText(10)).toEqual([]);
      const got = (await s.reports.get('r_o1'))!;
      expect([got.textState, got.textScore, got.sealed.observables]).toEqual([
        'done',
        score,
        sealedBytes('r_o1:obs', 40),
      ]);
      expect(await s.reports.observableCounts(['A', 'B', 'C', 'D'], 'r_o1')).toEqual(
        new Map([
          ['A', 2],
          ['C', 1],
        ]),
      );
      expect(await s.reports.observableCounts([], 'r_o1')).toEqual(new Map());
      await s.reports.replaceObservables('r_o2', sealedBytes('o2', 40), tokens('B'));
      expect((await s.reports.get('r_o2'))!.sealed.observables).toEqual(sealedBytes('o2', 40));
      expect(await s.reports.observableCounts(['A', 'B'], 'r_o1')).toEqual(
        new Map([
          ['A', 1],
          ['B', 1],
        ]),
      );
      await s.reports.remove('r_o3');
      expect(await s.reports.observableCounts(['A', 'C'], 'r_o1')).toEqual(new Map());
    });

    it('gives the sealed narratives of one status, the most recently changed first', async () => {
      const s = store();
      for (const [id, status, at] of [
        ['r_n1', 'closed', 3],
        ['r_n2', 'closed', 9],
        ['r_n3', 'unfounded', 10],
        ['r_n4', 'closed', 5],
      ] as const) {
        await s.reports.insert(newReport({ id }));
        await s.reports.setStatus(id, status, T0 + at);
      }
      const got = await s.reports.sealedNarratives('closed', 2);
      expect(got.map((r) => r.id)).toEqual(['r_n2', 'r_n4']);
      expect(got[0]!.sealed).toEqual({
        dataKey: sealedBytes('r_n2:key', 60),
        narrative: sealedBytes('r_n2:narrative'),
      });
      expect((await s.reports.sealedNarratives('closed', 10)).map((r) => r.id)).toEqual([
        'r_n2',
        'r_n4',
        'r_n1',
      ]);
    });

    it('keeps an analyst’s sun evidence, and clears it', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r_sun' }));
      const evidence = { daylightPhoto: true, shadow: { bearing: 312.5, lengthRatio: 1.4 } };
      await s.reports.setSunEvidence('r_sun', evidence);
      expect((await s.reports.get('r_sun'))!.sunEvidence).toEqual(evidence);
      await s.reports.setSunEvidence('r_sun', null);
      expect((await s.reports.get('r_sun'))!.sunEvidence).toBeNull();
    });

    it('finds earlier images up to 7 bits from a hash, with their source, and forgets a removed report’s', async () => {
      const s = store();
      const image = (id: string, phash: string | null) =>
        newAttachment({
          id,
          media: {
            detectedType: 'image/jpeg',
            width: 1,
            height: 1,
            rejected: null,
            exif: null,
            phash,
          },
        });
      const H = '00112233445566ff';
      // 7 bits from H, one or two in each band: found only through a one-bit probe.
      const seven = '00122230445666fe';
      // 8 bits from H, two in each band: beyond the index's reach.
      const eight = '00122230445666fc';
      await s.reports.insert(
        newReport({
          id: 'r_early',
          receivedAt: T0,
          callerPseudonym: 'p_a',
          attachments: [image('a_early', seven)],
        }),
      );
      await s.reports.insert(
        newReport({ id: 'r_far', receivedAt: T0 + 1, attachments: [image('a_far', eight)] }),
      );
      await s.reports.insert(
        newReport({ id: 'r_flat', receivedAt: T0 + 2, attachments: [image('a_flat', null)] }),
      );
      await s.reports.insert(
        newReport({ id: 'r_late', receivedAt: T0 + 10, attachments: [image('a_late', H)] }),
      );
      expect(await s.reports.similarImages(H, T0 + 5, 'r_none', 10)).toEqual([
        {
          reportId: 'r_early',
          attachmentId: 'a_early',
          phash: seven,
          channel: 'web',
          callerPseudonym: 'p_a',
          callerLink: null,
          sender: null,
        },
      ]);
      // Not the report asking, nor one received at or after `before`.
      expect(await s.reports.similarImages(H, T0 + 5, 'r_early', 10)).toEqual([]);
      expect(await s.reports.similarImages(H, T0, 'r_none', 10)).toEqual([]);
      // Oldest first, at most `limit`.
      const both = await s.reports.similarImages(H, T0 + 20, 'r_none', 10);
      expect(both.map((m) => m.reportId)).toEqual(['r_early', 'r_late']);
      expect(await s.reports.similarImages(H, T0 + 20, 'r_none', 1)).toHaveLength(1);
      await s.reports.remove('r_early');
      expect(await s.reports.similarImages(H, T0 + 5, 'r_none', 10)).toEqual([]);
    });

    it('finds reports sharing a text band, each once, with their incident and source', async () => {
      const s = store();
      const sketch = (label: string) => sealedBytes(label, 256);
      const put = async (id: string, receivedAt: number, bands: string[], extra = {}) => {
        await s.reports.insert(newReport({ id, receivedAt, textSketch: sketch(id), ...extra }));
        await s.reports.setBands(id, bands);
      };
      await put('r_old', T0 - 10, ['0:aa', '1:bb']);
      await put('r_one', T0 + 1, ['0:aa'], { callerPseudonym: 'p_a' });
      await put('r_two', T0 + 2, ['0:aa', '1:bb']);
      await put('r_other', T0 + 3, ['2:cc']);
      await put('r_late', T0 + 10, ['0:aa', '1:bb']);
      await s.reports.insert(newReport({ id: 'r_bare', receivedAt: T0 + 4, textSketch: null }));
      await s.reports.setBands('r_bare', ['0:aa']);
      const bands = ['0:aa', '1:bb'];
      const mates = await s.reports.sharingBands(bands, T0, T0 + 5, 'r_none', 10);
      // Within [since, before), with a sketch; one sharing two bands listed once.
      const byId = (list: { reportId: string }[]) => list.map((m) => m.reportId).sort();
      expect(byId(mates)).toEqual(['r_one', 'r_two']);
      expect(mates.find((m) => m.reportId === 'r_one')).toEqual({
        reportId: 'r_one',
        incidentId: null,
        receivedAt: T0 + 1,
        sketch: sketch('r_one'),
        channel: 'web',
        callerPseudonym: 'p_a',
        callerLink: null,
        sender: null,
      });
      // Not the report asking; at most `limit`; nothing for no bands.
      const without = await s.reports.sharingBands(bands, T0, T0 + 5, 'r_two', 10);
      expect(byId(without)).toEqual(['r_one']);
      expect(await s.reports.sharingBands(bands, T0, T0 + 5, 'r_none', 1)).toHaveLength(1);
      expect(await s.reports.sharingBands([], T0, T0 + 5, 'r_none', 10)).toEqual([]);
      await s.reports.remove('r_two');
      const after = await s.reports.sharingBands(bands, T0, T0 + 5, 'r_none', 10);
      expect(byId(after)).toEqual(['r_one']);
    });

    it('keeps the optional fields null when they are not given', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r_bare' }));
      const got = (await s.reports.get('r_bare'))!;
      expect([got.externalId, got.category, got.callerPseudonym, got.callerLink]).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect([got.submittedBy, got.sealed.subjects, got.textFacts.who]).toEqual([null, null, null]);
      expect(got.attachments).toEqual([]);
    });

    it('gives back a report naming no event kind, without a text sketch, as [] and null', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r_plain', eventKinds: [], textSketch: null }));
      const got = (await s.reports.get('r_plain'))!;
      expect([got.eventKinds, got.textSketch]).toEqual([[], null]);
    });

    it('numbers reports in order of arrival in the store (seq), whatever their receivedAt', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'late', receivedAt: T0 + 100 }));
      await s.reports.insert(newReport({ id: 'early', receivedAt: T0 }));
      expect((await s.reports.get('early'))!.seq).toBeGreaterThan(
        (await s.reports.get('late'))!.seq,
      );
    });

    it('answers null for an unknown id, and refuses a second report with the same id', async () => {
      const s = store();
      expect(await s.reports.get('r_none')).toBeNull();
      await s.reports.insert(newReport({ id: 'r_dup', category: 'first' }));
      await refused(() => s.reports.insert(newReport({ id: 'r_dup', category: 'second' })));
      expect((await s.reports.get('r_dup'))!.category).toBe('first');
      expect(await s.reports.count()).toBe(1);
    });

    it('counts reports and walks all of them in order of arrival', async () => {
      const s = store();
      expect(await s.reports.count()).toBe(0);
      expect(await collect(s.reports.all())).toEqual([]);
      await s.reports.insert(newReport({ id: 'b', receivedAt: T0 + 5 }));
      await s.reports.insert(newReport({ id: 'a', receivedAt: T0 }));
      await s.reports.insert(newReport({ id: 'c', receivedAt: T0 + 1 }));
      expect(await s.reports.count()).toBe(3);
      expect(ids(await collect(s.reports.all()))).toEqual(['b', 'a', 'c']);
    });

    it('walks every one of many reports, each once (SQLite reads them 1,000 at a time)', async () => {
      const s = store();
      const all = Array.from({ length: 2001 }, (_, i) => `r${i}`);
      await s.transaction(async (tx) => {
        for (const id of all) await tx.reports.insert(newReport({ id }));
      });
      expect(ids(await collect(s.reports.all()))).toEqual(all);
    });
  });

  describe('listNewest', () => {
    it('lists newest first by receivedAt, and by arrival among equal times', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'a', receivedAt: T0 }));
      await s.reports.insert(newReport({ id: 'b', receivedAt: T0 + 2 }));
      await s.reports.insert(newReport({ id: 'c', receivedAt: T0 + 1 }));
      await s.reports.insert(newReport({ id: 'd', receivedAt: T0 + 2 }));
      expect(ids((await s.reports.listNewest(10)).items)).toEqual(['d', 'b', 'c', 'a']);
    });

    it.each([
      // [reports stored, page size, pages expected]
      [6, 6, [6]],
      [6, 5, [5, 1]],
      [6, 7, [6]],
      [6, 3, [3, 3]],
      [6, 2, [2, 2, 2]],
      [0, 3, [0]],
    ])(
      'pages %i reports %i at a time as %j, and the last page has no next',
      async (n, limit, sizes) => {
        const s = store();
        const all = await insertSeries(s, n);
        const pages = await walk((after) => s.reports.listNewest(limit, after));
        expect(pages.map((p) => p.length)).toEqual(sizes);
        expect(pages.flat().map((r) => r.id)).toEqual([...all].reverse());
      },
    );

    it('gives a cursor that continues exactly after a page, through equal receivedAt', async () => {
      const s = store();
      for (const id of ['a', 'b', 'c', 'd', 'e']) {
        await s.reports.insert(newReport({ id, receivedAt: T0 }));
      }
      const first = await s.reports.listNewest(2);
      expect(ids(first.items)).toEqual(['e', 'd']);
      const d = first.items[1]!;
      expect(first.next).toEqual({ at: T0, seq: d.seq });
      const pages = await walk((after) => s.reports.listNewest(1, after));
      expect(idPages(pages)).toEqual([['e'], ['d'], ['c'], ['b'], ['a']]);
    });

    it('lists one queue, one office, or both, with cursors inside the filter', async () => {
      const s = store();
      await insertSeries(s, 6);
      await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
      await s.offices.insert({ id: 'o_s', name: 'South', createdAt: T0 });
      for (const id of ['r2', 'r4', 'r5']) await s.reports.setQueue(id, 'abuse');
      for (const id of ['r1', 'r4', 'r6']) await s.reports.assignOffice(id, 'o_n');
      await s.reports.assignOffice('r3', 'o_s');

      const list = async (filter: Parameters<AsyncStore['reports']['listNewest']>[2]) =>
        idPages(await walk((after) => s.reports.listNewest(2, after, filter))).flat();
      expect(await list({ queue: 'abuse' })).toEqual(['r5', 'r4', 'r2']);
      expect(await list({ queue: 'analyst' })).toEqual(['r6', 'r3', 'r1']);
      expect(await list({ officeId: 'o_n' })).toEqual(['r6', 'r4', 'r1']);
      expect(await list({ queue: 'abuse', officeId: 'o_n' })).toEqual(['r4']);
      expect(await list({ officeId: 'o_none' })).toEqual([]);
    });
  });

  describe('search (blind-index tokens)', () => {
    async function seed(s: AsyncStore) {
      await s.reports.insert(
        newReport({ id: 'r1', receivedAt: T0 + 1, searchTokens: [blind('drone'), blind('tower')] }),
      );
      await s.reports.insert(
        newReport({ id: 'r2', receivedAt: T0 + 2, searchTokens: [blind('drone')] }),
      );
      await s.reports.insert(
        newReport({ id: 'r3', receivedAt: T0 + 3, searchTokens: [blind('tower'), blind('depot')] }),
      );
    }
    const found = async (s: AsyncStore, words: string[]) =>
      ids((await s.reports.search(words.map(blind), 10)).items);

    it('finds the reports holding every token of the query, newest first', async () => {
      const s = store();
      await seed(s);
      expect(await found(s, ['drone'])).toEqual(['r2', 'r1']);
      expect(await found(s, ['tower'])).toEqual(['r3', 'r1']);
      expect(await found(s, ['drone', 'tower'])).toEqual(['r1']);
      expect(await found(s, ['tower', 'drone'])).toEqual(['r1']);
      expect(await found(s, ['drone', 'depot'])).toEqual([]);
      expect(await found(s, ['drone', 'drone'])).toEqual(['r2', 'r1']);
      expect(await found(s, ['never'])).toEqual([]);
    });

    it('matches nothing (not everything) for a query without tokens', async () => {
      const s = store();
      await seed(s);
      expect(await s.reports.search([], 10)).toEqual({ items: [], next: null });
    });

    it('adds tokens to a report, keeping the ones it had', async () => {
      const s = store();
      await seed(s);
      await s.reports.addSearchTokens('r2', [blind('tower'), blind('drone')]);
      expect(await found(s, ['drone', 'tower'])).toEqual(['r2', 'r1']);
      expect(await found(s, ['drone'])).toEqual(['r2', 'r1']);
    });

    it('pages and filters like listNewest', async () => {
      const s = store();
      await seed(s);
      await s.reports.insert(
        newReport({ id: 'r4', receivedAt: T0 + 4, searchTokens: [blind('tower')] }),
      );
      await s.reports.setQueue('r3', 'abuse');
      const page = (after?: Cursor) => s.reports.search([blind('tower')], 2, after);
      const pages = await walk(page);
      expect(idPages(pages)).toEqual([['r4', 'r3'], ['r1']]);
      const exact = await walk((after) => s.reports.search([blind('tower')], 3, after));
      expect(idPages(exact)).toEqual([['r4', 'r3', 'r1']]);
      const analyst = await s.reports.search([blind('tower')], 10, undefined, { queue: 'analyst' });
      expect(ids(analyst.items)).toEqual(['r4', 'r1']);
    });
  });

  describe('normalization and flags', () => {
    it('stores time, place and assessment, marks the report normalized and replaces only time/place/source flags', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await s.reports.replaceFlags(
        'r1',
        ['abuse', 'time', 'place', 'source', 'media'] as never,
        [
          'abuse.repeat_dialer',
          'time.stale',
          'place.swapped',
          'source.late',
          'media.exif',
        ] as never,
      );
      const window = { from: T0 - 10 * MINUTE, to: T0 };
      const point = { lat: 34.261, lon: 108.942 };
      const n = normalization(window, point, {
        flags: ['time.vague', 'place.coarse'] as never,
        completeness: completeness(0.75),
        nextQuestions: [{ field: 'who', gain: 0.2, question: { en: 'Who?', zh: '谁？' } }],
      });
      await s.reports.saveNormalization('r1', n, window, point);
      const got = (await s.reports.get('r1'))!;
      expect(got.time).toStrictEqual(n.time);
      expect(got.place).toStrictEqual(n.place);
      expect(got.stage).toBe('normalized');
      expect(got.assessment).toStrictEqual({
        completeness: n.completeness,
        nextQuestions: n.nextQuestions,
      });
      expect(got.flags).toEqual([
        'abuse.repeat_dialer',
        'media.exif',
        'time.vague',
        'place.coarse',
      ]);
    });

    it('stores no assessment when the normalization has none, and null time and place', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      const window = { from: T0, to: T0 };
      await s.reports.saveNormalization('r1', { time: null, place: null, flags: [] }, window, null);
      const got = (await s.reports.get('r1'))!;
      expect([got.time, got.place, got.assessment, got.stage]).toEqual([
        null,
        null,
        null,
        'normalized',
      ]);
    });

    it('replaces the flags of the named families and keeps the others, never twice the same', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await s.reports.replaceFlags(
        'r1',
        ['abuse'] as never,
        ['abuse.repeat_dialer', 'abuser.other'] as never,
      );
      await s.reports.replaceFlags('r1', ['time'] as never, ['time.stale'] as never);
      expect((await s.reports.get('r1'))!.flags).toEqual([
        'abuse.repeat_dialer',
        'abuser.other',
        'time.stale',
      ]);
      // `abuser.*` is not of the `abuse` family.
      await s.reports.replaceFlags('r1', ['abuse'] as never, [] as never);
      expect((await s.reports.get('r1'))!.flags).toEqual(['abuser.other', 'time.stale']);
      // A flag already kept is not added again.
      await s.reports.replaceFlags('r1', ['place'] as never, ['time.stale', 'place.far'] as never);
      expect((await s.reports.get('r1'))!.flags).toEqual([
        'abuser.other',
        'time.stale',
        'place.far',
      ]);
    });

    it('treats a flag without a dot as a family of its own', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await s.reports.replaceFlags(
        'r1',
        ['legacy', 'abuse'] as never,
        ['legacy', 'abuse'] as never,
      );
      await s.reports.replaceFlags('r1', ['legac', 'abus'] as never, [] as never);
      expect((await s.reports.get('r1'))!.flags).toEqual(['legacy', 'abuse']);
      await s.reports.replaceFlags('r1', ['legacy'] as never, [] as never);
      expect((await s.reports.get('r1'))!.flags).toEqual(['abuse']);
    });
  });

  describe('changes to one field', () => {
    type Change = [string, (s: AsyncStore) => Promise<unknown>, Partial<Report>];
    const geocoded = { lat: 34.2, lon: 108.9, accuracyMeters: 30, label: 'Bell Tower, Xi’an' };
    const changes: Change[] = [
      ['setStage', (s) => s.reports.setStage('r1', 'done'), { stage: 'done' }],
      ['setQueue', (s) => s.reports.setQueue('r1', 'abuse'), { queue: 'abuse' }],
      ['setCategory', (s) => s.reports.setCategory('r1', 'drone'), { category: 'drone' }],
      [
        'setEventKinds',
        (s) => s.reports.setEventKinds('r1', ['fire', 'explosion']),
        { eventKinds: ['fire', 'explosion'] },
      ],
      [
        'setStatus',
        (s) => s.reports.setStatus('r1', 'closed', T0 + 99),
        { status: 'closed', statusChangedAt: T0 + 99 },
      ],
      [
        'assignOffice',
        async (s) => {
          await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
          await s.reports.assignOffice('r1', 'o_n');
        },
        { officeId: 'o_n' },
      ],
      [
        'assignIncident',
        async (s) => {
          await s.incidents.create(
            'i_1',
            totals([{ window: { from: T0, to: T0 }, point: null }]),
            T0,
          );
          await s.reports.assignIncident('r1', 'i_1');
        },
        { incidentId: 'i_1', stage: 'correlated' },
      ],
      [
        'setGeocode',
        (s) => s.reports.setGeocode('r1', geocoded, 'done'),
        { geocoded, geocodeState: 'done' },
      ],
      [
        'updateClaims (subjects kept)',
        (s) =>
          s.reports.updateClaims(
            'r1',
            { howKnown: 'heard' },
            { narrativeWords: 3, who: null },
            null,
          ),
        { claims: { howKnown: 'heard' }, textFacts: { narrativeWords: 3, who: null } },
      ],
    ];

    it.each(changes)('%s changes that field and nothing else', async (_name, change, fields) => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1', category: 'before' }));
      await s.reports.insert(newReport({ id: 'r2' }));
      const before = (await s.reports.get('r1'))!;
      const other = await s.reports.get('r2');
      await change(s);
      expect(await s.reports.get('r1')).toStrictEqual({ ...before, ...fields });
      expect(await s.reports.get('r2')).toStrictEqual(other);
    });

    it('clears a category and an office with null', async () => {
      const s = store();
      await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
      await s.reports.insert(newReport({ id: 'r1', category: 'drone' }));
      await s.reports.assignOffice('r1', 'o_n');
      await s.reports.setCategory('r1', null);
      await s.reports.assignOffice('r1', null);
      const got = (await s.reports.get('r1'))!;
      expect([got.category, got.officeId]).toEqual([null, null]);
    });

    it('clears the event kinds with an empty list', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1', eventKinds: ['drone'] }));
      await s.reports.setEventKinds('r1', []);
      expect((await s.reports.get('r1'))!.eventKinds).toEqual([]);
    });

    it('replaces the sealed who/what when updateClaims is given new ones', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      const subjects = sealedBytes('new subjects');
      const facts = { narrativeWords: 3, who: { words: 1, vague: true } };
      await s.reports.updateClaims('r1', { subjects: 'someone' }, facts, subjects);
      const got = (await s.reports.get('r1'))!;
      expect(got.sealed.subjects).toEqual(subjects);
      expect(got.textFacts).toEqual(facts);
    });

    it('lists the reports waiting for the geocoder, oldest first, up to the limit', async () => {
      const s = store();
      await insertSeries(s, 4);
      await s.reports.setGeocode('r3', null, 'wanted');
      await s.reports.setGeocode('r1', null, 'wanted');
      await s.reports.setGeocode('r2', null, 'failed');
      await s.reports.setGeocode('r4', null, 'wanted');
      expect(await s.reports.geocodesWanted(10)).toEqual(['r1', 'r3', 'r4']);
      expect(await s.reports.geocodesWanted(2)).toEqual(['r1', 'r3']);
      await s.reports.setGeocode('r1', null, 'done');
      expect(await s.reports.geocodesWanted(10)).toEqual(['r3', 'r4']);
    });
  });

  describe('findNear (correlation candidates)', () => {
    const window = { from: T0, to: T0 + 10 * MINUTE };
    const point = { lat: 10.5, lon: 20.25 };
    const around: BoundingBox = { minLat: 10, maxLat: 11, minLon: 20, maxLon: 21 };
    const EPS = 1e-9;

    it('answers id, incident, exact point and window of a located report', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await locate(s, 'r1', window, point, 'i_1');
      expect(await s.reports.findNear(window, around)).toStrictEqual([
        { id: 'r1', incidentId: 'i_1', lat: 10.5, lon: 20.25, from: window.from, to: window.to },
      ]);
    });

    it.each([
      ['minLat', { minLat: point.lat }, { minLat: point.lat + EPS }],
      ['maxLat', { maxLat: point.lat }, { maxLat: point.lat - EPS }],
      ['minLon', { minLon: point.lon }, { minLon: point.lon + EPS }],
      ['maxLon', { maxLon: point.lon }, { maxLon: point.lon - EPS }],
    ])(
      'includes a point exactly on the box edge %s, not one 1e-9° outside',
      async (_e, on, past) => {
        const s = store();
        await s.reports.insert(newReport({ id: 'r1' }));
        await locate(s, 'r1', window, point);
        expect(ids(await s.reports.findNear(window, { ...around, ...on }))).toEqual(['r1']);
        expect(ids(await s.reports.findNear(window, { ...around, ...past }))).toEqual([]);
      },
    );

    it.each([
      ['ends exactly where the report starts', { from: T0 - MINUTE, to: T0 }, true],
      ['ends 1 ms before the report starts', { from: T0 - MINUTE, to: T0 - 1 }, false],
      [
        'starts exactly where the report ends',
        { from: T0 + 10 * MINUTE, to: T0 + 11 * MINUTE },
        true,
      ],
      [
        'starts 1 ms after the report ends',
        { from: T0 + 10 * MINUTE + 1, to: T0 + 11 * MINUTE },
        false,
      ],
      ['lies inside the report window', { from: T0 + MINUTE, to: T0 + MINUTE }, true],
      ['holds the report window', { from: T0 - MINUTE, to: T0 + 11 * MINUTE }, true],
    ])('a query window that %s: found %s (the windows are closed)', async (_w, query, hit) => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await locate(s, 'r1', window, point);
      expect(ids(await s.reports.findNear(query, around))).toEqual(hit ? ['r1'] : []);
    });

    it('knows only reports with a point that joined an incident', async () => {
      const s = store();
      await insertSeries(s, 3);
      // r1: normalized with a point, not in an incident yet.
      await s.reports.saveNormalization('r1', normalization(window, point), window, point);
      // r2: in an incident, without a point.
      await locate(s, 'r2', window, null);
      // r3: both.
      await locate(s, 'r3', window, point);
      expect(ids(await s.reports.findNear(window, around))).toEqual(['r3']);
      await s.reports.assignIncident('r1', 'i_r3');
      expect(ids(await s.reports.findNear(window, around)).sort()).toEqual(['r1', 'r3']);
    });

    it('follows a report normalized again: its new point, or none once it has lost its point', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await locate(s, 'r1', window, point, 'i_1');
      const moved = { lat: 40, lon: -3 };
      await locate(s, 'r1', window, moved, 'i_1');
      expect(ids(await s.reports.findNear(window, around))).toEqual([]);
      const madrid = { minLat: 39, maxLat: 41, minLon: -4, maxLon: -2 };
      expect(ids(await s.reports.findNear(window, madrid))).toEqual(['r1']);
      await locate(s, 'r1', window, null, 'i_1');
      expect(ids(await s.reports.findNear(window, madrid))).toEqual([]);
    });

    it('does not wrap a box across the antimeridian (minLon > maxLon finds nothing); the whole circle holds ±180°', async () => {
      // Pinned: the interface does not claim wrapping; correlate/geo.ts boundingBox
      // widens a box that would cross ±180° to the whole circle instead.
      const s = store();
      await insertSeries(s, 3);
      await locate(s, 'r1', window, { lat: 0, lon: 179.5 });
      await locate(s, 'r2', window, { lat: 0, lon: 180 });
      await locate(s, 'r3', window, { lat: 0, lon: -180 });
      const wrapped = { minLat: -1, maxLat: 1, minLon: 179, maxLon: -179 };
      expect(await s.reports.findNear(window, wrapped)).toEqual([]);
      const circle = { minLat: -1, maxLat: 1, minLon: -180, maxLon: 180 };
      expect(ids(await s.reports.findNear(window, circle)).sort()).toEqual(['r1', 'r2', 'r3']);
    });
  });

  describe('callers, completeness, attachments, keys', () => {
    it('gives a caller history by pseudonym or link, oldest first, with flags and queue', async () => {
      const s = store();
      await s.reports.insert(
        newReport({ id: 'late', receivedAt: T0 + 9, callerPseudonym: 'p_new' }),
      );
      await s.reports.insert(
        newReport({
          id: 'linked',
          receivedAt: T0 + 5,
          callerPseudonym: 'p_x',
          callerLink: 'p_old',
        }),
      );
      await s.reports.insert(newReport({ id: 'first', receivedAt: T0, callerPseudonym: 'p_old' }));
      await s.reports.insert(newReport({ id: 'tie', receivedAt: T0, callerPseudonym: 'p_new' }));
      await s.reports.insert(newReport({ id: 'other', receivedAt: T0, callerPseudonym: 'p_z' }));
      await s.reports.replaceFlags('late', ['abuse'] as never, ['abuse.repeat_dialer'] as never);
      await s.reports.setQueue('late', 'abuse');
      expect(await s.reports.callerHistory(['p_new', 'p_old'])).toEqual([
        { id: 'first', receivedAt: T0, flags: [], queue: 'analyst' },
        { id: 'tie', receivedAt: T0, flags: [], queue: 'analyst' },
        { id: 'linked', receivedAt: T0 + 5, flags: [], queue: 'analyst' },
        { id: 'late', receivedAt: T0 + 9, flags: ['abuse.repeat_dialer'], queue: 'abuse' },
      ]);
      expect(ids(await s.reports.callerHistory(['p_old']))).toEqual(['first', 'linked']);
      expect(await s.reports.callerHistory([])).toEqual([]);
    });

    it('takes every pseudonym it is given, not only the first two', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'a', receivedAt: T0, callerPseudonym: 'p_a' }));
      await s.reports.insert(newReport({ id: 'b', receivedAt: T0 + 1, callerPseudonym: 'p_b' }));
      await s.reports.insert(newReport({ id: 'c', receivedAt: T0 + 2, callerLink: 'p_c' }));
      expect(ids(await s.reports.callerHistory(['p_a', 'p_b', 'p_c']))).toEqual(['a', 'b', 'c']);
    });

    it('sums completeness over reports received in [from, to), of one queue if asked', async () => {
      const s = store();
      const scores = [0.25, 0.5, 1, 0.75];
      for (const [i, score] of scores.entries()) {
        const id = `r${i}`;
        await s.reports.insert(newReport({ id, receivedAt: T0 + i }));
        const w = { from: T0, to: T0 };
        const n = normalization(w, null, { completeness: completeness(score) });
        await s.reports.saveNormalization(id, n, w, null);
      }
      await s.reports.insert(newReport({ id: 'unscored', receivedAt: T0 + 1 }));
      await s.reports.setQueue('r2', 'abuse');
      expect(await s.reports.completeness(T0, T0 + 4)).toEqual({
        reports: 4,
        mean: 0.625,
        min: 0.25,
        max: 1,
      });
      // from inclusive, to exclusive: [T0+1, T0+3) holds r1 and r2.
      expect(await s.reports.completeness(T0 + 1, T0 + 3)).toEqual({
        reports: 2,
        mean: 0.75,
        min: 0.5,
        max: 1,
      });
      expect(await s.reports.completeness(T0, T0 + 4, { queue: 'abuse' })).toEqual({
        reports: 1,
        mean: 1,
        min: 1,
        max: 1,
      });
      expect(await s.reports.completeness(T0 + 4, T0 + 9)).toEqual({
        reports: 0,
        mean: null,
        min: null,
        max: null,
      });
    });

    it('gives attachments in their order and each its own sealed segments', async () => {
      const s = store();
      const a1 = newAttachment({ id: 'a1', contentType: 'image/png' });
      const a2 = newAttachment({ id: 'a2', sizeBytes: 99 });
      await s.reports.insert(newReport({ id: 'r1', attachments: [a1, a2] }));
      await s.reports.insert(newReport({ id: 'r2' }));
      const { sealed: d1, ...m1 } = a1;
      const { sealed: d2, ...m2 } = a2;
      expect(await s.reports.attachments('r1')).toStrictEqual([m1, m2]);
      expect(await s.reports.attachments('r2')).toEqual([]);
      const segments = async (id: string) => {
        const out: Buffer[] = [];
        for (let seq = 0; ; seq++) {
          const data = await s.files.segment(id, seq);
          if (!data) return out;
          out.push(data);
        }
      };
      expect(await segments('a1')).toEqual((d1 as { segments: Buffer[] }).segments);
      expect(await segments('a2')).toEqual((d2 as { segments: Buffer[] }).segments);
      expect(await segments('a_none')).toEqual([]);
      // Sealed whole only before schema version 14: none here.
      expect(await s.reports.attachmentData('r1', 'a1')).toBeNull();
    });

    it('stores a staged file with the report that claims it, and refuses one not staged', async () => {
      const s = store();
      await s.files.stage('a_up', 1000);
      expect(await s.files.append('a_up', 0, [Buffer.from('seg0')])).toBe(true);
      expect(await s.files.append('a_up', 1, [Buffer.from('seg1'), Buffer.from('seg2')])).toBe(
        true,
      );
      expect(await s.files.stagedCount()).toBe(1);
      await s.reports.insert(
        newReport({ id: 'r1', attachments: [newAttachment({ id: 'a_up', sealed: 'staged' })] }),
      );
      expect(await s.files.stagedCount()).toBe(0);
      expect((await s.files.segment('a_up', 2))?.toString()).toBe('seg2');
      // Claimed: no longer staged, so a late discard or sweep cannot touch it.
      expect(await s.files.staleStaged(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
      await expect(
        s.transaction((tx) =>
          tx.reports.insert(
            newReport({
              id: 'r2',
              attachments: [newAttachment({ id: 'a_gone', sealed: 'staged' })],
            }),
          ),
        ),
      ).rejects.toMatchObject({ code: 'staged_file_missing' });
      expect(await s.reports.get('r2')).toBeNull();
    });

    it('discards a staged file with its segments, and finds the stale ones oldest first', async () => {
      const s = store();
      await s.files.stage('a_old', 1000);
      await s.files.stage('a_new', 2000);
      await s.files.stage('a_mid', 1500);
      await s.files.append('a_old', 0, [Buffer.from('x')]);
      expect(await s.files.staleStaged(1500, 10)).toEqual(['a_old']);
      expect(await s.files.staleStaged(1501, 10)).toEqual(['a_old', 'a_mid']);
      expect(await s.files.staleStaged(3000, 2)).toEqual(['a_old', 'a_mid']);
      await s.files.discard('a_old');
      expect(await s.files.segment('a_old', 0)).toBeNull();
      expect(await s.files.append('a_old', 1, [Buffer.from('late')])).toBe(false);
      expect(await s.files.segment('a_old', 1)).toBeNull();
      expect(await s.files.stagedCount()).toBe(2);
    });

    it("gives a report's wrapped data key, null for an unknown report", async () => {
      const s = store();
      const key = sealedBytes('wrapped', 60);
      await s.reports.insert(
        newReport({
          id: 'r1',
          sealed: { dataKey: key, narrative: sealedBytes('n'), subjects: null },
        }),
      );
      expect(await s.reports.dataKey('r1')).toEqual(key);
      expect(await s.reports.dataKey('r_none')).toBeNull();
    });

    it('holds no legacy plaintext for reports stored sealed', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1', attachments: [newAttachment()] }));
      expect(await s.reports.legacyPlaintext(10)).toEqual([]);
    });
  });

  describe('retention', () => {
    it('finds reports in a status since strictly before a time, up to the limit', async () => {
      const s = store();
      await insertSeries(s, 5);
      await s.reports.setStatus('r1', 'closed', T0 + 100);
      await s.reports.setStatus('r2', 'closed', T0 + 99);
      await s.reports.setStatus('r3', 'closed', T0 + 101);
      await s.reports.setStatus('r4', 'unfounded', T0 + 50);
      expect((await s.reports.expired('closed', T0 + 100, 10)).sort()).toEqual(['r2']);
      expect((await s.reports.expired('closed', T0 + 101, 10)).sort()).toEqual(['r1', 'r2']);
      expect((await s.reports.expired('closed', T0 + 102, 10)).sort()).toEqual(['r1', 'r2', 'r3']);
      expect(await s.reports.expired('closed', T0 + 102, 2)).toHaveLength(2);
      expect(await s.reports.expired('unfounded', T0 + 51, 10)).toEqual(['r4']);
      // A report never moved keeps its arrival as the time of its status.
      expect(await s.reports.expired('new', T0 + 5, 10)).toEqual([]);
      expect(await s.reports.expired('new', T0 + 6, 10)).toEqual(['r5']);
    });

    it('removes a report and everything that hangs off it, and nothing of another report', async () => {
      const s = store();
      const w = { from: T0, to: T0 + MINUTE };
      const p = { lat: 1, lon: 2 };
      for (const id of ['gone', 'kept']) {
        await s.reports.insert(
          newReport({
            id,
            callerPseudonym: 'p_1',
            searchTokens: [blind('word')],
            attachments: [newAttachment({ id: `${id}_a` })],
          }),
        );
        await locate(s, id, w, p, 'i_1');
        await s.receipts.insert(`look_${id}`, sealedBytes('secret'), id, T0);
        await s.messages.insert({
          id: `m_${id}`,
          reportId: id,
          author: 'operator',
          authorId: 'user:alice',
          bodySealed: sealedBytes('body'),
          createdAt: T0,
        });
        await s.jobs.enqueue(id, 'notify', T0);
      }
      const keptBefore = await s.reports.get('kept');
      await s.reports.remove('gone');

      expect(await s.reports.get('gone')).toBeNull();
      expect(await s.reports.count()).toBe(1);
      expect(await s.reports.dataKey('gone')).toBeNull();
      expect(await s.reports.attachments('gone')).toEqual([]);
      expect(await s.reports.attachmentData('gone', 'gone_a')).toBeNull();
      expect(await s.files.segment('gone_a', 0)).toBeNull();
      expect(await s.files.segment('kept_a', 0)).not.toBeNull();
      expect(ids((await s.reports.search([blind('word')], 10)).items)).toEqual(['kept']);
      const box = { minLat: 0, maxLat: 2, minLon: 1, maxLon: 3 };
      expect(ids(await s.reports.findNear(w, box))).toEqual(['kept']);
      expect(ids(await s.reports.callerHistory(['p_1']))).toEqual(['kept']);
      expect(await s.receipts.get('look_gone')).toBeNull();
      expect(await s.receipts.forReport('gone')).toEqual([]);
      expect(await s.messages.forReport('gone')).toEqual([]);
      expect(await s.jobs.forReport('gone')).toBeNull();
      expect(await s.jobs.counts()).toEqual({ ready: 1, failed: 0 });
      expect((await s.incidents.memberIds('i_1')).reportIds).toEqual(['kept']);

      expect(await s.reports.get('kept')).toStrictEqual(keptBefore);
      expect(await s.receipts.forReport('kept')).toEqual(['look_kept']);
      expect(await s.messages.forReport('kept')).toHaveLength(1);
      expect(await s.files.segment('kept_a', 1)).not.toBeNull();
    });
  });
}
