import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../test/store-contract/harness.js';
import { openSqlite } from '../../test/store-contract/open-sqlite.js';
import {
  MINUTE,
  normalization,
  newReport,
  T0,
  totals,
} from '../../test/store-contract/fixtures.js';
import { testConfig, tempDir } from '../../test/helpers.js';
import { FLAG, FLAGS, findingSeverity } from '../domain/flags.js';
import { incidentRulesOf } from '../pipeline/stages.js';
import { incidentConfigFrom } from '../runtime.js';
import type { AsyncStore } from '../store/port.js';
import { refreshForFindings, refreshIncident } from './refresh.js';

const tmp = tempDir();
const rules = incidentRulesOf(incidentConfigFrom(testConfig(tmp.dir)));
afterAll(() => tmp.cleanup());
let store: AsyncStore;
const fresh = useStore(openSqlite);
beforeEach(() => {
  store = fresh();
});

const window = { from: T0, to: T0 + MINUTE };
const point = { lat: 31.23, lon: 121.47 };

/** Two reports in incident i_1, its estimate and confidence built as the pipeline builds them. */
async function seed() {
  await store.incidents.create('i_1', totals([{ window, point }]), T0);
  for (const id of ['r_1', 'r_2']) {
    await store.reports.insert(newReport({ id, channel: id === 'r_1' ? 'phone' : 'web' }));
    await store.reports.saveNormalization(id, normalization(window, point), window, point);
    await store.reports.assignIncident(id, 'i_1');
  }
  await store.transaction((tx) => refreshIncident(tx, 'i_1', T0, rules));
}

const contradiction = {
  code: FLAG.time.contradiction,
  severity: findingSeverity(FLAG.time.contradiction),
  message: { en: FLAGS['time.contradiction'].en, zh: FLAGS['time.contradiction'].zh },
  evidence: {},
};
const events = async () => (await store.events.after(0, 100)).map((e) => e.payload);

describe('refreshing incidents after findings were written outside a pass', () => {
  it('weighs a member’s new finding in the confidence and announces the change once', async () => {
    await seed();
    const before = (await store.incidents.get('i_1'))!.confidence!;
    await store.findings.replace('r_1', { name: 'time-sources', version: 2 }, [contradiction], T0);
    await store.transaction((tx) => refreshForFindings(tx, ['i_1'], T0 + 1, rules));
    const after = (await store.incidents.get('i_1'))!.confidence!;
    expect(after).toBeLessThan(before);
    expect(await events()).toEqual([
      expect.objectContaining({
        change: 'findings',
        incident: expect.objectContaining({ id: 'i_1', confidence: after }),
      }),
    ]);
    // Nothing moved: rebuilt, not announced again.
    await store.transaction((tx) => refreshForFindings(tx, ['i_1'], T0 + 2, rules));
    expect(await events()).toHaveLength(1);
  });

  it('leaves a merged incident and an unknown one alone', async () => {
    await seed();
    await store.incidents.create('i_2', totals([{ window, point }]), T0);
    await store.incidents.absorb('i_2', 'i_1', T0);
    const merged = await store.incidents.get('i_2');
    expect(merged?.mergedInto).toBe('i_1');
    await store.transaction((tx) => refreshForFindings(tx, ['i_2', 'i_none'], T0 + 1, rules));
    expect(await store.incidents.get('i_2')).toEqual(merged);
    expect(await events()).toEqual([]);
  });
});
