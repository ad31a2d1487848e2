/**
 * The kind profiles the correlate rule tests were written against (the defaults until
 * tuning on the scenario narrowed them): fixed here so the tests pin the rule, not the
 * defaults. Test data only: left out of the build and of mutation runs.
 */
import type { KindProfiles } from './settings.js';

export const TEST_PROFILES: KindProfiles = {
  '*': { extentMeters: 300, durationMinutes: 90 },
  fire: { extentMeters: 400, durationMinutes: 240 },
  explosion: { extentMeters: 600, durationMinutes: 120 },
  gas_leak: { extentMeters: 300, durationMinutes: 240 },
  gunfire: { extentMeters: 600, durationMinutes: 45 },
  assault: { extentMeters: 200, durationMinutes: 45 },
  theft: { extentMeters: 200, durationMinutes: 60 },
  vandalism: { extentMeters: 200, durationMinutes: 90 },
  intrusion: { extentMeters: 250, durationMinutes: 90 },
  surveillance: { extentMeters: 200, durationMinutes: 120 },
  suspicious_vehicle: { extentMeters: 250, durationMinutes: 120 },
  suspicious_person: { extentMeters: 200, durationMinutes: 90 },
  drone: { extentMeters: 800, durationMinutes: 60 },
  suspicious_package: { extentMeters: 150, durationMinutes: 180 },
  traffic_accident: { extentMeters: 200, durationMinutes: 120 },
  flood: { extentMeters: 500, durationMinutes: 360 },
  crowd: { extentMeters: 500, durationMinutes: 240 },
  medical: { extentMeters: 150, durationMinutes: 60 },
  routine: { extentMeters: 150, durationMinutes: 120 },
};
