/** Retention's cutoffs: a case is due once its status is older than that status's period. */
import { describe, expect, it } from 'vitest';
import { retentionCutoffs } from './retention.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('retentionCutoffs', () => {
  it('gives each status the moment its period ends, unfounded and closed apart', () => {
    expect(retentionCutoffs(NOW, { unfoundedDays: 90, closedDays: 365 })).toEqual([
      ['unfounded', NOW - 90 * DAY],
      ['closed', NOW - 365 * DAY],
    ]);
  });

  it('counts fractions of a day and a period of 0 (due at once)', () => {
    expect(retentionCutoffs(NOW, { unfoundedDays: 0.5, closedDays: 0 })).toEqual([
      ['unfounded', NOW - DAY / 2],
      ['closed', NOW],
    ]);
  });
});
