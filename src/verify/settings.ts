/** The verify stage's settings: when heavy checks are put off, and the evidence checks' thresholds. */
import { intIn, numberIn, setting } from '../domain/settings.js';

/** Sun and shadows (sun/): night, and how far a measured shadow may be off. */
export const SUN_SETTINGS = {
  sunNightAltitudeDegrees: setting(
    'TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES',
    'The geometric altitude of the sun’s centre below which it is night for sun.night_photo (−6: the end of civil twilight; −12 nautical, −18 astronomical).',
    numberIn(-18, 0),
    -6,
  ),
  sunShadowBearingErrorDegrees: setting(
    'TIPWIRE_SUN_SHADOW_BEARING_ERROR_DEGREES',
    'How many degrees a shadow bearing measured on a photo may be off when the analyst gives no error of their own (sun.shadow_mismatch, chronolocation).',
    numberIn(0, 90),
    5,
  ),
  sunShadowLengthError: setting(
    'TIPWIRE_SUN_SHADOW_LENGTH_ERROR',
    'The fraction a measured shadow length ÷ object height may be off when the analyst gives no error of their own (0.1: 10 %).',
    numberIn(0, 0.99),
    0.1,
  ),
};

export const VERIFY_SETTINGS = {
  deferHeavyLagMs: setting(
    'TIPWIRE_VERIFY_DEFER_HEAVY_LAG_MS',
    'While the oldest waiting pipeline job has waited longer than this, heavy verification checks are put off until the queue is idle (correlation never waits).',
    intIn(0, 86_400_000),
    5000,
  ),
  ...SUN_SETTINGS,
};
