/**
 * The contract of report versions: a sender's report found by its externalId, its
 * content replaced as a new version (the old one kept whole, sealed), and the report
 * sent through the pipeline again as a new pass. Through the asynchronous port only.
 */
import { describe, expect, it } from 'vitest';
import type { NewReport } from '../../src/domain/report.js';
import type { AsyncStore } from '../../src/store/port.js';
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
import { refused, useStore, type OpenStore } from './harness.js';

const ids = (reports: { id: string }[]) => reports.map((r) => r.id);

/** The next version of report `id` as intake builds it: same id and data key, new content. */
function nextVersion(
  s: { id: string; dataKey: Buffer },
  label: string,
  overrides: Partial<NewReport> = {},
): NewReport {
  return newReport({
    id: s.id,
    externalId: 'ext-1',
    sender: 'token:t_1',
    claims: { observedAt: '2026-11-20T22:00:00+08:00', howKnown: 'heard' },
    category: `category ${label}`,
    contentHash: `hash ${label}`,
    sealed: {
      dataKey: s.dataKey,
      narrative: sealedBytes(`${s.id}:narrative:${label}`, 70),
      subjects: sealedBytes(`${s.id}:subjects:${label}`, 20),
    },
    textFacts: { narrativeWords: 20, who: { words: 3, vague: true } },
    searchTokens: [blind(label)],
    ...overrides,
  });
}

/** A sender's report with an externalId, normalized, in an incident, with findings and a job done. */
async function workedReport(s: AsyncStore, id = 'r_1') {
  const first = newReport({
    id,
    externalId: 'ext-1',
    sender: 'token:t_1',
    submittedBy: 'token:t_1',
    callerPseudonym: 'p_caller',
    category: 'drone',
    contentHash: 'hash v1',
    searchTokens: [blind('first')],
    attachments: [newAttachment({ id: `${id}_a1` })],
  });
  await s.reports.insert(first);
  const window = { from: T0, to: T0 + MINUTE };
  const point = { lat: 34.26, lon: 108.94 };
  await s.reports.saveNormalization(
    id,
    normalization(window, point, { flags: ['time.zone_assumed'], completeness: completeness(0.5) }),
    window,
    point,
  );
  await s.reports.replaceFlags(id, ['abuse'], ['abuse.repeat_dialer']);
  await s.incidents.create('i_1', totals([{ window, point }]), T0);
  await s.reports.assignIncident(id, 'i_1');
  await s.reports.setStatus(id, 'in_review', T0 + 10);
  await s.findings.replace(id, { name: 'daylight', version: 1 }, [], T0);
  await s.stageEffects.record(id, 'screen', 1, 1, T0);
  await s.stageEffects.record(id, 'notify', 1, 1, T0);
  return { first, window, point };
}

export function versionContract(open: OpenStore) {
  const store = useStore(open);

  describe('findBySender', () => {
    it("finds a sender's report by its externalId, and no other sender's", async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'a', externalId: 'ext-1', sender: 'token:t_1' }));
      await s.reports.insert(newReport({ id: 'b', externalId: 'ext-1', sender: 'import' }));
      await s.reports.insert(newReport({ id: 'c', externalId: 'ext-1', sender: null }));
      expect((await s.reports.findBySender('token:t_1', 'ext-1'))?.id).toBe('a');
      expect((await s.reports.findBySender('import', 'ext-1'))?.id).toBe('b');
      expect(await s.reports.findBySender('token:t_2', 'ext-1')).toBeNull();
      expect(await s.reports.findBySender('token:t_1', 'ext-2')).toBeNull();
    });

    it('refuses a second report of one sender under one externalId; the public may repeat one', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'a', externalId: 'ext-1', sender: 'import' }));
      await refused(() =>
        s.reports.insert(newReport({ id: 'b', externalId: 'ext-1', sender: 'import' })),
      );
      await s.reports.insert(newReport({ id: 'c', externalId: 'ext-1', sender: null }));
      await s.reports.insert(newReport({ id: 'd', externalId: 'ext-1', sender: null }));
      expect(await s.reports.count()).toBe(3);
    });

    it('gives a new report version 1, its sender and its content hash', async () => {
      const s = store();
      await s.reports.insert(
        newReport({ id: 'a', externalId: 'e', sender: 'user:alice', contentHash: 'h' }),
      );
      const got = (await s.reports.get('a'))!;
      expect([got.version, got.sender, got.contentHash]).toEqual([1, 'user:alice', 'h']);
      expect(await s.reports.versions('a')).toEqual([]);
    });
  });

  describe('replaceContent', () => {
    it('keeps the replaced version whole, sealed bytes byte for byte, and names who replaced it', async () => {
      const s = store();
      const { first } = await workedReport(s);
      const version = await s.reports.replaceContent(
        nextVersion({ id: 'r_1', dataKey: first.sealed.dataKey }, 'v2'),
        { from: 1, at: T0 + 500, by: 'token:t_1' },
      );
      expect(version).toBe(2);
      expect(await s.reports.versions('r_1')).toStrictEqual([
        {
          reportId: 'r_1',
          version: 1,
          sealed: { narrative: first.sealed.narrative, subjects: null },
          claims: first.claims,
          category: 'drone',
          textFacts: first.textFacts,
          contentHash: 'hash v1',
          replacedAt: T0 + 500,
          replacedBy: 'token:t_1',
        },
      ]);
    });

    it('writes the new content and clears what the stages made of the old one', async () => {
      const s = store();
      const { first, window } = await workedReport(s);
      const next = nextVersion({ id: 'r_1', dataKey: first.sealed.dataKey }, 'v2');
      await s.reports.replaceContent(next, { from: 1, at: T0 + 500, by: 'token:t_1' });
      const got = (await s.reports.get('r_1'))!;
      expect(got).toMatchObject({
        version: 2,
        sealed: next.sealed,
        claims: next.claims,
        category: 'category v2',
        textFacts: next.textFacts,
        contentHash: 'hash v2',
        stage: 'received',
        time: null,
        place: null,
        assessment: null,
        geocoded: null,
        geocodeState: null,
        // The content's flags go; the caller's stay (a new version is no new call).
        flags: ['abuse.repeat_dialer'],
      });
      expect(await s.findings.forReport('r_1')).toEqual([]);
      // Out of the spatial index until correlation places it again.
      const box = { minLat: 34, maxLat: 35, minLon: 108, maxLon: 109 };
      expect(await s.reports.findNear(window, box)).toEqual([]);
    });

    it('makes the new version’s text pending again: the old score, observables and tokens go', async () => {
      const s = store();
      const { first } = await workedReport(s);
      await s.reports.insert(newReport({ id: 'r_other' }));
      const analysis = {
        textScore: textScore(44.5),
        observables: sealedBytes('o v1', 40),
        tokens: [{ type: 'ipv4' as const, token: 'T-old' }],
        state: 'done' as const,
      };
      expect(await s.reports.setTextAnalysis('r_1', 1, analysis)).toBe(true);
      expect(await s.reports.setTextAnalysis('r_other', 1, analysis)).toBe(true);
      await s.reports.replaceContent(
        nextVersion({ id: 'r_1', dataKey: first.sealed.dataKey }, 'v2'),
        { from: 1, at: T0 + 500, by: 'token:t_1' },
      );
      const got = (await s.reports.get('r_1'))!;
      expect([got.textState, got.textScore, got.sealed.observables]).toEqual([
        'pending',
        null,
        null,
      ]);
      expect(await s.reports.observableCounts(['T-old'], 'r_other')).toEqual(new Map());
      expect((await s.reports.pendingText(10)).map((p) => [p.id, p.version])).toEqual([['r_1', 2]]);
      // A reading of version 1 that finishes late is not written over version 2.
      expect(await s.reports.setTextAnalysis('r_1', 1, analysis)).toBe(false);
    });

    it('keeps the report itself: id, receipt, caller, arrival, incident, status, sender, data key', async () => {
      const s = store();
      const { first } = await workedReport(s);
      await s.receipts.insert('look_1', sealedBytes('secret'), 'r_1', T0);
      const before = (await s.reports.get('r_1'))!;
      await s.reports.replaceContent(
        nextVersion({ id: 'r_1', dataKey: first.sealed.dataKey }, 'v2', {
          // What a resend cannot change: the report keeps its first arrival's.
          channel: 'phone',
          receivedAt: T0 + 999,
          callerPseudonym: 'p_other',
          submittedBy: 'token:t_9',
        }),
        { from: 1, at: T0 + 500, by: 'token:t_1' },
      );
      const got = (await s.reports.get('r_1'))!;
      const kept = (r: typeof got) => ({
        id: r.id,
        seq: r.seq,
        externalId: r.externalId,
        channel: r.channel,
        receivedAt: r.receivedAt,
        callerPseudonym: r.callerPseudonym,
        submittedBy: r.submittedBy,
        sender: r.sender,
        incidentId: r.incidentId,
        status: r.status,
        statusChangedAt: r.statusChangedAt,
        queue: r.queue,
        officeId: r.officeId,
        dataKey: r.sealed.dataKey,
      });
      expect(kept(got)).toStrictEqual(kept(before));
      expect(got.incidentId).toBe('i_1');
      expect(await s.receipts.get('look_1')).toMatchObject({ reportId: 'r_1' });
    });

    it('adds the new attachments and search words; the old words still find the report', async () => {
      const s = store();
      const { first } = await workedReport(s);
      await s.reports.replaceContent(
        nextVersion({ id: 'r_1', dataKey: first.sealed.dataKey }, 'v2', {
          attachments: [newAttachment({ id: 'r_1_a2' })],
        }),
        { from: 1, at: T0 + 500, by: 'token:t_1' },
      );
      expect((await s.reports.attachments('r_1')).map((a) => a.id)).toEqual(['r_1_a1', 'r_1_a2']);
      expect(ids((await s.reports.search([blind('v2')], 10)).items)).toEqual(['r_1']);
      expect(ids((await s.reports.search([blind('first')], 10)).items)).toEqual(['r_1']);
    });

    it('numbers versions on, each replaced one kept in order', async () => {
      const s = store();
      const { first } = await workedReport(s);
      const target = { id: 'r_1', dataKey: first.sealed.dataKey };
      await s.reports.replaceContent(nextVersion(target, 'v2'), {
        from: 1,
        at: T0 + 1,
        by: 'token:t_1',
      });
      const third = await s.reports.replaceContent(nextVersion(target, 'v3'), {
        from: 2,
        at: T0 + 2,
        by: 'token:t_1',
      });
      expect(third).toBe(3);
      const versions = await s.reports.versions('r_1');
      expect(versions.map((v) => [v.version, v.contentHash, v.replacedAt])).toEqual([
        [1, 'hash v1', T0 + 1],
        [2, 'hash v2', T0 + 2],
      ]);
      expect((await s.reports.get('r_1'))!.contentHash).toBe('hash v3');
    });

    it('refuses a version that is not the current one, and an unknown report, changing nothing', async () => {
      const s = store();
      const { first } = await workedReport(s);
      const target = { id: 'r_1', dataKey: first.sealed.dataKey };
      const before = await s.reports.get('r_1');
      await refused(() =>
        s.reports.replaceContent(nextVersion(target, 'v2'), {
          from: 2,
          at: T0,
          by: 'token:t_1',
        }),
      );
      await refused(() =>
        s.reports.replaceContent(nextVersion({ ...target, id: 'r_none' }, 'v2'), {
          from: 1,
          at: T0,
          by: 'token:t_1',
        }),
      );
      expect(await s.reports.get('r_1')).toStrictEqual(before);
      expect(await s.reports.versions('r_1')).toEqual([]);
    });

    it('is undone whole with a transaction that fails after it', async () => {
      const s = store();
      const { first } = await workedReport(s);
      const before = await s.reports.get('r_1');
      await refused(() =>
        s.transaction(async (tx) => {
          await tx.reports.replaceContent(
            nextVersion({ id: 'r_1', dataKey: first.sealed.dataKey }, 'v2', {
              attachments: [newAttachment({ id: 'r_1_a2' })],
            }),
            { from: 1, at: T0, by: 'token:t_1' },
          );
          throw new Error('the rest of the transaction failed');
        }),
      );
      expect(await s.reports.get('r_1')).toStrictEqual(before);
      expect(await s.reports.versions('r_1')).toEqual([]);
    });

    it('goes with its report when the report is removed', async () => {
      const s = store();
      const { first } = await workedReport(s);
      await s.reports.replaceContent(
        nextVersion({ id: 'r_1', dataKey: first.sealed.dataKey }, 'v2'),
        { from: 1, at: T0, by: 'token:t_1' },
      );
      await s.reports.remove('r_1');
      expect(await s.reports.get('r_1')).toBeNull();
      expect(await s.reports.versions('r_1')).toEqual([]);
    });
  });

  describe('jobs.restart', () => {
    it('queues a finished report again from the given stage, as the pass after its last', async () => {
      const s = store();
      await workedReport(s);
      expect(await s.jobs.restart('r_1', 'screen', T0 + 5)).toBe(2);
      expect(await s.jobs.forReport('r_1')).toMatchObject({
        reportId: 'r_1',
        stage: 'screen',
        attempts: 0,
        pass: 2,
        availableAt: T0 + 5,
      });
      expect(await s.jobs.restart('r_1', 'screen', T0 + 6)).toBe(3);
    });

    it('replaces a waiting job at a later stage, and a parked one, with one ready job', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r_1' }));
      await s.jobs.enqueue('r_1', 'verify', T0, 4);
      const parked = (await s.jobs.forReport('r_1'))!;
      await s.jobs.park(parked.id, 5, 'boom', T0);
      expect(await s.jobs.counts()).toEqual({ ready: 0, failed: 1 });
      // Past the job's own pass, which no stage effect recorded yet.
      expect(await s.jobs.restart('r_1', 'screen', T0 + 1)).toBe(5);
      expect(await s.jobs.counts()).toEqual({ ready: 1, failed: 0 });
      expect(await s.jobs.due(T0 + 1, 10)).toMatchObject([
        { reportId: 'r_1', stage: 'screen', attempts: 0, pass: 5 },
      ]);
    });

    it('queues a report that never had a job as pass 1', async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r_1' }));
      expect(await s.jobs.restart('r_1', 'screen', T0)).toBe(1);
    });
  });
}
