/**
 * The F6 scenario's scorer (bench/scenario/score.mjs): B-cubed on hand-computed
 * clusterings, stored copies of one externalId, reports missing or unknown, the
 * independent-source check, and the thresholds of the command line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';
import {
  bcubed,
  checkThresholds,
  scoreScenario,
  type ClusterItem,
  type ExportedIncident,
  type ExportedReport,
  type TruthReportLike,
} from '../bench/scenario/score.mjs';

/** Items from a clustering written as `[system cluster, truth cluster]` per item. */
const items = (pairs: [string, string][]): ClusterItem[] =>
  pairs.map(([system, truth]) => ({ system, truth }));

describe('B-cubed', () => {
  test('a perfect clustering scores 1, whatever the labels are called', () => {
    const score = bcubed(
      items([
        ['x', 'A'],
        ['x', 'A'],
        ['y', 'B'],
        ['z', 'C'],
        ['z', 'C'],
        ['z', 'C'],
      ]),
    );
    expect(score).toEqual({ precision: 1, recall: 1, f1: 1, items: 6 });
  });

  test('everything in one cluster: precision is the truth clusters’ squared shares, recall 1', () => {
    // Truth A has 2 items, B 3: precision = (2·2/5 + 3·3/5) / 5 = 0.52.
    const score = bcubed(
      items([
        ['all', 'A'],
        ['all', 'A'],
        ['all', 'B'],
        ['all', 'B'],
        ['all', 'B'],
      ]),
    );
    expect(score.precision).toBeCloseTo(0.52, 10);
    expect(score.recall).toBe(1);
    expect(score.f1).toBeCloseTo((2 * 0.52) / 1.52, 10);
  });

  test('every item alone: precision 1, recall the number of truth clusters over the items', () => {
    // Recall = (2·1/2 + 3·1/3) / 5 = 2/5.
    const score = bcubed(
      items([
        ['1', 'A'],
        ['2', 'A'],
        ['3', 'B'],
        ['4', 'B'],
        ['5', 'B'],
      ]),
    );
    expect(score.precision).toBe(1);
    expect(score.recall).toBeCloseTo(0.4, 10);
  });

  test("Bagga and Baldwin's example (1998): two truth clusters merged, precision 64/84", () => {
    // Truth {1–5} {6, 7} {8–12}; system {1–5} {6–12}.
    const pairs: [string, string][] = [];
    for (let i = 1; i <= 12; i++) {
      pairs.push([i <= 5 ? 'S1' : 'S2', i <= 5 ? 'A' : i <= 7 ? 'B' : 'C']);
    }
    const score = bcubed(items(pairs));
    expect(score.precision).toBeCloseTo(64 / 84, 10);
    expect(score.recall).toBe(1);
    expect(score.f1).toBeCloseTo((2 * (64 / 84)) / (1 + 64 / 84), 10);
  });

  test('a split and a merge at once: both figures fall', () => {
    // Truth A = {1,2,3}, B = {4}; system {1,2} {3,4}.
    // Precision: 1, 1, 1/2, 1/2 → 0.75. Recall: 2/3, 2/3, 1/3, 1 → 2/3.
    const score = bcubed(
      items([
        ['s', 'A'],
        ['s', 'A'],
        ['t', 'A'],
        ['t', 'B'],
      ]),
    );
    expect(score.precision).toBeCloseTo(0.75, 10);
    expect(score.recall).toBeCloseTo(2 / 3, 10);
  });

  test('no items at all is nothing wrong', () => {
    expect(bcubed([])).toEqual({ precision: 1, recall: 1, f1: 1, items: 0 });
  });
});

/**
 * A small truth: event e1 seen by a repeat caller (a1, a2: one source) and a
 * witness (a3); event e2 by one witness (b1); a noise report (n1).
 */
const TRUTH: { reports: Record<string, TruthReportLike> } = {
  reports: {
    a1: { event: 'e1', source: 'w1', role: 'repeat' },
    a2: { event: 'e1', source: 'w1', role: 'repeat' },
    a3: { event: 'e1', source: 'w2', role: 'witness' },
    b1: { event: 'e2', source: 'w3', role: 'witness' },
    n1: { event: null, source: 'n1', role: 'noise' },
  },
};

const report = (id: string, externalId: string | null, incidentId: string | null) => ({
  id,
  externalId,
  incidentId,
});

/** The export of a system that got it right: e1, e2 and the noise each alone. */
function rightExport(): { incidents: ExportedIncident[]; reports: ExportedReport[] } {
  return {
    incidents: [
      {
        id: 'i1',
        reportIds: ['r1', 'r2', 'r3'],
        externalIds: ['a1', 'a2', 'a3'],
        independentSources: 2,
      },
      { id: 'i2', reportIds: ['r4'], externalIds: ['b1'], independentSources: 1 },
      { id: 'i3', reportIds: ['r5'], externalIds: ['n1'], independentSources: 1 },
    ],
    reports: [
      report('r1', 'a1', 'i1'),
      report('r2', 'a2', 'i1'),
      report('r3', 'a3', 'i1'),
      report('r4', 'b1', 'i2'),
      report('r5', 'n1', 'i3'),
    ],
  };
}

describe('scoring an export against the truth', () => {
  test('the right incidents and source counts score 1 with nothing over- or under-counted', () => {
    const score = scoreScenario({ truth: TRUTH, ...rightExport() });
    expect(score.bcubed).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(score.sources).toMatchObject({ overCounted: 0, underCounted: 0, exact: 3 });
    expect(score.sources.histogram).toEqual({ '0': 3 });
    expect(score.duplicateReports).toBe(0);
    expect(score.missingReports).toBe(0);
  });

  test('a noise report in an incident lowers precision; a report in no incident is alone', () => {
    const exported = rightExport();
    exported.reports[4] = report('r5', 'n1', 'i2'); // the noise joins e2's incident
    exported.reports[2] = report('r3', 'a3', null); // a3 was left out of every incident
    exported.incidents = [
      { id: 'i1', reportIds: ['r1', 'r2'], externalIds: ['a1', 'a2'], independentSources: 1 },
      { id: 'i2', reportIds: ['r4', 'r5'], externalIds: ['b1', 'n1'], independentSources: 2 },
    ];
    const score = scoreScenario({ truth: TRUTH, ...exported });
    // Precision: a1 1, a2 1, a3 1, b1 1/2, n1 1/2 → 4/5. Recall: a1 2/3, a2 2/3, a3 1/3, b1 1, n1 1 → 11/15.
    expect(score.bcubed.precision).toBeCloseTo(0.8, 4);
    expect(score.bcubed.recall).toBeCloseTo(11 / 15, 4);
    expect(score.mixedIncidents.worst).toEqual([{ incident: 'i2', truthClusters: 2 }]);
    expect(score.splitEvents.worst).toEqual([{ event: 'e1', pieces: 2 }]);
  });

  test('a re-send stored as a second report is a duplicate, and each copy an item of its own', () => {
    const exported = rightExport();
    exported.reports.push(report('r1b', 'a1', null)); // the corrected line, stored again, alone
    const score = scoreScenario({ truth: TRUTH, ...exported });
    expect(score.duplicateReports).toBe(1);
    expect(score.items).toBe(6);
    // e1 now has 4 items: r1, r2, r3 together (recall 3/4 each), r1b alone (1/4).
    expect(score.bcubed.recall).toBeCloseTo((3 * 0.75 + 0.25 + 1 + 1) / 6, 4);
    expect(score.bcubed.precision).toBe(1);
  });

  test('a truth report never stored is alone; a stored report the truth does not know is left out', () => {
    const exported = rightExport();
    exported.reports = exported.reports.filter((r) => r.externalId !== 'a3');
    exported.incidents[0] = {
      id: 'i1',
      reportIds: ['r1', 'r2'],
      externalIds: ['a1', 'a2'],
      independentSources: 1,
    };
    exported.reports.push(report('rx', 'not-in-truth', 'i2'), report('ry', null, 'i2'));
    const score = scoreScenario({ truth: TRUTH, ...exported });
    expect(score.missingReports).toBe(1);
    expect(score.unknownReports).toBe(2);
    expect(score.items).toBe(5);
    expect(score.bcubed.precision).toBe(1);
    expect(score.bcubed.recall).toBeLessThan(1);
  });

  test('counting a repeat caller twice over-counts; counting two witnesses once under-counts', () => {
    const exported = rightExport();
    exported.incidents[0]!.independentSources = 3; // truth: w1 (two calls) and w2
    const over = scoreScenario({ truth: TRUTH, ...exported });
    expect(over.sources).toMatchObject({ overCounted: 1, underCounted: 0, exact: 2 });
    expect(over.sources.histogram).toEqual({ '0': 2, '+1': 1 });
    expect(over.sources.worstOver).toEqual([
      { incident: 'i1', independentSources: 3, truthSources: 2, reports: 3 },
    ]);

    exported.incidents[0]!.independentSources = 1;
    const under = scoreScenario({ truth: TRUTH, ...exported });
    expect(under.sources).toMatchObject({ overCounted: 0, underCounted: 1 });
    expect(under.sources.worstUnder[0]).toMatchObject({ incident: 'i1', truthSources: 2 });
  });

  test("an incident's members are found by report id when it lists no externalIds", () => {
    const exported = rightExport();
    exported.incidents = exported.incidents.map(({ externalIds: _ignored, ...rest }) => rest);
    exported.incidents[0]!.independentSources = 3;
    const score = scoreScenario({ truth: TRUTH, ...exported });
    expect(score.sources.overCounted).toBe(1);
    expect(score.bcubed.f1).toBe(1);
  });

  test('the truth sources of a merged incident count each source once across its events', () => {
    const exported = rightExport();
    exported.incidents = [
      {
        id: 'i1',
        reportIds: ['r1', 'r2', 'r3', 'r4'],
        externalIds: ['a1', 'a2', 'a3', 'b1'],
        independentSources: 3,
      },
      { id: 'i3', reportIds: ['r5'], externalIds: ['n1'], independentSources: 1 },
    ];
    exported.reports[3] = report('r4', 'b1', 'i1');
    const score = scoreScenario({ truth: TRUTH, ...exported });
    expect(score.sources.overCounted).toBe(0); // w1, w2, w3
    expect(score.bcubed.precision).toBeLessThan(1);
  });
});

describe('thresholds', () => {
  const scoreWith = (precision: number, f1: number, overCounted = 0) =>
    ({
      bcubed: { precision, recall: f1, f1 },
      sources: { overCounted },
    }) as unknown as Parameters<typeof checkThresholds>[0];

  test('a score at the minimums passes; just below fails, naming what failed', () => {
    const limits = { minF1: 0.97, minPrecision: 0.98, maxOverCounted: 0 };
    expect(checkThresholds(scoreWith(0.98, 0.97), limits)).toEqual([]);
    expect(checkThresholds(scoreWith(0.98, 0.9699), limits)).toEqual(['B-cubed F1 0.9699 < 0.97']);
    expect(checkThresholds(scoreWith(0.9799, 0.99), limits)).toEqual([
      'B-cubed precision 0.9799 < 0.98',
    ]);
    expect(checkThresholds(scoreWith(0.99, 0.99, 1), limits)).toHaveLength(1);
  });

  test('without minimums nothing fails', () => {
    expect(checkThresholds(scoreWith(0, 0, 99))).toEqual([]);
  });

  describe('the command line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-score-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

    function run(exported: ReturnType<typeof rightExport>, ...extra: string[]) {
      const files = {
        truth: path.join(dir, 'truth.json'),
        incidents: path.join(dir, 'incidents.jsonl'),
        reports: path.join(dir, 'reports.jsonl'),
      };
      writeFileSync(files.truth, JSON.stringify(TRUTH));
      writeFileSync(files.incidents, jsonl(exported.incidents));
      writeFileSync(files.reports, jsonl(exported.reports));
      return spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'bench/scenario/score.mjs'),
          '--truth',
          files.truth,
          '--incidents',
          files.incidents,
          '--reports',
          files.reports,
          ...extra,
        ],
        { encoding: 'utf8' },
      );
    }

    test('prints the score and exits 0 when the minimums are met', () => {
      const out = run(rightExport(), '--min-f1', '0.97', '--min-precision', '0.98');
      expect(out.status).toBe(0);
      expect(JSON.parse(out.stdout)).toMatchObject({ bcubed: { f1: 1 }, failures: [] });
    });

    test('exits 1 when below a minimum', () => {
      const merged = rightExport();
      merged.reports = merged.reports.map((r) => ({ ...r, incidentId: 'i1' }));
      const out = run(merged, '--min-f1', '0.97', '--min-precision', '0.98');
      expect(out.status).toBe(1);
      expect(JSON.parse(out.stdout).failures).toHaveLength(2);
    });
  });
});
