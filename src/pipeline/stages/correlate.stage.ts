/**
 * The correlate stage: finds the report's incident (nearest-incident.ts searches,
 * correlate-decision.ts decides) and writes the membership and the incident's totals.
 */
import { eventPoint, eventWindow } from '../../domain/report.js';
import type { StoreTx } from '../../store/port.js';
import { defineStage, requireReport, type LoadContext } from '../stage.js';
import type { JoinRule } from '../../correlate/join-incident.js';
import {
  decideCorrelation,
  type CorrelateEffects,
  type CorrelateInput,
} from '../../correlate/correlate-decision.js';
import { nearestIncident } from '../../correlate/nearest-incident.js';

/** The join rule and search rings correlate loads with (set by the runner from its settings). */
export interface CorrelateSearch {
  joinRule: JoinRule;
  searchRings: readonly number[];
}

type CorrelatePort = Pick<StoreTx, 'reports' | 'incidents'>;

/**
 * The correlate stage over a search configuration: loading needs the rule (the
 * search stops at the first ring holding a match), deciding needs none.
 */
export function correlateStage(search: CorrelateSearch) {
  return defineStage<CorrelateInput, CorrelateEffects>({
    name: 'correlate',
    version: 1,
    async load(port: CorrelatePort, reportId, at: LoadContext) {
      const report = await requireReport(port, reportId);
      const window = eventWindow(report);
      const point = eventPoint(report);
      const base = { reportId, now: at.now, window: { from: window.from, to: window.to }, point };
      if (report.incidentId) {
        const members = await port.incidents.members(report.incidentId);
        const current = { incidentId: report.incidentId, members };
        return { ...base, current, match: null, newIncidentId: report.incidentId };
      }
      const near =
        point &&
        (await nearestIncident(
          (w, box) => port.reports.findNear(w, box),
          { id: reportId, point, window },
          search.joinRule,
          search.searchRings,
        ));
      if (near) {
        const totals = await port.incidents.totals(near.incidentId);
        const match = { incidentId: near.incidentId, totals };
        return { ...base, current: null, match, newIncidentId: near.incidentId };
      }
      return { ...base, current: null, match: null, newIncidentId: at.newId('incident', at.now) };
    },
    decide: (input) => decideCorrelation(input),
    async apply(tx: CorrelatePort, e) {
      if (e.incident?.write === 'create')
        await tx.incidents.create(e.incidentId, e.incident.totals, e.now);
      if (e.incident?.write === 'update')
        await tx.incidents.update(e.incidentId, e.incident.totals, e.now);
      await tx.reports.assignIncident(e.reportId, e.incidentId);
    },
  });
}
