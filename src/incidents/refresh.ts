/**
 * Rebuilding what an incident's members say of it, after its membership changed: its
 * estimate and index entry (correlate/incident-state.ts), its independent sources
 * (correlate/independence.ts), its confidence and the terms of it
 * (correlate/confidence.ts), and its display summary (span, centroid, radius). One read
 * of the members, pure functions, one write: O(members), the same at any store size.
 */
import { addMember, summaryOf, type IncidentTotals } from '../domain/incident.js';
import type { StoreTx } from '../store/port.js';
import type { MemberFacts } from '../store/store.js';
import { haversineMeters, type Point } from '../correlate/geo.js';
import {
  estimateOf,
  observedAccuracy,
  incidentBoxes,
  isVague,
  observationWindow,
  placeOf,
  type ClusterRule,
  type Observation,
} from '../correlate/incident-state.js';
import { independentSources, type TextSimilarity } from '../correlate/independence.js';
import { fuseConfidence, type ConfidenceSettings } from '../correlate/confidence.js';
import { incidentUpdatedEvent } from '../notify/incident-events.js';

export interface IncidentRules {
  cluster: ClusterRule;
  /** The accuracy of a point stated without one. */
  defaultAccuracyMeters: number;
  confidence: ConfidenceSettings;
  text: TextSimilarity;
}

/** A member as an observation (its place, time and kinds). */
export function observationOf(m: MemberFacts, rules: IncidentRules): Observation {
  const observed =
    m.eventFrom !== null && m.eventTo !== null ? { from: m.eventFrom, to: m.eventTo } : null;
  return {
    reportId: m.reportId,
    point: m.lat !== null && m.lon !== null ? { lat: m.lat, lon: m.lon } : null,
    accuracyMeters: observedAccuracy(
      m.accuracyMeters ?? rules.defaultAccuracyMeters,
      m.seenFromAfar,
      rules.cluster,
    ),
    window: observationWindow(observed, m.receivedAt, rules.cluster),
    kinds: m.kinds,
  };
}

export async function refreshIncident(
  tx: Pick<StoreTx, 'incidents'>,
  incidentId: string,
  now: number,
  rules: IncidentRules,
): Promise<void> {
  const members = await tx.incidents.memberFacts(incidentId);
  const observations = members.map((m) => observationOf(m, rules));
  const built = estimateOf(observations, rules.cluster);
  const builtPlace = placeOf(built);
  // A member placed by hand spreads the incident as far as its precise members lie.
  const handSpreadMeters =
    builtPlace && members.some((m) => m.pinned)
      ? Math.max(
          0,
          ...observations
            .filter((o) => o.point && !isVague(o, rules.cluster))
            .map((o) => haversineMeters(o.point!, builtPlace.point)),
        )
      : 0;
  const estimate = { ...built, handSpreadMeters };
  // A lone vague member waits in the vague index (or, placed only as a whole city, in the
  // city index) for a match that stands out, unless too vague ever to attach; an incident
  // of several vague members only (copies of one message, or merged by hand) stays out.
  const lone = estimate.preciseCount === 0 && observations.length === 1 ? observations[0]! : null;
  await tx.incidents.saveEstimate(
    incidentId,
    estimate,
    incidentBoxes(estimate, lone, rules.cluster),
    now,
  );
  const sources = independentSources(
    members.map((m) => ({
      reportId: m.reportId,
      channel: m.channel,
      pseudonym: m.pseudonym,
      link: m.link,
      sender: m.sender,
      externalId: m.externalId,
      abusive: m.queue === 'abuse',
      sketch: m.sketch,
      saysRepeat: m.saysRepeat,
    })),
    rules.text,
  );
  const confidence = fuseConfidence(
    members.map((m, i) => ({
      reportId: m.reportId,
      channel: m.channel,
      vague: isVague(observations[i]!, rules.cluster),
      abusive: m.queue === 'abuse',
      receivedAt: m.receivedAt,
      findings: m.findings,
    })),
    sources,
    rules.confidence,
  );
  const totals = observations.reduce<IncidentTotals | null>(
    (t, o) =>
      addMember(t, {
        window: o.window!,
        // The span covers every member; the centroid only the precise ones when there are any.
        point: estimate.preciseCount > 0 && isVague(o, rules.cluster) ? null : o.point,
      }),
    null,
  );
  const radiusMeters = radiusOf(observations, placeOf(estimate), totals, rules.cluster);
  await tx.incidents.saveAssessment(incidentId, {
    independentSources: confidence.independentSources,
    confidence: members.length ? confidence.probability : null,
    terms: { logOdds: confidence.logOdds, terms: confidence.terms },
    radiusMeters,
    totals,
    lastActivity: now,
  });
}

/**
 * Incidents whose members' findings were written outside the pipeline's pass (a deferred
 * check, a check re-run after its version changed): rebuilt, so their confidence weighs
 * the new findings, and announced (`findings`) when the confidence moved. A merged
 * incident is left alone (its members are the target's now).
 */
export async function refreshForFindings(
  tx: Pick<StoreTx, 'incidents' | 'events'>,
  ids: Iterable<string>,
  now: number,
  rules: IncidentRules,
): Promise<void> {
  for (const id of ids) {
    const before = await tx.incidents.get(id);
    if (!before || before.mergedInto !== null) continue;
    await refreshIncident(tx, id, now, rules);
    const after = await tx.incidents.get(id);
    if (after && after.confidence !== before.confidence) await announce(tx, [id], 'findings', now);
  }
}

/** An `incident.updated` live event for each incident, as it now stands. */
export async function announce(
  tx: Pick<StoreTx, 'incidents' | 'events'>,
  ids: readonly string[],
  change: string,
  now: number,
) {
  for (const id of ids) {
    const incident = await tx.incidents.get(id);
    if (!incident) continue;
    const event = incidentUpdatedEvent(incident, change);
    await tx.events.append(event.type, event.payload, now);
  }
}

/**
 * How far the incident's place may reach from its centroid: the spread of its precise
 * members around their estimate; with none (one city-level report, a campaign's copies
 * stating a city), the far edge of its members' stated areas, so that a report saying
 * only "北京" is drawn as the city it named and not as a pin at the city's point.
 */
function radiusOf(
  observations: readonly Observation[],
  place: { point: Point } | null,
  totals: IncidentTotals | null,
  rule: ClusterRule,
): number {
  if (place) {
    return Math.max(
      0,
      ...observations
        .filter((o) => o.point && !isVague(o, rule))
        .map((o) => haversineMeters(o.point!, place.point)),
    );
  }
  const centroid = totals ? summaryOf(totals).centroid : null;
  if (!centroid) return 0;
  return Math.max(
    0,
    ...observations
      .filter((o) => o.point)
      .map((o) => haversineMeters(o.point!, centroid) + o.accuracyMeters),
  );
}
