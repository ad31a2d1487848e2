/**
 * The normalize stage: the stored report's claims to a UTC interval, a place,
 * completeness and next questions (normalize-report.ts decides; this loads and
 * writes). Also run outside the queue, in an analyst's transaction, when an answer
 * changed the claims (Pipeline.renormalize).
 */
import type { StoreTx } from '../../store/port.js';
import { defineStage, requireReport } from '../stage.js';
import {
  decideNormalization,
  normalizeContext,
  type NormalizeEffects,
  type NormalizeInput,
} from '../../normalize/normalize-report.js';

export const normalizeStage = defineStage<NormalizeInput, NormalizeEffects>({
  name: 'normalize',
  version: 1,
  async load(port: Pick<StoreTx, 'reports'>, reportId) {
    const report = await requireReport(port, reportId);
    return {
      reportId,
      receivedAt: report.receivedAt,
      claims: report.claims,
      context: normalizeContext(report),
      geocodeState: report.geocodeState,
    };
  },
  decide: (input, settings) => decideNormalization(input, settings.normalize),
  async apply(tx: Pick<StoreTx, 'reports'>, e) {
    await tx.reports.saveNormalization(e.reportId, e.normalization, e.window, e.point);
    if (e.wantGeocode) await tx.reports.setGeocode(e.reportId, null, 'wanted');
  },
});
