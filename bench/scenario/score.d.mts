// Types of score.mjs, for the tests (test/scenario-score.test.ts).
/** What the scorer reads of a truth report (generate.mjs's TruthReport has more). */
export interface TruthReportLike {
  event: string | null;
  source: string;
  role: string;
}

export interface ClusterItem {
  system: string;
  truth: string;
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
  items: number;
}

export interface ExportedIncident {
  id: string;
  reportIds?: string[];
  externalIds?: (string | null)[];
  independentSources: number;
}

export interface ExportedReport {
  id: string;
  externalId: string | null;
  incidentId: string | null;
}

export interface SourceOffender {
  incident: string;
  independentSources: number;
  truthSources: number;
  reports: number;
}

export interface ScenarioScore {
  bcubed: { precision: number; recall: number; f1: number };
  items: number;
  truthReports: number;
  storedReports: number;
  incidents: number;
  truthClusters: number;
  duplicateReports: number;
  missingReports: number;
  unknownReports: number;
  membershipMismatches: number;
  sources: {
    incidents: number;
    overCounted: number;
    underCounted: number;
    exact: number;
    histogram: Record<string, number>;
    worstOver: SourceOffender[];
    worstUnder: SourceOffender[];
  };
  byRole: Record<string, { items: number; precision: number; recall: number }>;
  mixedIncidents: { count: number; worst: { incident: string; truthClusters: number }[] };
  splitEvents: { count: number; worst: { event: string; pieces: number }[] };
}

export interface Thresholds {
  minF1?: number;
  minPrecision?: number;
  maxOverCounted?: number;
}

export function parseJsonl(text: string): unknown[];
export function bcubedTerms(items: ClusterItem[]): { precision: number; recall: number }[];
export function bcubed(items: ClusterItem[]): BCubed;
export function truthClusterOf(externalId: string, t: { event: string | null }): string;
export function scoreScenario(
  input: {
    truth:
      | Pick<Truth, 'reports'>
      | { reports: Record<string, { event: string | null; source: string; role: string }> };
    incidents: ExportedIncident[];
    reports: ExportedReport[];
  },
  options?: { worst?: number },
): ScenarioScore;
export function checkThresholds(score: ScenarioScore, thresholds?: Thresholds): string[];
export function scoreFiles(files: {
  truthFile: string;
  incidentsFile: string;
  reportsFile: string;
}): ScenarioScore;
