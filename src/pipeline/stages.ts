/**
 * The pipeline's stages after intake, in order. Each is a pure core (normalize/,
 * correlate/, notify/) plus the small adapter here that loads its input from the
 * store and writes its effects. The runner calls an adapter inside a transaction
 * that also advances the report's job, so effects commit exactly once.
 */
import { addMember, totalsOf } from '../domain/incident.js';
import type { IdKind } from '../domain/ids.js';
import { eventPoint, eventWindow, type Interval, type Report } from '../domain/report.js';
import { boundingBox, type Point } from '../correlate/geo.js';
import { chooseIncident, type JoinRule } from '../correlate/join-incident.js';
import {
  geocodeQueryFor,
  normalizeClaims,
  type NormalizeContext,
  type NormalizeDeps,
} from '../normalize/normalize-report.js';
import type { NormalizeSettings } from '../normalize/settings.js';
import { repeatDialerCalls, REPEAT_DIALER_FLAG, type RepeatRule } from '../protect/abuse.js';
import { reportProcessedEvent } from '../notify/report-events.js';
import type { Store } from '../store/store.js';

export const STAGE_NAMES = ['screen', 'normalize', 'correlate', 'notify'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** What the normalize stage needs besides the store: its deps and settings. */
export interface NormalizeWiring {
  deps: NormalizeDeps;
  settings: NormalizeSettings;
  /** Whether the optional street-level geocoder is configured. */
  geocoding: boolean;
}

export interface StageContext {
  store: Store;
  now: number;
  newId: (kind: IdKind, nowMs: number) => string;
  joinRule: JoinRule;
  repeatRule: RepeatRule;
  normalize: NormalizeWiring;
}

export interface Stage {
  name: StageName;
  run(ctx: StageContext, report: Report): void;
}

/**
 * Abuse screening: the repeat-dialer rule over the caller's whole history, so the
 * verdict on every one of the caller's reports is right whatever order they were
 * stored in (an import of old calls). Flagged reports go to the abuse queue.
 */
const screen: Stage = {
  name: 'screen',
  run({ store, repeatRule }, report) {
    const pseudonyms = [report.callerPseudonym, report.callerLink].filter(
      (p): p is string => p !== null,
    );
    if (pseudonyms.length === 0) return;
    const calls = store.reports.callerHistory(pseudonyms);
    const flagged = repeatDialerCalls(calls, repeatRule);
    for (const call of calls) {
      const isFlagged = flagged.has(call.id);
      if (isFlagged === call.flags.includes(REPEAT_DIALER_FLAG)) continue;
      store.reports.replaceFlags(call.id, ['abuse'], isFlagged ? [REPEAT_DIALER_FLAG] : []);
      store.reports.setQueue(call.id, isFlagged ? 'abuse' : 'analyst');
    }
  },
};

/** The normalize core's view of a report, stored or new (its text is sealed: counts only). */
export function normalizeContext(
  report: Pick<Report, 'receivedAt' | 'textFacts' | 'category'> & {
    attachments: readonly unknown[];
    geocoded?: Report['geocoded'];
  },
): Partial<NormalizeContext> {
  return {
    receivedAt: report.receivedAt,
    narrativeWords: report.textFacts.narrativeWords,
    who: report.textFacts.who,
    category: report.category,
    attachmentCount: report.attachments.length,
    geocoded: report.geocoded ?? null,
  };
}

const normalize: Stage = {
  name: 'normalize',
  run({ store, normalize: wiring }, report) {
    const n = normalizeClaims(
      report.claims,
      normalizeContext(report),
      wiring.deps,
      wiring.settings,
    );
    const observed = { ...report, time: n.time, place: n.place };
    store.reports.saveNormalization(report.id, n, eventWindow(observed), eventPoint(observed));
    // The geocoder is asked outside the pipeline (pipeline/geocode.ts); it renormalizes after.
    if (wiring.geocoding && report.geocodeState === null) {
      if (geocodeQueryFor(report.claims, wiring.deps, wiring.settings) !== null) {
        store.reports.setGeocode(report.id, null, 'wanted');
      }
    }
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
    if (report.incidentId) {
      // Renormalized after an answer: it stays in its incident, whose totals follow.
      store.reports.assignIncident(report.id, report.incidentId);
      const members = store.incidents.members(report.incidentId);
      const totals = totalsOf(members);
      if (totals) store.incidents.update(report.incidentId, totals, now);
      return;
    }
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

export const STAGES: readonly Stage[] = [screen, normalize, correlate, notify];
