/**
 * The correlate stage's decision, a pure function: a report already in an incident
 * (renormalized after an answer) stays there and the incident's totals are rebuilt
 * from its members; a report with a nearest incident (nearest-incident.ts) joins it;
 * any other starts a new incident, whose id comes in the input.
 */
import {
  addMember,
  totalsOf,
  type IncidentMember,
  type IncidentTotals,
} from '../domain/incident.js';
import type { Interval } from '../domain/report.js';

export interface CorrelateInput {
  reportId: string;
  now: number;
  window: Interval;
  point: { lat: number; lon: number } | null;
  /** The incident the report is in already, with its members. */
  current: { incidentId: string; members: IncidentMember[] } | null;
  /** The nearest incident within the join rule, with its totals. */
  match: { incidentId: string; totals: IncidentTotals | null } | null;
  /** The id a new incident gets. */
  newIncidentId: string;
}

export interface CorrelateEffects {
  reportId: string;
  incidentId: string;
  now: number;
  /** The incident's totals to write: `create` a new incident or `update` one; null: leave it. */
  incident: { write: 'create' | 'update'; totals: IncidentTotals } | null;
}

export function decideCorrelation(input: CorrelateInput): CorrelateEffects {
  const { reportId, now } = input;
  const member = { window: input.window, point: input.point };
  if (input.current) {
    const totals = totalsOf(input.current.members);
    return {
      reportId,
      now,
      incidentId: input.current.incidentId,
      incident: totals && { write: 'update', totals },
    };
  }
  if (input.match) {
    return {
      reportId,
      now,
      incidentId: input.match.incidentId,
      incident: { write: 'update', totals: addMember(input.match.totals, member) },
    };
  }
  return {
    reportId,
    now,
    incidentId: input.newIncidentId,
    incident: { write: 'create', totals: addMember(null, member) },
  };
}
