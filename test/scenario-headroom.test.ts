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

describe('headroom when the largest piece is a gathering of city-wide copies', () => {
  // Two witnesses split apart; three copies of a campaign placed only as the city gather.
  const truth2 = {
    reports: {
      w1: { event: 'e2', role: 'witness' },
      w2: { event: 'e2', role: 'witness' },
      n1: { event: 'e2', role: 'vague' },
      c1: { event: 'e2', role: 'campaign' },
      c2: { event: 'e2', role: 'campaign' },
      c3: { event: 'e2', role: 'campaign' },
    },
  };
  const exported2 = [
    { id: 'r_w1', externalId: 'w1', incidentId: 'i_6', place: place(20) },
    { id: 'r_w2', externalId: 'w2', incidentId: 'i_7', place: place(20) },
    // Placed nowhere, but tipwire put it beside w1: it goes with w1.
    { id: 'r_n1', externalId: 'n1', incidentId: 'i_6', place: place(null) },
    ...['c1', 'c2', 'c3'].map((c) => ({
      id: `r_${c}`,
      externalId: c,
      incidentId: 'i_5',
      place: place(34_700),
    })),
  ];
  const rows = headroom(itemsOf(truth2, exported2));
  const row = (name: string) => rows.find((r: { class: string }) => r.class === name);

  test('the loose bound moves the witnesses into the gathering; the tight one joins them apart', () => {
    // As exported: w1, n1 2/6; w2 1/6; c1–c3 3/6: (4/6 + 1/6 + 9/6) / 6.
    expect(row('as exported')).toMatchObject({ precision: 1, recall: 0.3889 });
    // Loose: w1, w2 into the copies' incident (5/6 each for five), n1 left alone (1/6).
    expect(row('every report placed better than 10 km')).toMatchObject({ recall: 0.7222 });
    // Tight: w1, w2 and n1 together (3/6 each), the copies where they were (3/6 each).
    expect(row("each event's placed reports in one piece, the rest as exported")).toEqual({
      class: "each event's placed reports in one piece, the rest as exported",
      items: 2,
      precision: 1,
      recall: 0.5,
      f1: 0.6667,
    });
  });
});
