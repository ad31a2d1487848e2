/**
 * The screen stage: the repeat-dialer rule over the caller's whole history, so the
 * verdict on every one of the caller's reports is right whatever order they were
 * stored in (an import of old calls). Flagged reports go to the abuse queue.
 */
import type { StoreTx } from '../../store/port.js';
import { defineStage, requireReport } from '../stage.js';
import {
  decideScreening,
  type ScreenChange,
  type ScreenedCall,
} from '../../protect/screen-decision.js';

export const screenStage = defineStage<{ calls: ScreenedCall[] }, ScreenChange[]>({
  name: 'screen',
  version: 1,
  async load(port: Pick<StoreTx, 'reports'>, reportId) {
    const report = await requireReport(port, reportId);
    const pseudonyms = [report.callerPseudonym, report.callerLink].filter(
      (p): p is string => p !== null,
    );
    const calls: ScreenedCall[] =
      pseudonyms.length === 0 ? [] : await port.reports.callerHistory(pseudonyms);
    return { calls };
  },
  decide: ({ calls }, settings) => decideScreening(calls, settings.repeatRule),
  async apply(tx: Pick<StoreTx, 'reports'>, changes) {
    for (const change of changes) {
      await tx.reports.replaceFlags(change.id, ['abuse'], change.abuseFlags);
      await tx.reports.setQueue(change.id, change.queue);
    }
  },
});
