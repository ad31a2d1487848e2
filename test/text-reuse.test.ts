/**
 * Reused text at the verify stage's seam, over the real SQLite store: the stage loads the
 * earlier reports sharing a sketch band with a new report's within
 * TIPWIRE_TEXT_REUSE_WINDOW_HOURS (a clock moved past it finds none; 0 turns it off), and
 * the media-reuse check names them. Through the HTTP API: test/evidence-api.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, tempDir, testConfig, testLogger } from './helpers.js';

const HOUR = 3_600_000;
const MESSAGE =
  'Black smoke is coming out of the third floor windows of the textile warehouse on ' +
  'Changle Road, people are standing in the street and nobody has seen a fire engine yet.';

let runtime: Runtime | undefined;
let cleanup: (() => void) | undefined;
let now = Date.parse('2026-11-20T14:00:00Z');

afterEach(() => {
  runtime?.close();
  cleanup?.();
  runtime = undefined;
});

function start(env: Record<string, string> = {}): Runtime {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(testConfig(tmp.dir, env), { clock: () => now, logger: testLogger() });
  return runtime;
}

/** Submits a web report and runs the pipeline over it; its id. */
async function sent(r: Runtime, narrative: string): Promise<string> {
  const answer = await r.intake.submit(makeReport({ narrative }), {
    principal: 'anonymous',
    mayStateReceivedAt: false,
  });
  await r.pipeline.drain();
  return answer.body.id as string;
}

const textReuse = (r: Runtime, id: string) =>
  r.store.findings
    .forReport(id)
    .filter((f) => f.code === 'media.reused' && f.evidence.kind === 'text');

describe('reused text at the verify stage', () => {
  it('names an earlier report within the window, with the similarity its sketches give', async () => {
    const r = start({ TIPWIRE_TEXT_REUSE_WINDOW_HOURS: '24' });
    const first = await sent(r, MESSAGE);
    now += 23 * HOUR;
    const copy = await sent(r, MESSAGE);
    const [finding, ...more] = textReuse(r, copy);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ check: 'media-reuse', checkVersion: 2 });
    expect(finding!.evidence).toEqual({
      kind: 'text',
      minSimilarity: 0.6,
      matches: [{ reportId: first, similarity: 1 }],
      matchCount: 1,
    });
    expect(r.store.reports.get(copy)!.flags).toContain('media.reused');
    expect(textReuse(r, first)).toEqual([]);
  });

  it('finds nothing received longer ago than TIPWIRE_TEXT_REUSE_WINDOW_HOURS', async () => {
    const r = start({ TIPWIRE_TEXT_REUSE_WINDOW_HOURS: '24' });
    await sent(r, MESSAGE);
    now += 25 * HOUR;
    expect(textReuse(r, await sent(r, MESSAGE))).toEqual([]);
  });

  it('compares no text with a window of 0', async () => {
    const r = start({ TIPWIRE_TEXT_REUSE_WINDOW_HOURS: '0' });
    await sent(r, MESSAGE);
    now += HOUR;
    expect(textReuse(r, await sent(r, MESSAGE))).toEqual([]);
  });

  it('judges by TIPWIRE_TEXT_REUSE_MIN_SIMILARITY', async () => {
    const r = start({ TIPWIRE_TEXT_REUSE_MIN_SIMILARITY: '1' });
    await sent(r, MESSAGE);
    now += HOUR;
    // Two words changed: alike, but not identical.
    const edited = MESSAGE.replace('Black smoke', 'Grey smoke');
    expect(textReuse(r, await sent(r, edited))).toEqual([]);
    now += HOUR;
    expect(textReuse(r, await sent(r, MESSAGE))).toHaveLength(1);
  });
});
