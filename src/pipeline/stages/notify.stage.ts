/**
 * The notify stage: the `report.processed` live event (report-events.ts builds it)
 * appended to the events table, and the report marked done.
 */
import type { Incident } from '../../domain/incident.js';
import type { Report } from '../../domain/report.js';
import type { StoreTx } from '../../store/port.js';
import { defineStage, requireReport } from '../stage.js';
import { reportProcessedEvent, type LiveEvent } from '../../notify/report-events.js';

interface NotifyInput {
  report: Report;
  incident: Incident | null;
  now: number;
}

interface NotifyEffects {
  reportId: string;
  event: LiveEvent;
  now: number;
}

export const notifyStage = defineStage<NotifyInput, NotifyEffects>({
  name: 'notify',
  version: 1,
  async load(port: Pick<StoreTx, 'reports' | 'incidents'>, reportId, at) {
    const report = await requireReport(port, reportId);
    const incident = report.incidentId ? await port.incidents.get(report.incidentId) : null;
    return { report, incident, now: at.now };
  },
  decide: ({ report, incident, now }) => ({
    reportId: report.id,
    event: reportProcessedEvent(report, incident),
    now,
  }),
  async apply(tx: Pick<StoreTx, 'reports' | 'events'>, e) {
    await tx.events.append(e.event.type, e.event.payload, e.now);
    await tx.reports.setStage(e.reportId, 'done');
  },
});
