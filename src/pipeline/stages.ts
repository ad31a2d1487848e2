/**
 * The pipeline's stages after intake, in order. Each is a pure core (normalize/,
 * correlate/, notify/) plus the small adapter here that loads its input from the
 * store and writes its effects. The runner calls an adapter inside a transaction
 * that also advances the report's job, so effects commit exactly once.
 */
import { addMember } from '../domain/incident.js';
import type { IdKind } from '../domain/ids.js';
import { eventPoint, eventWindow, type Interval, type Report } from '../domain/report.js';
import { boundingBox, type Point } from '../correlate/geo.js';
import { chooseIncident, type JoinRule } from '../correlate/join-incident.js';
import { normalizeClaims } from '../normalize/normalize-report.js';
import { reportProcessedEvent } from '../notify/report-events.js';
import type { Store } from '../store/store.js';

export const STAGE_NAMES = ['normalize', 'correlate', 'notify'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageContext {
  store: Store;
  now: number;
  newId: (kind: IdKind, nowMs: number) => string;
  joinRule: JoinRule;
}

export interface Stage {
  name: StageName;
  run(ctx: StageContext, report: Report): void;
}

const normalize: Stage = {
  name: 'normalize',
  run({ store }, report) {
    const n = normalizeClaims(report.claims);
    const observed = { ...report, time: n.time, place: n.place };
    store.reports.saveNormalization(report.id, n, eventWindow(observed), eventPoint(observed));
  },
};

/**
 * Nearest incident within the join rule, searched in widening rings: a match within
 * radius r is the nearest overall (everything outside the r-box is farther than r),
 * so in a dense area the first, small query usually settles it.
 */
function nearestIncident(
  store: Store,
  subject: { id: string; point: Point; window: Interval },
  rule: JoinRule,
) {
  const around = {
    from: subject.window.from - rule.windowMs,
    to: subject.window.to + rule.windowMs,
  };
  for (const share of SEARCH_RINGS) {
    const radiusMeters = rule.radiusMeters * share;
    const candidates = store.reports.findNear(around, boundingBox(subject.point, radiusMeters));
    const match = chooseIncident(subject, candidates, { ...rule, radiusMeters });
    if (match) return match;
  }
  return null;
}
const SEARCH_RINGS = [1 / 16, 1 / 4, 1];

const correlate: Stage = {
  name: 'correlate',
  run({ store, now, newId, joinRule }, report) {
    const window = eventWindow(report);
    const point = eventPoint(report);
    const match = point && nearestIncident(store, { id: report.id, point, window }, joinRule);
    if (match) {
      const totals = addMember(store.incidents.totals(match.incidentId), { window, point });
      store.incidents.update(match.incidentId, totals, now);
      store.reports.assignIncident(report.id, match.incidentId);
      return;
    }
    const id = newId('incident', now);
    store.incidents.create(id, addMember(null, { window, point }), now);
    store.reports.assignIncident(report.id, id);
  },
};

const notify: Stage = {
  name: 'notify',
  run({ store, now }, report) {
    const incident = report.incidentId ? store.incidents.get(report.incidentId) : null;
    const event = reportProcessedEvent(report, incident);
    store.events.append(event.type, event.payload, now);
    store.reports.setStage(report.id, 'done');
  },
};

export const STAGES: readonly Stage[] = [normalize, correlate, notify];
