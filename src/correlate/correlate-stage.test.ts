/**
 * The correlate stage's decision and its search in rings, each alone: the search
 * over an in-memory `findNear`, the decision over plain input.
 */
import { describe, expect, it } from 'vitest';
import { addMember, totalsOf } from '../domain/incident.js';
import { decideCorrelation, type CorrelateInput } from './correlate-decision.js';
import { haversineMeters } from './geo.js';
import type { Candidate } from './join-incident.js';
import { nearestIncident } from './nearest-incident.js';

const T0 = Date.parse('2026-11-20T13:00:00Z');
const HOUR = 3_600_000;
const rule = { radiusMeters: 500, windowMs: 2 * HOUR };
const here = { lat: 34.261, lon: 108.942 };
const north = (meters: number) => ({ lat: here.lat + meters / 111_195, lon: here.lon });
const subject = { id: 'r_new', point: here, window: { from: T0, to: T0 } };

/** A store of candidates, answering box queries like report_points, and counting them. */
function storeOf(candidates: Candidate[]) {
  const radii: number[] = [];
  const findNear = (
    w: { from: number; to: number },
    box: { minLat: number; maxLat: number; minLon: number; maxLon: number },
  ) => {
    radii.push(Math.round(((box.maxLat - box.minLat) / 2) * 111_195));
    return candidates.filter(
      (c) =>
        c.lat >= box.minLat &&
        c.lat <= box.maxLat &&
        c.lon >= box.minLon &&
        c.lon <= box.maxLon &&
        c.from <= w.to &&
        c.to >= w.from,
    );
  };
  return { findNear, radii };
}

const at = (meters: number, overrides: Partial<Candidate> = {}): Candidate => ({
  id: 'r_old',
  incidentId: 'i_1',
  ...north(meters),
  from: T0,
  to: T0,
  ...overrides,
});

describe('nearestIncident: the search in rings', () => {
  it('settles in the first ring when a match lies within it', async () => {
    const store = storeOf([at(20)]);
    expect(await nearestIncident(store.findNear, subject, rule)).toMatchObject({
      incidentId: 'i_1',
    });
    expect(store.radii).toEqual([31]);
  });

  it('widens ring by ring, as configured, up to the join radius', async () => {
    const store = storeOf([at(400)]);
    const match = await nearestIncident(store.findNear, subject, rule, [0.1, 0.5, 1]);
    expect(match?.incidentId).toBe('i_1');
    expect(store.radii).toEqual([50, 250, 500]);
  });

  it('joins at the radius and not a millimetre beyond, whatever the rings', async () => {
    const c = at(499);
    const distance = haversineMeters(here, c);
    const exact = { ...rule, radiusMeters: distance };
    expect(await nearestIncident(storeOf([c]).findNear, subject, exact)).not.toBeNull();
    const short = { ...rule, radiusMeters: distance - 0.001 };
    expect(await nearestIncident(storeOf([c]).findNear, subject, short)).toBeNull();
  });

  it('does not join a report in the corner of the search box, beyond the radius', async () => {
    // 450 m north and 450 m east: inside the 500 m box, about 636 m away.
    const corner = at(450, {
      lon: here.lon + 450 / (111_195 * Math.cos((here.lat * Math.PI) / 180)),
    });
    expect(haversineMeters(here, corner)).toBeGreaterThan(600);
    const store = storeOf([corner]);
    expect(await nearestIncident(store.findNear, subject, rule)).toBeNull();
    expect(store.radii).toEqual([31, 125, 500]);
  });

  it('joins at the time window and not a millisecond beyond', async () => {
    const later = (ms: number) => at(10, { from: T0 + ms, to: T0 + ms });
    expect(
      await nearestIncident(storeOf([later(2 * HOUR)]).findNear, subject, rule),
    ).not.toBeNull();
    expect(
      await nearestIncident(storeOf([later(2 * HOUR + 1)]).findNear, subject, rule),
    ).toBeNull();
  });
});

describe('decideCorrelation', () => {
  const base: CorrelateInput = {
    reportId: 'r_new',
    now: T0,
    window: { from: T0, to: T0 + HOUR },
    point: here,
    current: null,
    match: null,
    newIncidentId: 'i_new',
  };

  it('starts a new incident under the id it was given', () => {
    expect(decideCorrelation(base)).toEqual({
      reportId: 'r_new',
      now: T0,
      incidentId: 'i_new',
      incident: { write: 'create', totals: addMember(null, { window: base.window, point: here }) },
    });
  });

  it('joins the match, adding itself to the incident’s totals', () => {
    const totals = addMember(null, {
      window: { from: T0 - HOUR, to: T0 - HOUR },
      point: north(100),
    });
    const e = decideCorrelation({ ...base, match: { incidentId: 'i_1', totals } });
    expect(e.incidentId).toBe('i_1');
    expect(e.incident).toMatchObject({
      write: 'update',
      totals: { reportCount: 2, start: T0 - HOUR, end: T0 + HOUR, pointCount: 2 },
    });
  });

  it('keeps a report in its incident and rebuilds the totals from the members', () => {
    const members = [
      { window: { from: T0, to: T0 }, point: here },
      { window: { from: T0 + HOUR, to: T0 + 2 * HOUR }, point: null },
    ];
    const e = decideCorrelation({ ...base, current: { incidentId: 'i_1', members } });
    expect(e).toMatchObject({
      incidentId: 'i_1',
      incident: { write: 'update', totals: totalsOf(members) },
    });
    const empty = decideCorrelation({ ...base, current: { incidentId: 'i_1', members: [] } });
    expect(empty.incident).toBeNull();
  });
});
