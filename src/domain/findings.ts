/**
 * What a verification check reports: a finding, with a code and severity from the
 * catalogue (flags.ts), a message in English and Chinese, and its evidence
 * (identifiers, numbers, codes: never the report's text). The checks are verify/'s.
 */
import type { FindingCode, Severity } from './flags.js';

export type { FindingCode, Severity } from './flags.js';

/** A finding: its code and severity are the catalogue's (domain/flags.ts), defined once. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: { en: string; zh: string };
  evidence: Record<string, unknown>;
}
