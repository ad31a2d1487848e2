/**
 * What importLines makes of each line, over a fake store: new reports, new versions of
 * reports the import stored before (and of earlier lines of the same file), duplicates,
 * and the same counts in a dry run. The real thing (CLI, SQLite) is in test/resend.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { NewReport, Report } from '../domain/report.js';
import {
  importLines,
  type ImportedReport,
  type ImportLookup,
  type ImportTotals,
} from './jsonl-import.js';
import { createReportSchema, type ReportInput } from './report-schema.js';

const schema = createReportSchema({ narrativeMaxChars: 10_000 });

const line = (externalId: string | null, narrative: string) =>
  JSON.stringify({ channel: 'web', narrative, ...(externalId ? { externalId } : {}) });

async function* linesOf(texts: string[]) {
  for (const text of texts) yield text;
}

/**
 * A store holding what the import committed: its reports by externalId (content hash
 * = the narrative, version) and its line keys (the line's JSON).
 */
function fakeStore(stored: Record<string, { narrative: string; version: number }> = {}) {
  const reports = new Map(
    Object.entries(stored).map(([ext, r]) => [ext, { id: `r_${ext}`, ...r }]),
  );
  const lineKeys = new Set<string>();
  const commits: { externalId: string | null; replaces: number | null }[][] = [];
  const lookup: ImportLookup = {
    lineKey: (input) => (input.externalId === undefined ? null : JSON.stringify(input)),
    imported: (key) => lineKeys.has(key),
    stored: (externalId) => {
      const r = reports.get(externalId);
      return r ? ({ id: r.id, version: r.version, contentHash: r.narrative } as Report) : null;
    },
    contentHash: (input) => input.narrative,
  };
  const sink = {
    commit(batch: ImportedReport[]) {
      commits.push(batch.map((b) => ({ externalId: b.report.externalId, replaces: b.replaces })));
      for (const { report, lineKey, replaces } of batch) {
        if (lineKey) lineKeys.add(lineKey);
        if (report.externalId === null) continue;
        const narrative = report.category!; // the fake prepare carries the narrative here
        reports.set(report.externalId, {
          id: report.id,
          narrative,
          version: replaces === null ? 1 : replaces + 1,
        });
      }
    },
  };
  return { lookup, sink, reports, commits };
}

/** Prepares a line into a stand-in report: the narrative travels in `category`. */
const prepare = async (input: ReportInput, stored: Report | null) =>
  ({
    id: stored?.id ?? `r_${input.externalId ?? 'none'}`,
    externalId: input.externalId ?? null,
    category: input.narrative,
  }) as NewReport;

async function run(
  texts: string[],
  store: ReturnType<typeof fakeStore>,
  options: { batchSize?: number; dryRun?: boolean } = {},
): Promise<ImportTotals> {
  return importLines(linesOf(texts), {
    schema,
    prepare,
    check: () => {},
    lookup: store.lookup,
    sink: options.dryRun ? null : store.sink,
    batchSize: options.batchSize ?? 100,
    onLineFailed: () => {},
  });
}

const counts = (t: ImportTotals) => ({
  imported: t.imported,
  updated: t.updated,
  duplicates: t.duplicates,
  failed: t.failed,
});

describe('importLines with externalIds', () => {
  it('updates a report the import stored when the content differs, and skips it when the same', async () => {
    const store = fakeStore({
      'f-1': { narrative: 'old', version: 1 },
      'f-2': { narrative: 'same', version: 3 },
    });
    const totals = await run(
      [line('f-1', 'new'), line('f-2', 'same'), line('f-3', 'first')],
      store,
    );
    expect(counts(totals)).toEqual({ imported: 1, updated: 1, duplicates: 1, failed: 0 });
    expect(store.commits).toEqual([
      [
        { externalId: 'f-1', replaces: 1 },
        { externalId: 'f-3', replaces: null },
      ],
    ]);
  });

  it.each([1, 100])(
    'makes a later line a new version of an earlier one of the same file (batch size %i)',
    async (batchSize) => {
      const store = fakeStore();
      const totals = await run(
        [
          line('f-1', 'v1'),
          line('f-2', 'x'),
          line('f-1', 'v2'),
          line('f-1', 'v2'),
          line('f-1', 'v3'),
        ],
        store,
        { batchSize },
      );
      expect(counts(totals)).toEqual({ imported: 2, updated: 2, duplicates: 1, failed: 0 });
      expect(store.reports.get('f-1')).toMatchObject({ narrative: 'v3', version: 3 });
      // The earlier line is committed before the one that updates it.
      expect(store.commits.flat()).toEqual([
        { externalId: 'f-1', replaces: null },
        { externalId: 'f-2', replaces: null },
        { externalId: 'f-1', replaces: 1 },
        { externalId: 'f-1', replaces: 2 },
      ]);
    },
  );

  it('counts a line imported before as a duplicate, even when a later version replaced it', async () => {
    const store = fakeStore();
    await run([line('f-1', 'v1')], store);
    await run([line('f-1', 'v2')], store);
    const again = await run([line('f-1', 'v1')], store);
    expect(counts(again)).toEqual({ imported: 0, updated: 0, duplicates: 1, failed: 0 });
    expect(store.reports.get('f-1')).toMatchObject({ narrative: 'v2', version: 2 });
  });

  it('imports a line without an externalId every time', async () => {
    const store = fakeStore();
    const totals = await run([line(null, 'a'), line(null, 'a')], store);
    expect(counts(totals)).toEqual({ imported: 2, updated: 0, duplicates: 0, failed: 0 });
  });

  it('counts the same in a dry run, and stores nothing', async () => {
    const store = fakeStore({ 'f-1': { narrative: 'old', version: 1 } });
    const texts = [line('f-1', 'new'), line('f-2', 'a'), line('f-2', 'b'), line('f-2', 'b')];
    const totals = await run(texts, store, { dryRun: true, batchSize: 1 });
    expect(counts(totals)).toEqual({ imported: 1, updated: 2, duplicates: 1, failed: 0 });
    expect(store.commits).toEqual([]);
  });
});
