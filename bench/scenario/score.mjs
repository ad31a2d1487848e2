// Scores tipwire's incidents against a scenario's truth (generate.mjs): B-cubed
// precision, recall and F1 of the clustering, and each incident's independent sources
// against the distinct true sources among its members.
//
//   node bench/scenario/score.mjs --truth /tmp/s7/truth.json \
//     --incidents incidents.jsonl --reports reports.jsonl [--min-f1 0.97] [--min-precision 0.98] [--max-overcounted 0]
//
// The two files are what `tipwire export incidents --format jsonl` and `tipwire export
// reports --format jsonl` print. Prints a JSON summary; exits 1 when a given minimum
// is missed, 2 on bad input.
//
// Conventions (also in README.md):
// - Items are the stored reports, matched to the truth by externalId. A report stored
//   twice (a re-send imported as a second report) is counted in `duplicateReports`
//   and each stored copy is an item of its own, with the truth cluster of its
//   externalId. A truth report that was not stored at all is an item alone in its
//   own system cluster (`missingReports`). A stored report whose externalId is not in
//   the truth is left out (`unknownReports`).
// - A stored report's system cluster is its incident (`incidentId` in the reports
//   export, else the incident listing it); a report in no incident is alone.
// - Truth clusters: the report's event; a report without one (noise) is alone.
// - B-cubed: for each item, precision = |same incident ∩ same truth cluster| / |same
//   incident| and recall = … / |same truth cluster| (both counting the item itself),
//   averaged over items; F1 is their harmonic mean.
// - Sources: an incident is over-counted when its `independentSources` exceeds the
//   number of distinct truth `source`s among its members (each externalId once).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** JSONL text → objects (blank lines skipped). */
export function parseJsonl(text) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`line ${i + 1} is not JSON`);
      }
    });
}

/** Each item's B-cubed precision and recall terms, in the order of `items`. */
export function bcubedTerms(items) {
  const systemSize = new Map();
  const truthSize = new Map();
  const bothSize = new Map();
  const both = (it) => `${it.system}\u0000${it.truth}`;
  const add = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const it of items) {
    add(systemSize, it.system);
    add(truthSize, it.truth);
    add(bothSize, both(it));
  }
  return items.map((it) => {
    const common = bothSize.get(both(it));
    return {
      precision: common / systemSize.get(it.system),
      recall: common / truthSize.get(it.truth),
    };
  });
}

/**
 * B-cubed over items given as `{system, truth}` cluster labels (any strings).
 * Returns `{precision, recall, f1, items}`; an empty list scores 1 (nothing wrong).
 */
export function bcubed(items) {
  if (items.length === 0) return { precision: 1, recall: 1, f1: 1, items: 0 };
  let p = 0;
  let r = 0;
  for (const t of bcubedTerms(items)) {
    p += t.precision;
    r += t.recall;
  }
  const precision = p / items.length;
  const recall = r / items.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, items: items.length };
}

/** The truth cluster of a truth report (see the conventions above). */
export const truthClusterOf = (externalId, t) =>
  t.event === null ? `alone:${externalId}` : `event:${t.event}`;

const histogramKey = (d) => (d <= -10 ? '<=-10' : d >= 10 ? '>=10' : d > 0 ? `+${d}` : String(d));

/**
 * The score of an export against the truth. `truth` is truth.json's object,
 * `incidents` and `reports` the parsed exports. Pure: no files, no clock.
 */
export function scoreScenario({ truth, incidents, reports }, { worst = 10 } = {}) {
  const truthReports = truth.reports;
  const incidentOfReport = new Map();
  for (const incident of incidents) {
    for (const reportId of incident.reportIds ?? []) incidentOfReport.set(reportId, incident.id);
  }
  let membershipMismatches = 0;
  let unknownReports = 0;
  const storedCopies = new Map();
  const items = [];
  for (const report of reports) {
    const externalId = report.externalId ?? null;
    if (externalId === null || !Object.hasOwn(truthReports, externalId)) {
      unknownReports += 1;
      continue;
    }
    const listed = incidentOfReport.get(report.id) ?? null;
    const incidentId = report.incidentId ?? listed;
    if (report.incidentId && listed && listed !== report.incidentId) membershipMismatches += 1;
    storedCopies.set(externalId, (storedCopies.get(externalId) ?? 0) + 1);
    items.push({
      system: incidentId === null ? `alone:${report.id}` : `incident:${incidentId}`,
      truth: truthClusterOf(externalId, truthReports[externalId]),
      externalId,
      role: truthReports[externalId].role,
    });
  }
  let missingReports = 0;
  for (const [externalId, t] of Object.entries(truthReports)) {
    if (storedCopies.has(externalId)) continue;
    missingReports += 1;
    items.push({
      system: `missing:${externalId}`,
      truth: truthClusterOf(externalId, t),
      externalId,
      role: t.role,
    });
  }
  let duplicateReports = 0;
  for (const n of storedCopies.values()) duplicateReports += n - 1;

  const overall = bcubed(items);

  // Per role: the items' B-cubed terms averaged over the items of one role.
  const byRole = {};
  const terms = bcubedTerms(items);
  items.forEach((it, i) => {
    const row = (byRole[it.role] ??= { items: 0, precision: 0, recall: 0 });
    row.items += 1;
    row.precision += terms[i].precision;
    row.recall += terms[i].recall;
  });
  for (const row of Object.values(byRole)) {
    row.precision = round(row.precision / row.items);
    row.recall = round(row.recall / row.items);
  }

  const externalIdOfReport = new Map(reports.map((r) => [r.id, r.externalId]));
  const reportsOfIncident = new Map();
  for (const r of reports) {
    if (!r.incidentId) continue;
    if (!reportsOfIncident.has(r.incidentId)) reportsOfIncident.set(r.incidentId, []);
    reportsOfIncident.get(r.incidentId).push(r.externalId);
  }

  // Sources: each incident's claim against the distinct truth sources of its members.
  const histogram = {};
  const offenders = [];
  let overCounted = 0;
  let underCounted = 0;
  let exact = 0;
  let scoredIncidents = 0;
  for (const incident of incidents) {
    // Members: listed by the incident (ids or externalIds) or pointing at it.
    const externalIds = new Set();
    const members = [
      ...(incident.externalIds ?? []),
      ...(incident.reportIds ?? []).map((id) => externalIdOfReport.get(id)),
      ...(reportsOfIncident.get(incident.id) ?? []),
    ];
    for (const externalId of members) {
      if (typeof externalId === 'string' && Object.hasOwn(truthReports, externalId))
        externalIds.add(externalId);
    }
    if (externalIds.size === 0) continue;
    scoredIncidents += 1;
    const sources = new Set([...externalIds].map((id) => truthReports[id].source));
    const claimed = incident.independentSources;
    const diff = claimed - sources.size;
    histogram[histogramKey(diff)] = (histogram[histogramKey(diff)] ?? 0) + 1;
    if (diff > 0) overCounted += 1;
    else if (diff < 0) underCounted += 1;
    else exact += 1;
    if (diff !== 0) {
      offenders.push({
        incident: incident.id,
        independentSources: claimed,
        truthSources: sources.size,
        reports: externalIds.size,
      });
    }
  }
  offenders.sort(
    (a, b) =>
      b.independentSources - b.truthSources - (a.independentSources - a.truthSources) ||
      a.incident.localeCompare(b.incident),
  );
  const worstOver = offenders.filter((o) => o.independentSources > o.truthSources).slice(0, worst);
  const worstUnder = offenders
    .filter((o) => o.independentSources < o.truthSources)
    .reverse()
    .slice(0, worst);

  // Where the clustering went wrong: incidents mixing truth clusters, events split.
  const truthPerIncident = new Map();
  const incidentsPerTruth = new Map();
  for (const it of items) {
    if (!truthPerIncident.has(it.system)) truthPerIncident.set(it.system, new Set());
    truthPerIncident.get(it.system).add(it.truth);
    if (!incidentsPerTruth.has(it.truth)) incidentsPerTruth.set(it.truth, new Set());
    incidentsPerTruth.get(it.truth).add(it.system);
  }
  const mixedIncidents = [...truthPerIncident]
    .filter(([system, set]) => system.startsWith('incident:') && set.size > 1)
    .map(([system, set]) => ({
      incident: system.slice('incident:'.length),
      truthClusters: set.size,
    }))
    .sort((a, b) => b.truthClusters - a.truthClusters || a.incident.localeCompare(b.incident));
  const splitEvents = [...incidentsPerTruth]
    .filter(([t, set]) => t.startsWith('event:') && set.size > 1)
    .map(([t, set]) => ({ event: t.slice('event:'.length), pieces: set.size }))
    .sort((a, b) => b.pieces - a.pieces || a.event.localeCompare(b.event));

  return {
    bcubed: {
      precision: round(overall.precision),
      recall: round(overall.recall),
      f1: round(overall.f1),
    },
    items: overall.items,
    truthReports: Object.keys(truthReports).length,
    storedReports: reports.length,
    incidents: incidents.length,
    truthClusters: new Set(items.map((it) => it.truth)).size,
    duplicateReports,
    missingReports,
    unknownReports,
    membershipMismatches,
    sources: {
      incidents: scoredIncidents,
      overCounted,
      underCounted,
      exact,
      histogram: Object.fromEntries(
        Object.entries(histogram).sort(([a], [b]) => keyOrder(a) - keyOrder(b)),
      ),
      worstOver,
      worstUnder,
    },
    byRole,
    mixedIncidents: { count: mixedIncidents.length, worst: mixedIncidents.slice(0, worst) },
    splitEvents: { count: splitEvents.length, worst: splitEvents.slice(0, worst) },
  };
}

const keyOrder = (k) => (k === '<=-10' ? -10.5 : k === '>=10' ? 10.5 : Number(k));
const round = (x) => Math.round(x * 10_000) / 10_000;

/** The failures of a score against minimums (empty: passed). */
export function checkThresholds(score, { minF1, minPrecision, maxOverCounted } = {}) {
  const failures = [];
  if (minF1 !== undefined && score.bcubed.f1 < minF1)
    failures.push(`B-cubed F1 ${score.bcubed.f1} < ${minF1}`);
  if (minPrecision !== undefined && score.bcubed.precision < minPrecision) {
    failures.push(`B-cubed precision ${score.bcubed.precision} < ${minPrecision}`);
  }
  if (maxOverCounted !== undefined && score.sources.overCounted > maxOverCounted) {
    failures.push(
      `${score.sources.overCounted} incident(s) count more sources than truth > ${maxOverCounted}`,
    );
  }
  return failures;
}

/** Reads the three files and scores them. */
export function scoreFiles({ truthFile, incidentsFile, reportsFile }) {
  const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
  return scoreScenario({
    truth,
    incidents: parseJsonl(readFileSync(incidentsFile, 'utf8')),
    reports: parseJsonl(readFileSync(reportsFile, 'utf8')),
  });
}

function main() {
  const { values } = parseArgs({
    options: {
      truth: { type: 'string' },
      incidents: { type: 'string' },
      reports: { type: 'string' },
      'min-f1': { type: 'string' },
      'min-precision': { type: 'string' },
      'max-overcounted': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.truth || !values.incidents || !values.reports) {
    console.log(
      'node bench/scenario/score.mjs --truth truth.json --incidents incidents.jsonl --reports reports.jsonl [--min-f1 X] [--min-precision X] [--max-overcounted N]',
    );
    process.exit(values.help ? 0 : 2);
  }
  let score;
  try {
    score = scoreFiles({
      truthFile: values.truth,
      incidentsFile: values.incidents,
      reportsFile: values.reports,
    });
  } catch (err) {
    console.error(`score: ${err.message}`);
    process.exit(2);
  }
  const num = (v) => (v === undefined ? undefined : Number(v));
  const failures = checkThresholds(score, {
    minF1: num(values['min-f1']),
    minPrecision: num(values['min-precision']),
    maxOverCounted: num(values['max-overcounted']),
  });
  console.log(JSON.stringify({ ...score, failures }, null, 2));
  if (failures.length > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
