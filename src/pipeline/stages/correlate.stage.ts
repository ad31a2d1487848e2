/**
 * The correlate stage: places a report in an incident. `load` reads the report, its
 * current incident's members, the incidents its place and time could belong to (the
 * R*Tree index, at most TIPWIRE_CORRELATE_MAX_CANDIDATES), the pairs an analyst split
 * apart, and — for a precise report — the vague reports kept apart nearby (and, when one
 * may now attach, whole-city ones of its kinds) with their own candidates; `decide` is
 * correlate/cluster-decision.ts; `apply` writes the membership, the merges and
 * attachments with their records, and rebuilds each touched incident
 * (incidents/refresh.ts).
 */
import { FLAG } from '../../domain/flags.js';
import type { Report } from '../../domain/report.js';
import type { StoreTx } from '../../store/port.js';
import { defineStage, requireReport, type LoadContext } from '../stage.js';
import {
  citywideRecheckKinds,
  decideCluster,
  type CandidateIncident,
  type ClusterEffects,
  type ClusterInput,
  type CopyIncident,
  type VagueRecheck,
} from '../../correlate/cluster-decision.js';
import {
  candidateCap,
  estimateOf,
  isVague,
  observationBoxes,
  observedAccuracy,
  observationWindow,
  type Observation,
} from '../../correlate/incident-state.js';
import {
  announce,
  observationOf,
  refreshIncident,
  type IncidentRules,
} from '../../incidents/refresh.js';

type CorrelatePort = Pick<StoreTx, 'reports' | 'incidents' | 'events'>;

/** The report as correlation sees it. */
export function observationOfReport(report: Report, rules: IncidentRules): Observation {
  const p = report.place;
  const t = report.time;
  const observed = t && t.from !== null && t.to !== null ? { from: t.from, to: t.to } : null;
  return {
    reportId: report.id,
    point: p && p.lat !== null && p.lon !== null ? { lat: p.lat, lon: p.lon } : null,
    accuracyMeters: observedAccuracy(
      p?.accuracyMeters ?? rules.defaultAccuracyMeters,
      report.textFacts.seenFromAfar === true,
      rules.cluster,
    ),
    window: observationWindow(observed, report.receivedAt, rules.cluster),
    kinds: report.eventKinds,
  };
}

async function candidatesAround(
  port: CorrelatePort,
  o: Observation,
  rules: IncidentRules,
  exclude: string | null,
  unlessCut = false,
): Promise<{ candidates: CandidateIncident[]; cut: boolean }> {
  const boxes = observationBoxes(o, rules.cluster);
  if (boxes.length === 0) return { candidates: [], cut: false };
  const cap = candidateCap(o, rules.cluster);
  const ids = await port.incidents.candidates('core', boxes, cap);
  const cut = ids.length >= cap;
  // A re-check skips a cut search: its estimates (up to a city's 256) are not read for nothing.
  if (cut && unlessCut) return { candidates: [], cut };
  const rows = await port.incidents.estimates(ids.filter((id) => id !== exclude));
  return { candidates: rows.filter((r) => r.mergedInto === null), cut };
}

/** The incidents holding near-identical copies of the report's text, with how many each. */
async function copiesOf(
  port: CorrelatePort,
  report: Report,
  rules: IncidentRules,
  copyWindowHours: number,
): Promise<CopyIncident[]> {
  const sketch = report.textSketch;
  if (!sketch || copyWindowHours === 0) return [];
  const mates = await port.reports.sharingBands(
    rules.text.bands(sketch),
    report.receivedAt - copyWindowHours * 3_600_000,
    // Later reports too, by the same window: a report correlated again (a new pass), or
    // imported after copies received later than it, sees copies sent up to W after it;
    // not a message sent again days later, which is a campaign of its own.
    report.receivedAt + copyWindowHours * 3_600_000 + 1,
    report.id,
    rules.cluster.maxCandidates * 4,
  );
  const count = new Map<string, number>();
  for (const m of mates) {
    if (!m.incidentId) continue;
    if (rules.text.similarity(sketch, m.sketch) < rules.text.threshold) continue;
    count.set(m.incidentId, (count.get(m.incidentId) ?? 0) + 1);
  }
  const rows = await port.incidents.estimates([...count.keys()]);
  return rows
    .filter((r) => r.mergedInto === null)
    .map((r) => ({ id: r.id, seq: r.seq, estimate: r.estimate, copies: count.get(r.id) ?? 0 }));
}

/** How many kept-apart reports a precise report looks at again (settings, correlate/settings.ts). */
export interface RecheckLimits {
  vagueRechecks: number;
  citywideRecheckReads: number;
  citywideRechecks: number;
}

/**
 * The lone report of a kept-apart incident the index found, as correlation sees it, or
 * null: not alone any more, or placed there by an analyst (the rule never moves it).
 */
async function keptApart(
  port: CorrelatePort,
  incidentId: string,
  rules: IncidentRules,
): Promise<Observation | null> {
  const members = await port.incidents.memberFacts(incidentId);
  const only = members[0];
  if (members.length !== 1 || !only || only.pinned) return null;
  return observationOf(only, rules);
}

/**
 * The vague reports kept apart near a precise report, each with what it fits besides:
 * one kept apart as ambiguous fits several, and the new report's placement must stand
 * out among them for it to attach. A cut search might miss a likelier one: that report
 * is not looked at now. Whole-city reports (the city index) only when the placement may
 * let one attach, and only those naming a kind it may hold (`citywideRecheckKinds`):
 * each costs a city-wide search.
 */
async function recheckable(
  port: CorrelatePort,
  subject: Observation,
  candidates: readonly CandidateIncident[],
  current: string | null,
  rules: IncidentRules,
  limits: RecheckLimits,
): Promise<VagueRecheck[]> {
  if (isVague(subject, rules.cluster)) return [];
  const boxes = observationBoxes(subject, rules.cluster);
  const rechecks: VagueRecheck[] = [];
  const recheck = async (incidentId: string, observation: Observation) => {
    const around = await candidatesAround(port, observation, rules, incidentId, true);
    if (!around.cut) rechecks.push({ incidentId, observation, candidates: around.candidates });
  };
  if (limits.vagueRechecks > 0) {
    for (const incidentId of await port.incidents.candidates(
      'vague',
      boxes,
      limits.vagueRechecks,
    )) {
      const observation = incidentId === current ? null : await keptApart(port, incidentId, rules);
      if (observation) await recheck(incidentId, observation);
    }
  }
  const kinds =
    limits.citywideRechecks > 0 && limits.citywideRecheckReads > 0
      ? citywideRecheckKinds(subject, candidates, rules.cluster)
      : null;
  if (!kinds) return rechecks;
  let searched = 0;
  for (const incidentId of await port.incidents.candidates(
    'city',
    boxes,
    limits.citywideRecheckReads,
  )) {
    if (searched >= limits.citywideRechecks) break;
    const observation = incidentId === current ? null : await keptApart(port, incidentId, rules);
    if (!observation?.kinds.some((k) => kinds.has(k))) continue;
    searched += 1;
    await recheck(incidentId, observation);
  }
  return rechecks;
}

export function correlateStage(
  rules: IncidentRules,
  limits: RecheckLimits,
  copyWindowHours: number,
) {
  return defineStage<ClusterInput, ClusterEffects & { now: number; bands: string[] }>({
    name: 'correlate',
    version: 2,
    async load(port: CorrelatePort, reportId, at: LoadContext) {
      const report = await requireReport(port, reportId);
      const subject = observationOfReport(report, rules);
      let current: ClusterInput['current'] = null;
      if (report.incidentId) {
        const members = await port.incidents.memberFacts(report.incidentId);
        const others = members
          .filter((m) => m.reportId !== reportId)
          .map((m) => observationOf(m, rules));
        current = {
          incidentId: report.incidentId,
          without: estimateOf(others, rules.cluster),
          others: others.length,
          pinned: report.incidentPinned,
          reason: report.incidentReason,
        };
      }
      const { candidates, cut } = await candidatesAround(port, subject, rules, report.incidentId);
      const rechecks = await recheckable(
        port,
        subject,
        candidates,
        report.incidentId,
        rules,
        limits,
      );
      const copies = await copiesOf(port, report, rules, copyWindowHours);
      const ids = [
        ...candidates.map((c) => c.id),
        ...rechecks.map((r) => r.incidentId),
        ...(report.incidentId ? [report.incidentId] : []),
      ];
      const separated = new Set(await port.incidents.separations(ids));
      return {
        subject,
        current,
        copies,
        candidates,
        candidatesCut: cut,
        separated,
        rechecks,
        newIncidentId: at.newId('incident', at.now),
        rule: rules.cluster,
        now: at.now,
        bands: report.textSketch ? rules.text.bands(report.textSketch) : [],
      } as ClusterInput;
    },
    decide: (input) => {
      const extra = input as ClusterInput & { now: number; bands: string[] };
      return { ...decideCluster(input), now: extra.now, bands: extra.bands };
    },
    async apply(tx: CorrelatePort, e) {
      const { placement, now, reportId } = e;
      const target = placement.incidentId;
      const touched = new Set<string>([target]);
      const exists = (await tx.incidents.estimates([target])).length > 0;
      if (!exists) await tx.incidents.create(target, emptyTotals(now), now);
      if (placement.kind === 'join') {
        for (const from of placement.merged) {
          await tx.incidents.absorb(from, target, now);
          await tx.incidents.recordChange({
            incidentId: target,
            kind: 'bridge',
            actor: null,
            detail: { from, reportId },
            at: now,
          });
        }
      }
      await tx.reports.assignIncident(reportId, target);
      await tx.reports.setBands(reportId, e.bands);
      await tx.reports.setIncidentReason(
        reportId,
        placement.kind === 'create' ? null : (placement.reason ?? null),
      );
      if (e.left && e.left !== target) {
        const rest = await tx.incidents.memberFacts(e.left);
        if (rest.length === 0) {
          // It was alone there: the old incident now lives on in the one it joined.
          await tx.incidents.absorb(e.left, target, now);
          await tx.incidents.recordChange({
            incidentId: target,
            kind: 'move',
            actor: null,
            detail: { from: e.left, reportId },
            at: now,
          });
        } else touched.add(e.left);
      }
      for (const from of e.attached) {
        const [member] = await tx.incidents.memberFacts(from);
        // Why it had been kept apart (no match yet, or none standing out), for the record.
        const was = member
          ? ((await tx.reports.get(member.reportId))?.incidentReason ?? null)
          : null;
        await tx.incidents.absorb(from, target, now);
        if (member) {
          const reason = e.citywide?.includes(from) ? FLAG.cluster.citywide : null;
          await tx.reports.setIncidentReason(member.reportId, reason);
        }
        await tx.incidents.recordChange({
          incidentId: target,
          kind: 'attach',
          actor: null,
          detail: { from, reportId: member?.reportId ?? null, reason: was },
          at: now,
        });
      }
      for (const id of touched) await refreshIncident(tx, id, now, rules);
      const change =
        placement.kind === 'join' && placement.merged.length > 0
          ? 'merged'
          : e.attached.length > 0
            ? 'attached'
            : 'joined';
      await announce(tx, [...touched], change, now);
    },
  });
}

/** The totals an incident is created with (refreshIncident replaces them). */
export const emptyTotals = (now: number) => ({
  start: now,
  end: now,
  reportCount: 0,
  pointCount: 0,
  x: 0,
  y: 0,
  z: 0,
});
