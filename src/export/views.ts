/** The JSON shapes of reports and incidents outside tipwire: API answers and exports. */
import type { ObservableType } from '../domain/text.js';
import type { Incident } from '../domain/incident.js';
import type { AttachmentMeta, Report } from '../domain/report.js';
import type { ReportVersion, StoredFinding } from '../store/store.js';
import { hasHiddenCharacters, visibleLabel } from './visible-text.js';

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/**
 * Normalized time: the UTC interval, the local reading, the zone and where it
 * came from, how the text was read, and every candidate reading when the local
 * time was ambiguous or did not exist.
 */
export function timeView(report: Pick<Report, 'time'>) {
  const t = report.time;
  if (!t) return null;
  return {
    observedFrom: iso(t.from),
    observedTo: iso(t.to),
    observedLocal: t.local,
    observedLocalEnd: t.localEnd ?? null,
    timezone: t.timezone,
    zoneSource: t.zoneSource,
    offsetMinutes: t.offsetMinutes ?? null,
    precisionSeconds: t.precisionSeconds,
    statedPrecisionSeconds: t.statedPrecisionSeconds ?? null,
    reading: t.reading ?? null,
    grain: t.grain ?? null,
    vague: t.vague ?? false,
    candidates: (t.candidates ?? []).map((c) => ({
      at: iso(c.at),
      offsetMinutes: c.offsetMinutes,
      timezone: c.timezone,
    })),
    unread: t.unread ?? [],
    alternatives: (t.alternatives ?? []).map((a) => ({ from: iso(a.from), to: iso(a.to) })),
  };
}

/** Completeness, the next questions and the time-source comparison, once normalized. */
export function assessmentView(report: Pick<Report, 'assessment'>) {
  const a = report.assessment;
  return {
    completeness: a?.completeness ?? null,
    nextQuestions: a?.nextQuestions ?? [],
    needsDeeperVerification: a?.needsDeeperVerification ?? false,
    timeSources: a?.timeSources
      ? {
          spreadSeconds: a.timeSources.spreadSeconds ?? null,
          sources: a.timeSources.sources.map((src) => ({
            source: src.source,
            from: iso(src.from),
            to: iso(src.to),
          })),
          stale: a.timeSources.stale ?? [],
        }
      : null,
  };
}

/** A report without its narrative: what exports and lists of metadata carry. */
export function reportMetadataView(report: Report) {
  return {
    id: report.id,
    externalId: report.externalId,
    version: report.version,
    channel: report.channel,
    category: report.category,
    receivedAt: new Date(report.receivedAt).toISOString(),
    stage: report.stage,
    status: report.status,
    statusChangedAt: new Date(report.statusChangedAt).toISOString(),
    queue: report.queue,
    officeId: report.officeId,
    time: timeView(report),
    place: report.place,
    flags: report.flags,
    ...assessmentView(report),
    incidentId: report.incidentId,
    /** Why correlation kept it apart (an `cluster.*` code), or null. */
    incidentReason: report.incidentReason,
    incidentPinned: report.incidentPinned,
    /** Its words say its sender reported this before (correlate/says-repeat.ts). */
    saysRepeat: report.textFacts.saysRepeat === true,
    /** Its words say it was seen from afar: its point is the witness's (correlate/seen-from-afar.ts). */
    seenFromAfar: report.textFacts.seenFromAfar === true,
    callerPseudonym: report.callerPseudonym,
  };
}

export interface MessageView {
  id: string;
  author: 'reporter' | 'operator';
  text: string;
  at: string;
}

/** What opening a report's sealed parts gave (see protect/vault.ts). */
export interface OpenedText {
  narrative: string;
  subjects: string | null;
  attachments: AttachmentMeta[];
  messages: MessageView[];
  /** The observables of its text, opened, each with how many other reports name it. */
  observables: ObservableView[];
}

/** An observable as an analyst sees it (a phone number as its caller pseudonym). */
export interface ObservableView {
  type: ObservableType;
  value: string;
  /** Other reports naming the same observable (its keyed token). */
  otherReports: number;
}

/** What the verify stage's checks found, each with the check (name and version) that said so. */
export function findingsView(findings: readonly StoredFinding[]) {
  return findings.map((f) => ({
    check: f.check,
    checkVersion: f.checkVersion,
    code: f.code,
    severity: f.severity,
    message: f.message,
    evidence: f.evidence,
    at: new Date(f.createdAt).toISOString(),
  }));
}

/** A report with its text and findings, for those allowed to read it. */
export function reportView(
  report: Report,
  opened: OpenedText,
  findings: readonly StoredFinding[] = [],
) {
  return {
    ...reportMetadataView(report),
    narrative: opened.narrative,
    subjects: opened.subjects,
    claims: report.claims,
    // File names are labels chosen by the reporter: hidden characters are shown.
    attachments: opened.attachments.map((a) => ({
      ...a,
      filename: visibleLabel(a.filename),
      hiddenCharactersInName: hasHiddenCharacters(a.filename),
    })),
    messages: opened.messages,
    observables: opened.observables,
    textScore: report.textScore,
    textState: report.textState,
    findings: findingsView(findings),
  };
}

/** An earlier version of a report, with its text, for those allowed to read the report. */
export function versionView(
  version: ReportVersion,
  opened: { narrative: string; subjects: string | null },
) {
  return {
    version: version.version,
    replacedAt: new Date(version.replacedAt).toISOString(),
    replacedBy: version.replacedBy,
    narrative: opened.narrative,
    subjects: opened.subjects,
    claims: version.claims,
    category: version.category,
  };
}

export function incidentView(
  incident: Incident,
  members: { reportIds: string[]; externalIds: string[]; sources: string[] },
) {
  return {
    id: incident.id,
    reportIds: members.reportIds,
    externalIds: members.externalIds,
    start: new Date(incident.start).toISOString(),
    end: new Date(incident.end).toISOString(),
    centroid: incident.centroid,
    radiusMeters: Math.round(incident.radiusMeters),
    reportCount: incident.reportCount,
    // Never more than the sources among the members this viewer sees (an incident
    // assessed before F6 has only those).
    independentSources:
      incident.confidence === null
        ? new Set(members.sources).size
        : Math.min(incident.independentSources, new Set(members.sources).size),
    confidence: incident.confidence === null ? null : Math.round(incident.confidence * 1000) / 1000,
    kinds: incident.kinds,
    category: incident.kinds[0] ?? null,
    lastActivity: new Date(incident.lastActivity).toISOString(),
    mergedInto: incident.mergedInto,
    officeId: incident.officeId,
    createdAt: new Date(incident.createdAt).toISOString(),
    updatedAt: new Date(incident.updatedAt).toISOString(),
  };
}
