import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../../test/store-contract/harness.js';
import { openSqlite } from '../../../test/store-contract/open-sqlite.js';
import { FLAG, FLAGS, findingSeverity } from '../../domain/flags.js';
import type { AsyncStore } from '../../store/port.js';
import type { Check } from '../../verify/check.js';
import { TEST_CHECK_SETTINGS } from '../../verify/check.fixtures.js';
import { newReport, totals } from '../../../test/store-contract/fixtures.js';
import { CHECKED_VERSIONS_KEY, rerunChangedChecks } from './verify.stage.js';

let store: AsyncStore;
const fresh = useStore(openSqlite);
beforeEach(() => {
  store = fresh();
});

/** A check that finds one thing on every report and counts the reports it ran on. */
function counting(name: string, version: number) {
  const ran: string[] = [];
  const check: Check = {
    name,
    version,
    cost: 'cheap',
    codes: [FLAG.exif.absent],
    appliesTo: () => true,
    run: (subject) => {
      ran.push(subject.reportId);
      return [
        {
          code: FLAG.exif.absent,
          severity: findingSeverity(FLAG.exif.absent),
          message: { en: FLAGS['exif.absent'].en, zh: FLAGS['exif.absent'].zh },
          evidence: { version },
        },
      ];
    },
  };
  return { check, ran };
}

const settings = (...checks: Check[]) => ({
  checks,
  deferHeavyLagMs: 5000,
  check: TEST_CHECK_SETTINGS,
});
const turn = (s: ReturnType<typeof settings>, limit = 2) =>
  store.transaction((tx) => rerunChangedChecks(tx, s, 1000, limit));

async function seed(...stages: ('received' | 'normalized' | 'correlated' | 'done')[]) {
  for (const [i, stage] of stages.entries()) {
    await store.reports.insert(newReport({ id: `r_${i + 1}` }));
    await store.reports.setStage(`r_${i + 1}`, stage);
  }
}

describe('verifying stored reports again when a check changes', () => {
  it('walks every verified report with a new check, a turn of `limit` at a time, then stops', async () => {
    await seed('done', 'received', 'correlated', 'normalized', 'done');
    const a = counting('a', 1);
    expect(await turn(settings(a.check))).toBe(2);
    expect(await turn(settings(a.check))).toBe(2);
    expect(await turn(settings(a.check))).toBe(1);
    // Reports not verified yet by the pipeline are left to it.
    expect(a.ran).toEqual(['r_1', 'r_3', 'r_5']);
    expect((await store.findings.forReport('r_3')).map((f) => f.check)).toEqual(['a']);
    expect(await store.meta.get(CHECKED_VERSIONS_KEY)).toBe('{"a":1}');
    expect(await turn(settings(a.check))).toBe(0);
    expect(a.ran).toHaveLength(3);
  });

  it('names the incidents of the reports it verified again, for their confidence to be rebuilt', async () => {
    await seed('done', 'done', 'received');
    const member = { window: { from: 0, to: 1 }, point: null };
    for (const id of ['i_1', 'i_3']) await store.incidents.create(id, totals([member]), 0);
    await store.reports.assignIncident('r_1', 'i_1');
    await store.reports.assignIncident('r_3', 'i_3');
    await store.reports.setStage('r_3', 'received');
    const touched = new Set<string>();
    const a = counting('a', 1);
    await store.transaction((tx) => rerunChangedChecks(tx, settings(a.check), 1000, 10, touched));
    // r_2 has no incident; r_3 was not verified (it is the pipeline's).
    expect([...touched]).toEqual(['i_1']);
  });

  it('runs only the checks whose version changed, and records the new versions', async () => {
    await seed('done', 'done');
    const a1 = counting('a', 1);
    const b1 = counting('b', 1);
    while ((await turn(settings(a1.check, b1.check), 10)) > 0);
    const a2 = counting('a', 2);
    const b1again = counting('b', 1);
    expect(await turn(settings(a2.check, b1again.check), 10)).toBe(2);
    expect(a2.ran).toEqual(['r_1', 'r_2']);
    expect(b1again.ran).toEqual([]);
    const found = await store.findings.forReport('r_1');
    expect(found.find((f) => f.check === 'a')).toMatchObject({
      checkVersion: 2,
      evidence: { version: 2 },
    });
    expect(await store.meta.get(CHECKED_VERSIONS_KEY)).toBe('{"a":2,"b":1}');
    expect(await turn(settings(a2.check, b1again.check), 10)).toBe(0);
  });

  it('goes on where it stopped, and starts again when the target changes mid-walk', async () => {
    await seed('done', 'done', 'done');
    const a = counting('a', 1);
    expect(await turn(settings(a.check), 2)).toBe(2);
    const a2 = counting('a', 2);
    // A new version during the walk: the walk starts over with it.
    while ((await turn(settings(a2.check), 2)) > 0);
    expect(a2.ran).toEqual(['r_1', 'r_2', 'r_3']);
    expect(a.ran).toEqual(['r_1', 'r_2']);
  });

  it('takes each report once however the turns fall', async () => {
    await seed('done', 'done', 'done', 'done', 'done');
    const a = counting('a', 1);
    expect(await turn(settings(a.check), 3)).toBe(3);
    expect(await turn(settings(a.check), 3)).toBe(2);
    expect(a.ran).toEqual(['r_1', 'r_2', 'r_3', 'r_4', 'r_5']);
  });
});
