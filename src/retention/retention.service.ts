/**
 * The retention service: deletes for good the cases that the retention rule
 * (protect/retention.ts) says are due, and expired sessions and revoked tokens.
 * Deleting takes the report's sealed text, attachments, messages, receipt, search
 * tokens and index entries with it, and rebuilds (or removes) the incidents it
 * belonged to. The store runs with SQLite's secure_delete, so freed pages are
 * zeroed; the caller checkpoints the WAL after.
 */
import { splitListEntry, type AuditAppend } from '../audit/audit-log.js';
import { totalsOf } from '../domain/incident.js';
import { retentionCutoffs, type RetentionSettings } from '../protect/retention.js';
import type { Store } from '../store/store.js';

export interface PurgeResult {
  reports: number;
  incidentsRemoved: number;
  tokens: number;
  /** Incidents that lost members and kept some: the caller rebuilds their estimate and confidence. */
  incidentsChanged: string[];
}

const BATCH = 500;

export function purgeExpired(deps: {
  store: Store;
  audit: AuditAppend;
  now: number;
  settings: RetentionSettings;
  actor: string;
}): PurgeResult {
  const { store } = deps;
  const result: PurgeResult = { reports: 0, incidentsRemoved: 0, tokens: 0, incidentsChanged: [] };
  for (const [status, before] of retentionCutoffs(deps.now, deps.settings)) {
    for (;;) {
      const ids = store.reports.expired(status, before, BATCH);
      if (ids.length === 0) break;
      store.transaction(() => {
        const incidents = new Set<string>();
        for (const id of ids) {
          const incidentId = store.reports.get(id)?.incidentId;
          if (incidentId) incidents.add(incidentId);
          store.reports.remove(id);
        }
        for (const incidentId of incidents) {
          const totals = totalsOf(store.incidents.members(incidentId));
          if (totals) {
            store.incidents.update(incidentId, totals, deps.now);
            result.incidentsChanged.push(incidentId);
          } else {
            store.incidents.remove(incidentId);
            result.incidentsRemoved += 1;
          }
        }
        const entry = {
          actor: deps.actor,
          action: 'retention.purged',
          target: 'reports',
          reason: `${status} cases past their retention period`,
          details: { status, count: ids.length },
        };
        splitListEntry(entry, 'reportIds', ids).forEach(deps.audit);
      });
      result.reports += ids.length;
    }
  }
  store.transaction(() => {
    result.tokens = store.tokens.purgeExpired(deps.now);
    if (result.tokens > 0) {
      deps.audit({
        actor: deps.actor,
        action: 'retention.tokens_purged',
        target: 'tokens',
        reason: 'expired sessions and revoked tokens',
        details: { count: result.tokens },
      });
    }
  });
  return result;
}
