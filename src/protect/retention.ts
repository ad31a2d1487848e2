/**
 * Retention's rule, pure: closed and unfounded cases are due for deletion once
 * their status has not changed for the retention period of that status. The
 * deleting is the retention service's (src/retention/retention.service.ts).
 */
import type { CaseStatus } from '../domain/report.js';

export interface RetentionSettings {
  /** Days a case stays after it was marked unfounded. */
  unfoundedDays: number;
  /** Days a case stays after it was closed. */
  closedDays: number;
}

/** Per status, the moment before which a case in that status is due for deletion. */
export function retentionCutoffs(now: number, s: RetentionSettings): [CaseStatus, number][] {
  const DAY = 86_400_000;
  return [
    ['unfounded', now - s.unfoundedDays * DAY],
    ['closed', now - s.closedDays * DAY],
  ];
}
