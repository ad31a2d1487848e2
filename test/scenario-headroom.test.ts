/**
 * bench/scenario/headroom.mjs: the oracle that says how much recall each class of
 * report could still give, on a hand-computed example.
 */
import { describe, expect, test } from 'vitest';
import { headroom, itemsOf } from '../bench/scenario/headroom.mjs';

const truth = {
  reports: {
    a: { event: 'e1', role: 'witness' },
    b: { event: 'e1', role: 'witness' },
    c: { event: 'e1', role: 'vague' },
    d: { event: null, role: 'noise' },
  },
};
const place = (accuracyMeters: number | null) =>
  accuracyMeters === null ? { lat: null, lon: null } : { lat: 39.9, lon: 116.4, accuracyMeters };
const exported = [
  { id: 'r_a', externalId: 'a', incidentId: 'i_1', place: place(20) },
  { id: 'r_b', externalId: 'b', incidentId: 'i_1', place: place(150) },
  { id: 'r_c', externalId: 'c', incidentId: 'i_2', place: place(34_700) },
  { id: 'r_d', externalId: 'd', incidentId: 'i_3', place: place(null) },
  { id: 'r_x', externalId: 'unknown', incidentId: 'i_4', place: place(20) },
];

describe('headroom', () => {
  const rows = headroom(itemsOf(truth, exported));
  const row = (name: string) => rows.find((r: { class: string }) => r.class === name);

  test('scores the export as it is: the city report alone costs recall', () => {
    // a, b: recall 2/3; c: 1/3; d: 1. Precision 1 everywhere.
    expect(row('as exported')).toEqual({
      class: 'as exported',
      items: 4,
      precision: 1,
      recall: 0.6667,
      f1: 0.8,
    });
  });

  test("gives each class's oracle: placing the city report is all the headroom", () => {
    expect(row('place: place ≥ 10 km (a city)')).toMatchObject({ items: 1, recall: 1, f1: 1 });
    expect(row('role: vague')).toMatchObject({ items: 1, recall: 1 });
    // The reports already in their event's largest piece change nothing.
    expect(row('place: place < 100 m')).toMatchObject({ items: 1, recall: 0.6667 });
    expect(row('place: place 100 m – 1 km')).toMatchObject({ items: 1, recall: 0.6667 });
    expect(row('place: no place')).toMatchObject({ items: 1, recall: 0.6667 });
    expect(row('every report placed better than 10 km')).toMatchObject({
      items: 2,
      recall: 0.6667,
    });
    expect(row('every report')).toMatchObject({ items: 4, precision: 1, recall: 1 });
  });
});
