/**
 * `tipwire import` at scale, through the real binary on a real SQLite file: batches,
 * a SIGKILL half-way (whole batches only, and a safe re-run), duplicates within a
 * file, progress lines, --dry-run and --no-wait, and copies listed newest first. The
 * basics (bad lines named by line and field, stdin, a re-run) are in cli.test.ts.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, requireFreshDist, runCli, tempDir, writeJsonl as writeJsonlIn } from './helpers.js';

let dir: string;
let db: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'tipwire.db');
});
afterEach(() => cleanup());

/** The i-th line of a made-up export: located, timed, with an externalId. */
function line(i: number): Record<string, unknown> {
  return {
    channel: 'web',
    narrative: `Lights over the depot, sighting number ${i}.`,
    externalId: `ext-${i}`,
    receivedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    observedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000 - 600_000).toISOString(),
    location: { lat: 34.26 + (i % 50) * 0.01, lon: 108.94 },
  };
}

const writeJsonl = (name: string, lines: (Record<string, unknown> | string)[]) =>
  writeJsonlIn(dir, name, lines);

/** Counts straight from the database file, as another process would see them. */
function counts() {
  const conn = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => conn.prepare(sql).pluck().get() as number;
    return {
      reports: one('SELECT count(*) FROM reports'),
      jobs: one('SELECT count(*) FROM jobs'),
      lineKeys: one(`SELECT count(*) FROM idempotency_keys WHERE principal = 'import'`),
      done: one(`SELECT count(*) FROM reports WHERE stage = 'done'`),
      distinctExternal: one('SELECT count(DISTINCT external_id) FROM reports'),
    };
  } finally {
    conn.close();
  }
}

describe('tipwire import in batches', () => {
  it('leaves whole batches only when killed with SIGKILL half-way, and a re-run completes it', async () => {
    requireFreshDist();
    const total = 2000;
    const batch = 50;
    const file = writeJsonl(
      'big.jsonl',
      Array.from({ length: total }, (_, i) => line(i)),
    );
    const child = spawn(process.execPath, [CLI, 'import', file, '--db', db], {
      env: {
        ...process.env,
        TIPWIRE_LOG_LEVEL: 'warn',
        TIPWIRE_IMPORT_BATCH_SIZE: String(batch),
        TIPWIRE_IMPORT_PROGRESS_INTERVAL_MS: '10',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // Killed once a few batches are in: in the middle of writing the next ones.
      const seen = [...stderr.matchAll(/^import \S+ ([\d,]+) lines/gm)].map((m) =>
        Number(m[1]!.replace(/,/g, '')),
      );
      if (seen.some((n) => n >= 6 * batch)) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');

    const after = counts();
    expect(after.reports).toBeGreaterThanOrEqual(6 * batch);
    expect(after.reports).toBeLessThan(total);
    expect(after.reports % batch).toBe(0);
    // Each stored report came with its pipeline job and its line key, in the same transaction.
    expect(after.jobs).toBe(after.reports);
    expect(after.lineKeys).toBe(after.reports);

    // The re-run queues the rest and leaves the pipeline to `serve` (running it over 2,000
    // reports took 20 s of the suite's time; other tests here run it after an import).
    const again = runCli(['import', file, '--db', db, '--no-wait'], {
      TIPWIRE_IMPORT_BATCH_SIZE: '500',
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      `imported ${total - after.reports} report(s) from ${file}: 0 line(s) failed, ${after.reports} already imported`,
    );
    expect(counts()).toEqual({
      reports: total,
      jobs: total,
      lineKeys: total,
      done: 0,
      distinctExternal: total,
    });
  }, 120_000);

  it.each([1, 100])(
    'skips a line repeated in the same file, within a batch and across batches (batch size %i)',
    (batchSize) => {
      const file = writeJsonl('dup.jsonl', [line(1), line(2), line(1), line(3), line(2)]);
      const r = runCli(['import', file, '--db', db, '--no-wait'], {
        TIPWIRE_IMPORT_BATCH_SIZE: String(batchSize),
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/imported 3 report\(s\) .*: 0 line\(s\) failed, 2 already imported/);
      expect(counts().reports).toBe(3);
    },
  );

  it('stores a line whose content changed (same externalId, new text) as a new version, not a report', () => {
    const file = writeJsonl('v1.jsonl', [line(1)]);
    expect(runCli(['import', file, '--db', db, '--no-wait']).status).toBe(0);
    const changed = writeJsonl('v2.jsonl', [{ ...line(1), narrative: 'Corrected account.' }]);
    const r = runCli(['import', changed, '--db', db, '--no-wait']);
    expect(r.stdout).toMatch(/imported 0 report\(s\) .*0 already imported, 1 updated/);
    expect(counts()).toMatchObject({ reports: 1, jobs: 1, lineKeys: 2 });
  });
});

describe('tipwire import --no-wait', () => {
  it('stores the reports with their jobs queued and does not run the pipeline', () => {
    const file = writeJsonl(
      'three.jsonl',
      [1, 2, 3].map((i) => line(i)),
    );
    const r = runCli(['import', file, '--db', db, '--no-wait']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pipeline: not waited for; 3 report\(s\) queued for `tipwire serve`/);
    expect(counts()).toMatchObject({ reports: 3, jobs: 3, done: 0 });

    // The next run (or the server) catches up on them.
    const next = runCli(['import', writeJsonl('none.jsonl', []), '--db', db]);
    expect(next.stdout).toMatch(/pipeline: 3 report\(s\) processed/);
    expect(counts()).toMatchObject({ reports: 3, jobs: 0, done: 3 });
  });
});

describe('tipwire import progress', () => {
  it('prints progress lines with counts, rate and ETA on a non-terminal stderr, never the text', () => {
    const file = writeJsonl(
      'some.jsonl',
      Array.from({ length: 300 }, (_, i) => line(i)),
    );
    const r = runCli(['import', file, '--db', db], {
      TIPWIRE_IMPORT_BATCH_SIZE: '10',
      TIPWIRE_IMPORT_PROGRESS_INTERVAL_MS: '10',
    });
    expect(r.status, r.stderr).toBe(0);
    const progress = r.stderr.split('\n').filter((l) => /^(import|pipeline) /.test(l));
    expect(
      progress.some((l) => /^import \d+% [\d,]+ lines [\d,]+ lines\/s (ETA|.* elapsed)/.test(l)),
    ).toBe(true);
    expect(progress.at(-1)).toMatch(/^pipeline 100% 300 reports [\d,]+ reports\/s .* elapsed$/);
    expect(r.stderr).not.toMatch(/Lights over the depot/);
    // No terminal: no bar and no carriage return.
    expect(r.stderr).not.toMatch(/[\r[]/);
  });
});

describe('tipwire import --dry-run', () => {
  it('names every bad line and field as a real import would, and stores nothing', () => {
    const file = writeJsonl('mixed.jsonl', [
      line(1),
      '{"channel":"web","narrative":"unterminated',
      { ...line(2), location: { lat: 'x', lon: 1 } },
      { ...line(3), caller: { phone: '123' } },
      '',
      { ...line(4), color: 'red' },
    ]);
    const dry = runCli(['import', file, '--db', db, '--dry-run']);
    expect(dry.status).toBe(1);
    const errors = dry.stderr.split('\n').filter((l) => l.startsWith(file));
    expect(errors).toEqual([
      `${file}:2: (line): not valid JSON`,
      `${file}:3: location.lat: must be degrees as a number, or text such as 34°15'39.6"N`,
      `${file}:4: caller.phone: is not a possible phone number (numbers without +country code need TIPWIRE_DEFAULT_PHONE_REGION)`,
      `${file}:6: color: unknown field`,
    ]);
    expect(dry.stdout).toMatch(/dry run of .*: 1 line\(s\) valid, 4 failed; nothing was stored/);
    expect(existsSync(db)).toBe(false);

    const real = runCli(['import', file, '--db', db, '--no-wait']);
    expect(real.stderr.split('\n').filter((l) => l.startsWith(file))).toEqual(errors);
  });

  it('exits 0 when every line is valid', () => {
    const file = writeJsonl(
      'good.jsonl',
      [1, 2].map((i) => line(i)),
    );
    const dry = runCli(['import', file, '--db', db, '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/2 line\(s\) valid, 0 failed/);
    expect(existsSync(db)).toBe(false);
  });
});

const HOUR = 3_600_000;
const MINUTE = 60_000;
const LATE = Date.UTC(2026, 10, 20, 6, 0);
const MESSAGE =
  'URGENT!!! a car full of explosives by the east gate of the stadium, stay away, share!';

/** A copy of the message stating no place, received at `at`. */
const copy = (externalId: string, at: number, decoration = '') => ({
  channel: 'api',
  externalId,
  narrative: `${MESSAGE}${decoration}`,
  receivedAt: new Date(at).toISOString(),
  observedAt: new Date(at - 30 * MINUTE).toISOString(),
});

/** Imports the lines in the order given (window 1 h); each externalId's incident. */
function importInOrder(lines: Record<string, unknown>[]) {
  const file = writeJsonl('copies.jsonl', lines);
  const r = runCli(['import', file, '--db', db], { TIPWIRE_CORRELATE_COPY_WINDOW_HOURS: '1' });
  expect(r.status, r.stderr).toBe(0);
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn
      .prepare('SELECT external_id AS externalId, incident_id AS incidentId FROM reports')
      .all() as { externalId: string; incidentId: string | null }[];
    return new Map(rows.map((row) => [row.externalId, row.incidentId]));
  } finally {
    conn.close();
  }
}

// Incidents do not depend on the order of the file's lines where nothing but the order
// differs (a partner's dump may list its newest reports first): the copy window
// (TIPWIRE_CORRELATE_COPY_WINDOW_HOURS) reaches as far after a report as before it, so a
// message sent again later is a campaign of its own even when its later copies come first.
describe('tipwire import: a copy listed after copies received later than it', () => {
  it('joins them when received within the window before them (1 h exactly)', () => {
    const incident = importInOrder([copy('late', LATE), copy('early', LATE - HOUR, ' 🙏')]);
    expect(incident.get('late')).toBeTruthy();
    expect(incident.get('early')).toBe(incident.get('late'));
  });

  it('stays apart when received one minute more before them, as it would in arrival order', () => {
    const early = copy('early', LATE - HOUR - MINUTE, ' 🙏');
    const newestFirst = importInOrder([copy('late', LATE), early]);
    expect(newestFirst.get('early')).toBeTruthy();
    expect(newestFirst.get('early')).not.toBe(newestFirst.get('late'));
  });

  it('stays apart in arrival order too (the window is the same both ways)', () => {
    const oldestFirst = importInOrder([
      copy('early', LATE - HOUR - MINUTE, ' 🙏'),
      copy('late', LATE),
    ]);
    expect(oldestFirst.get('early')).not.toBe(oldestFirst.get('late'));
  });

  it('in arrival order, a copy received within the window after another joins it', () => {
    const within = importInOrder([copy('early', LATE - HOUR, ' 🙏'), copy('late', LATE)]);
    expect(within.get('late')).toBe(within.get('early'));
  });
});
