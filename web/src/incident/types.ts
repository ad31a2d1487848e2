/**
 * The answers the incident view reads, typed by the server's own code (no copy of a
 * shape): the incident with its breakdown, a report with its text and findings, the
 * analyst's merge, split and move, the offices, and the live events it listens to.
 */
import type { z } from 'zod';
import type { reportView } from '../../../src/export/views.js';
import type { Incidents } from '../../../src/incidents/incidents.service.js';
import type { IncidentEventPayload } from '../../../src/notify/incident-events.js';
import type { LiveEvent } from '../../../src/notify/report-events.js';
import type { officesRoute } from '../../../src/server/routes/admin.js';
import type { oneIncidentAnswer } from '../../../src/server/routes/incidents.js';

export type IncidentBody = ReturnType<typeof oneIncidentAnswer>;
export type Breakdown = NonNullable<IncidentBody['confidenceBreakdown']>;
export type Term = Breakdown['terms'][number];
export type Change = IncidentBody['changes'][number];
export type ReportBody = ReturnType<typeof reportView>;
export type Finding = ReportBody['findings'][number];

export type MergeAnswer = Awaited<ReturnType<Incidents['merge']>>;
export type SplitAnswer = Awaited<ReturnType<Incidents['split']>>;
export type MoveAnswer = Awaited<ReturnType<Incidents['move']>>;
export type OfficesAnswer = z.infer<(typeof officesRoute)['answers'][200]['schema']>;

/** `incident.updated` on the live stream. */
export type IncidentEvent = IncidentEventPayload;
/** `report.processed` and `report.updated` on the live stream. */
export type ReportEvent = LiveEvent['payload'];
