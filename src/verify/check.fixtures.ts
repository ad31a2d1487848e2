/** For the checks' tests: a subject with nothing in it, and the settings' defaults. */
import type { CheckSettings, CheckSubject } from './check.js';

export const TEST_CHECK_SETTINGS: CheckSettings = {
  contradictionSeconds: 900,
  staleToleranceSeconds: 900,
  mediaReuseMaxBits: 6,
  textReuseMinSimilarity: 0.6,
  textReuseWindowHours: 168,
  exifTimeMismatchMinutes: 3,
  exifPlaceMismatchMeters: 1000,
  sunNightAltitudeDegrees: -6,
  sunShadowBearingErrorDegrees: 5,
  sunShadowLengthError: 0.1,
  perplexity: {
    highPerplexity: 85,
    lowPerplexity: 10,
    minTokens: 20,
    minKnownShare: 0.7,
    minTrainingTokens: 50_000,
  },
};

export function emptySubject(overrides: Partial<CheckSubject> = {}): CheckSubject {
  return {
    reportId: 'r_1',
    receivedAt: 0,
    time: null,
    place: null,
    timeSources: [],
    attachments: [],
    mediaMatches: [],
    textMatches: [],
    sun: null,
    textScore: null,
    ...overrides,
  };
}
