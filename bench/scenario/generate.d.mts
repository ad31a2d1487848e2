// Types of generate.mjs, for the tests (test/scenario-generate.test.ts).

export interface TruthEvent {
  id: string;
  kind: string;
  group: string;
  city: string;
  lat: number;
  lon: number;
  /** ISO 8601 UTC. */
  start: string;
  durationMinutes: number;
  fake?: true;
  shape: 'random' | 'neighbour' | 'recurrence' | 'fake';
  near?: string;
  reports: number;
  sources: number;
}

export type TruthRole =
  'witness' | 'vague' | 'repeat' | 'frequent' | 'sensor' | 'campaign' | 'fake_campaign' | 'noise';

export interface TruthReport {
  event: string | null;
  source: string;
  role: TruthRole;
  channel: string;
  lang: 'en' | 'zh';
  vague?: 'place' | 'time' | 'no_time' | 'both';
  timeForm: string;
  resend?: 'time' | 'place' | 'narrative' | 'unchanged';
  /** When the reporter saw it (ISO 8601 UTC). */
  trueTime: string;
}

export interface Truth {
  format: string;
  seed: number;
  reportCount: number;
  lineCount: number;
  start: string;
  end: string;
  timezone: string;
  conventions: Record<string, string>;
  events: TruthEvent[];
  campaigns: { source: string; event: string; size: number; fake: boolean; lang: string }[];
  reports: Record<string, TruthReport>;
}

/** One import line (Report JSON). */
export type ScenarioLine = { externalId: string; channel: string; narrative: string } & Record<
  string,
  unknown
>;

export interface Scenario {
  lines: ScenarioLine[];
  truth: Truth;
}

export const TRUTH_FORMAT: string;
export const SHARES: Record<string, number>;
export const CONVENTIONS: Record<string, string>;
export function generateScenario(options?: {
  seed?: number;
  reports?: number;
  days?: number;
  start?: string;
}): Scenario;
export function writeScenario(
  dir: string,
  scenario: Scenario,
): { reportsFile: string; truthFile: string };
export function describeScenario(scenario: Scenario): Record<string, unknown>;
