/**
 * An analyst's hand on incidents: merge incidents, split reports out into a new one,
 * move a report to another incident. Each change is one transaction with its audit
 * record, its incident-change records and live `incident.updated` events; the reports
 * it places are pinned, and a split records the pair as separated, so the automatic
 * rule (correlate/cluster-decision.ts) never undoes a hand decision.
 */
import { canSeeCase, memberScope } from '../access/scope.js';
import type { Principal } from '../access/principal.js';
import { AppError, validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { Incident } from '../domain/incident.js';
import type { AsyncStore, StoreTx } from '../store/port.js';
import type { AuditAppend } from '../audit/audit-log.js';
import { announce, refreshIncident, type IncidentRules } from './refresh.js';

export type IncidentsStore = Pick<AsyncStore, 'incidents' | 'reports' | 'events' | 'transaction'>;

export interface IncidentsDeps {
  store: IncidentsStore;
  rules: IncidentRules;
  audit: AuditAppend;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  /** Called after a change committed (wakes the live stream). */
  onEvent: () => void;
}

/** Most incidents one merge may absorb, and most reports one split may move. */
export const MAX_HAND_ITEMS = 500;

const noIncident = () => new AppError('not_found', 'not_found', 'no incident with this id');

export function createIncidents(deps: IncidentsDeps) {
  const { store, rules } = deps;

  /** The open incident, if the principal sees at least one of its reports; else 404. */
  async function visible(tx: Pick<StoreTx, 'incidents'>, principal: Principal, id: string) {
    const incident = await tx.incidents.get(id);
    if (!incident) throw noIncident();
    const scope = memberScope(principal);
    if (!scope.all && (await tx.incidents.memberIds(id, scope)).reportIds.length === 0) {
      throw noIncident();
    }
    return incident;
  }

  const open = (incident: Incident, field: string) => {
    if (incident.mergedInto) {
      throw validationError([
        { path: field, message: `incident ${incident.id} was merged into ${incident.mergedInto}` },
      ]);
    }
  };

  async function pinAll(tx: StoreTx, incidentId: string) {
    for (const m of await tx.incidents.memberFacts(incidentId)) {
      await tx.reports.pinIncident(m.reportId, incidentId);
    }
  }

  async function commit<T>(fn: (tx: StoreTx, now: number) => Promise<T>): Promise<T> {
    const result = await store.transaction((tx) => fn(tx, deps.clock()));
    deps.onEvent();
    return result;
  }

  return {
    /** Merges `fromIds` into `intoId` (which keeps its id); every member is pinned. */
    merge(principal: Principal, intoId: string, fromIds: string[], reason: string) {
      const from = [...new Set(fromIds)].filter((id) => id !== intoId);
      if (from.length === 0) {
        throw validationError([
          { path: 'incidentIds', message: 'name at least one other incident' },
        ]);
      }
      return commit(async (tx, now) => {
        open(await visible(tx, principal, intoId), 'id');
        for (const [i, id] of from.entries())
          open(await visible(tx, principal, id), `incidentIds.${i}`);
        for (const id of from) {
          await tx.incidents.absorb(id, intoId, now);
          await tx.incidents.recordChange({
            incidentId: intoId,
            kind: 'merge',
            actor: principal.id,
            detail: { from: id },
            at: now,
          });
        }
        await pinAll(tx, intoId);
        await refreshIncident(tx, intoId, now, rules);
        deps.audit({
          actor: principal.id,
          action: 'incident.merged',
          target: `incident:${intoId}`,
          reason,
          details: { from },
        });
        await announce(tx, [intoId, ...from], 'merged', now);
        return { id: intoId, merged: from };
      });
    },

    /** Moves `reportIds` out of `id` into a new incident; the two are never merged automatically. */
    split(principal: Principal, id: string, reportIds: string[], reason: string) {
      const moving = [...new Set(reportIds)];
      if (moving.length === 0) {
        throw validationError([{ path: 'reportIds', message: 'name at least one report' }]);
      }
      return commit(async (tx, now) => {
        open(await visible(tx, principal, id), 'id');
        const members = new Set((await tx.incidents.memberFacts(id)).map((m) => m.reportId));
        moving.forEach((r, i) => {
          if (!members.has(r)) {
            throw validationError([
              { path: `reportIds.${i}`, message: 'not a report of this incident' },
            ]);
          }
        });
        if (moving.length === members.size) {
          throw validationError([
            { path: 'reportIds', message: 'a split must leave at least one report behind' },
          ]);
        }
        const newId = deps.newId('incident', now);
        await tx.incidents.create(
          newId,
          { start: now, end: now, reportCount: 0, pointCount: 0, x: 0, y: 0, z: 0 },
          now,
        );
        for (const r of moving) await tx.reports.pinIncident(r, newId);
        await pinAll(tx, id);
        await tx.incidents.separate(id, newId, principal.id, now);
        await tx.incidents.recordChange({
          incidentId: id,
          kind: 'split',
          actor: principal.id,
          detail: { to: newId, reportIds: moving },
          at: now,
        });
        await tx.incidents.recordChange({
          incidentId: newId,
          kind: 'split',
          actor: principal.id,
          detail: { from: id, reportIds: moving },
          at: now,
        });
        await refreshIncident(tx, id, now, rules);
        await refreshIncident(tx, newId, now, rules);
        deps.audit({
          actor: principal.id,
          action: 'incident.split',
          target: `incident:${id}`,
          reason,
          details: { to: newId, reportIds: moving },
        });
        await announce(tx, [id, newId], 'split', now);
        return { id, newIncidentId: newId };
      });
    },

    /** Moves one report into `incidentId` and pins it there. */
    move(principal: Principal, reportId: string, incidentId: string, reason: string) {
      return commit(async (tx, now) => {
        const report = await tx.reports.get(reportId);
        if (!report || !canSeeCase(principal, report)) {
          throw new AppError('not_found', 'not_found', 'no report with this id');
        }
        open(await visible(tx, principal, incidentId), 'incidentId');
        const from = report.incidentId;
        await tx.reports.pinIncident(reportId, incidentId);
        await tx.incidents.recordChange({
          incidentId,
          kind: 'move',
          actor: principal.id,
          detail: { reportId, from },
          at: now,
        });
        const touched = [incidentId];
        if (from && from !== incidentId) {
          if ((await tx.incidents.memberFacts(from)).length === 0) {
            await tx.incidents.absorb(from, incidentId, now);
          } else {
            await refreshIncident(tx, from, now, rules);
          }
          touched.push(from);
        }
        await refreshIncident(tx, incidentId, now, rules);
        deps.audit({
          actor: principal.id,
          action: 'report.moved',
          target: `report:${reportId}`,
          reason,
          details: { from, to: incidentId },
        });
        await announce(tx, touched, 'moved', now);
        return { id: reportId, incidentId };
      });
    },
  };
}

export type Incidents = ReturnType<typeof createIncidents>;
