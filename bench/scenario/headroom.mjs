// How much B-cubed recall each kind of report could still give: an export scored as it
// is, then as it would score if every report of one class sat in its event's largest
// piece (an oracle no clusterer has: it uses the truth). A class whose oracle score is
// close to today's costs little; one far above it is where recall is lost.
//
//   node bench/scenario/headroom.mjs --truth S/truth.json --reports S/export-reports.jsonl
//
// Classes by what the report states: its place's accuracy (GPS-like < 100 m, street
// < 1 km, district < 10 km, city ≥ 10 km, none) and its truth role (bench/scenario/README.md);
// "all with a place better than 10 km" is the ceiling for a rule that never attaches a
// report placed only as a whole city (issue F6's "北京" case), if loose: it may move the
// witnesses into a gathering of city-wide copies; "each event's placed reports in one
// piece" is the tighter bound for such a rule. Uses score.mjs's conventions
// through score.mjs's B-cubed and truth clusters (items: the stored reports the truth knows).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bcubed, truthClusterOf } from './score.mjs';

const round = (x) => Number(x.toFixed(4));

/** score.mjs's B-cubed of the items under a clustering, rounded. */
function scored(items, systemOf) {
  const b = bcubed(items.map((it) => ({ system: systemOf(it), truth: it.truth })));
  return { precision: round(b.precision), recall: round(b.recall), f1: round(b.f1) };
}

const placeClass = (accuracy) =>
  accuracy === null
    ? 'no place'
    : accuracy < 100
      ? 'place < 100 m'
      : accuracy < 1000
        ? 'place 100 m – 1 km'
        : accuracy < 10_000
          ? 'place 1 – 10 km'
          : 'place ≥ 10 km (a city)';

/** The export's reports joined to the truth: one item per stored report the truth knows. */
export function itemsOf(truth, exportLines) {
  const items = [];
  for (const r of exportLines) {
    const t = truth.reports[r.externalId];
    if (!t) continue;
    const accuracy = r.place && r.place.lat !== null ? (r.place.accuracyMeters ?? null) : null;
    items.push({
      system: r.incidentId ?? `alone:${r.id}`,
      truth: truthClusterOf(r.externalId, t),
      event: t.event,
      role: t.role,
      place: placeClass(accuracy),
      placed: accuracy !== null && accuracy < 10_000,
    });
  }
  return items;
}

export function headroom(items) {
  // Each event's largest piece (the incident holding most of its reports).
  const pieces = new Map();
  for (const it of items) {
    if (!it.event) continue;
    const m = pieces.get(it.event) ?? new Map();
    m.set(it.system, (m.get(it.system) ?? 0) + 1);
    pieces.set(it.event, m);
  }
  const largest = new Map(
    [...pieces].map(([e, m]) => [e, [...m].sort((a, b) => b[1] - a[1])[0][0]]),
  );
  const oracle = (pred) =>
    scored(items, (it) => (it.event && pred(it) ? largest.get(it.event) : it.system));
  const classes = new Map();
  for (const it of items) {
    classes.set(`place: ${it.place}`, (x) => x.place === it.place);
    classes.set(`role: ${it.role}`, (x) => x.role === it.role);
  }
  const rows = [{ class: 'as exported', items: items.length, ...scored(items, (it) => it.system) }];
  for (const [name, pred] of [...classes].sort()) {
    rows.push({ class: name, items: items.filter(pred).length, ...oracle(pred) });
  }
  rows.push({
    class: 'every report placed better than 10 km',
    items: items.filter((it) => it.placed).length,
    ...oracle((it) => it.placed),
  });
  // A tighter bound for a rule that keeps whole-city and unplaced reports where they are:
  // each event's placed reports in one piece of their own (with the unplaced ones tipwire
  // had put beside them), every other report where tipwire put it. Unlike the row above,
  // it never moves the witnesses into a gathering of city-wide copies.
  const beside = new Set(
    items.filter((it) => it.event && it.placed).map((it) => `${it.system}|${it.event}`),
  );
  rows.push({
    class: "each event's placed reports in one piece, the rest as exported",
    items: items.filter((it) => it.placed).length,
    ...scored(items, (it) =>
      it.event && (it.placed || beside.has(`${it.system}|${it.event}`))
        ? `event:${it.event}`
        : it.system,
    ),
  });
  rows.push({ class: 'every report', items: items.length, ...oracle(() => true) });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { truth: { type: 'string' }, reports: { type: 'string' } },
  });
  if (!values.truth || !values.reports) {
    console.error(
      'usage: node bench/scenario/headroom.mjs --truth truth.json --reports export-reports.jsonl',
    );
    process.exit(2);
  }
  const truth = JSON.parse(readFileSync(values.truth, 'utf8'));
  const lines = readFileSync(values.reports, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  for (const row of headroom(itemsOf(truth, lines))) console.log(JSON.stringify(row));
}
