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

/** Benford's law (benford/): how much data a test needs before it says anything. */
export const BENFORD_SETTINGS = {
  benfordMinValues: setting(
    'TIPWIRE_BENFORD_MIN_VALUES',
    'Fewest values a Benford test runs on; below it refuses (few values conform by chance or not at all).',
    intIn(1, 1_000_000_000),
    300,
  ),
  benfordMinOrdersOfMagnitude: setting(
    'TIPWIRE_BENFORD_MIN_ORDERS_OF_MAGNITUDE',
    'Orders of magnitude the middle 98 % of the values (1st to 99th percentile) must span for a Benford test; below it refuses (a narrow range cannot follow the law).',
    numberIn(0, 20),
    2,
  ),
  benfordMinAmount: setting(
    'TIPWIRE_BENFORD_MIN_AMOUNT',
    'Values below this are left out of the Benford tests (10: a number below 10 has no second digit; zero and negative values are always left out).',
    numberIn(0, 1_000_000_000),
    10,
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
  ...BENFORD_SETTINGS,
};
