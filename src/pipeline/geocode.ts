/**
 * The optional street-level geocoder, outside the pipeline's transactions: the
 * normalize stage marks a report whose place text the offline gazetteer could not
 * pin down (`geocode_state = 'wanted'`); this worker asks the geocoder, one report
 * at a time and no faster than `minIntervalMs` (Nominatim's usage policy asks for
 * at most one request a second), stores the answer, and normalizes the report
 * again with it. A failure is recorded and not retried. The scheduler runs `drain`
 * every TIPWIRE_GEOCODER_POLL_MS (src/workers.ts); `stop` ends a drain after the
 * request in flight.
 */
import type { Geocoder } from '../normalize/geocoder.js';
import { geocodeQueryFor } from '../normalize/normalize-report.js';
import type { NormalizeWiring } from '../normalize/normalize-report.js';
import type { StoreTx, UnitOfWork } from '../store/port.js';
import type { Store } from '../store/store.js';
import type { PipelineLog } from './runner.js';

export interface GeocodeWorkerDeps {
  store: Store;
  /** Runs the answer and the renormalization in one transaction. */
  transaction: UnitOfWork;
  geocoder: Geocoder;
  normalize: NormalizeWiring;
  renormalize: (reportId: string, tx: StoreTx) => Promise<void>;
  log: PipelineLog;
  minIntervalMs: number;
}

export function createGeocodeWorker(deps: GeocodeWorkerDeps) {
  const { store } = deps;
  let stopped = false;

  /** Asks for every wanted report now, in turn; resolves when none is left. */
  async function drain(): Promise<number> {
    let done = 0;
    while (!stopped) {
      const [id] = store.reports.geocodesWanted(1);
      if (!id) return done;
      const report = store.reports.get(id);
      const query =
        report && geocodeQueryFor(report.claims, deps.normalize.deps, deps.normalize.settings);
      if (!report || !query) {
        store.reports.setGeocode(id, null, 'done');
        continue;
      }
      try {
        const hit = await deps.geocoder.geocode(query);
        await deps.transaction(async (tx) => {
          await tx.reports.setGeocode(id, hit, 'done');
          if (hit) await deps.renormalize(id, tx);
        });
      } catch (err) {
        store.reports.setGeocode(id, null, 'failed');
        deps.log.warn({ report: id, code: (err as { code?: string }).code }, 'geocoder failed');
      }
      done += 1;
      await new Promise((r) => setTimeout(r, deps.minIntervalMs));
    }
    return done;
  }

  return {
    drain,
    stop() {
      stopped = true;
    },
  };
}
