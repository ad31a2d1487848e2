/**
 * An incident as one viewer may see it: only the members in the viewer's scope
 * (access/scope.ts), with the span, centroid, count and independent sources of
 * those members alone. Supervisors see the stored summary of every member.
 */
import { memberScope, type MemberScope, type Viewer } from '../access/scope.js';
import { summaryOf, totalsOf, type Incident } from '../domain/incident.js';
import { incidentView } from '../export/views.js';
import type { Store } from '../store/store.js';

/** The incident with its summary taken over the members in `scope` only. */
export function scopedIncident(store: Store, incident: Incident, scope: MemberScope) {
  const members = store.incidents.memberIds(incident.id, scope);
  // A viewer who sees every member sees the stored summary (its centroid leaves vague members out).
  if (scope.all || members.reportIds.length === incident.reportCount) return { incident, members };
  const totals = totalsOf(store.incidents.members(incident.id, scope));
  const summary = totals
    ? summaryOf(totals)
    : { start: incident.start, end: incident.end, centroid: null };
  return {
    incident: { ...incident, ...summary, reportCount: members.reportIds.length },
    members,
  };
}

/** Whether the viewer sees the incident at all (at least one member in scope). */
export function seesIncident(store: Store, viewer: Viewer, incidentId: string): boolean {
  const scope = memberScope(viewer);
  return scope.all || store.incidents.memberIds(incidentId, scope).reportIds.length > 0;
}

/** The API's incident view for a viewer. */
export function incidentViewFor(store: Store, viewer: Viewer, incident: Incident) {
  const { incident: shown, members } = scopedIncident(store, incident, memberScope(viewer));
  return incidentView(shown, members);
}
