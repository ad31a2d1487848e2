#!/usr/bin/env node
// Kept as its author wrote it (a blind check): its phrase tables take arguments they do
// not all use, and a few counters are kept for reading while debugging.
/* eslint-disable @typescript-eslint/no-unused-vars */
// Score tipwire's clustering on the blind scenario, from the outside only:
//   generate -> `tipwire import` (fresh database) -> `tipwire export incidents|reports` -> score.
//
//   (cd /work/main && npm run build)        # only if dist/ is missing
//   node bench/blind-scenario/run.mjs [--seeds 1,2,3] [--reports 5600] [--examples 15] [--keep] [--work DIR]
//
// Everything runs with a fresh temporary data dir per seed (--db), nothing else is touched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--'))
      acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
    return acc;
  }, []),
);
const SEEDS = String(args.seeds ?? '1,2,3')
  .split(',')
  .map(Number);
const REPORTS = Number(args.reports ?? 5600);
const N_EXAMPLES = Number(args.examples ?? 15);
const KEEP = args.keep === 'true';
const WORK = args.work ? resolve(args.work) : mkdtempSync(join(tmpdir(), 'tipwire-blind-'));
if (!existsSync(CLI)) {
  console.error(`missing ${CLI}: run (cd ${ROOT} && npm run build) first`);
  process.exit(2);
}

function sh(cmd, argv, opts = {}) {
  const t = Date.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28, cwd: ROOT, ...opts });
  if (r.status !== 0 && !opts.allowFail) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}`);
  }
  return { ...r, ms: Date.now() - t };
}
const readJsonl = (f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const pct = (x) =>
  x === null || Number.isNaN(x) ? '   -  ' : (100 * x).toFixed(1).padStart(5) + '%';
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
function distM(a, b) {
  const dx = (a.lon - b.lon) * 111320 * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  const dy = (a.lat - b.lat) * 111320;
  return Math.hypot(dx, dy);
}
const short = (s, n = 120) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function runSeed(seed) {
  const dir = join(WORK, `seed-${seed}`);
  if (args.reuse === 'true' && existsSync(join(dir, 'export-incidents.jsonl'))) {
    // re-score an earlier run (developing the scorer); no import
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    const sent = new Map();
    for (const rec of readJsonl(join(dir, 'reports.jsonl'))) sent.set(rec.externalId, rec);
    const res = score(
      seed,
      truth,
      sent,
      readJsonl(join(dir, 'export-reports.jsonl')),
      readJsonl(join(dir, 'export-incidents.jsonl')),
    );
    return Object.assign(res, {
      importSummary: ['(reused earlier import)'],
      failedLines: [],
      timing: { importMs: 0 },
    });
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const gen = sh(process.execPath, [
    join(HERE, 'generate.mjs'),
    '--seed',
    String(seed),
    '--reports',
    String(REPORTS),
    '--out',
    dir,
  ]);
  const db = join(dir, 'data', 'tipwire.db');
  mkdirSync(dirname(db), { recursive: true });
  const env = { ...process.env, TIPWIRE_DB: db };
  const imp = sh(process.execPath, [CLI, 'import', join(dir, 'reports.jsonl'), '--db', db], {
    env,
    allowFail: true,
  });
  const importSummary = imp.stdout
    .trim()
    .split('\n')
    .filter((l) => /^(imported|pipeline|incidents)/.test(l));
  const failedLines = imp.stderr.split('\n').filter((l) => /reports\.jsonl:\d+:/.test(l));
  const exR = sh(
    process.execPath,
    [CLI, 'export', 'reports', '--db', db, '--out', join(dir, 'export-reports.jsonl')],
    { env },
  );
  const exI = sh(
    process.execPath,
    [CLI, 'export', 'incidents', '--db', db, '--out', join(dir, 'export-incidents.jsonl')],
    { env },
  );
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const sent = new Map(); // last version of each externalId as sent
  for (const rec of readJsonl(join(dir, 'reports.jsonl'))) sent.set(rec.externalId, rec);
  const reports = readJsonl(join(dir, 'export-reports.jsonl'));
  const incidents = readJsonl(join(dir, 'export-incidents.jsonl'));
  const res = score(seed, truth, sent, reports, incidents);
  res.importSummary = importSummary;
  res.importExit = imp.status;
  res.failedLines = failedLines;
  res.timing = { generateMs: gen.ms, importMs: imp.ms, exportMs: exR.ms + exI.ms };
  if (!KEEP) rmSync(join(dir, 'data'), { recursive: true, force: true });
  return res;
}

function score(seed, truth, sent, reports, incidents) {
  const T = truth.reports;
  const incById = new Map(incidents.map((i) => [i.id, i]));
  const resolveInc = (id) => {
    let cur = id;
    for (let k = 0; k < 20 && cur && incById.get(cur)?.mergedInto; k++)
      cur = incById.get(cur).mergedInto;
    return cur;
  };
  // stored reports, mapped to truth
  const byExt = new Map();
  let dupStored = 0;
  let unknownStored = 0;
  for (const r of reports) {
    if (!T[r.externalId]) {
      unknownStored++;
      continue;
    }
    if (byExt.has(r.externalId)) dupStored++;
    byExt.set(r.externalId, r);
  }
  const items = [];
  for (const [ext, r] of byExt) {
    const t = T[ext];
    const inc = r.incidentId ? resolveInc(r.incidentId) : null;
    items.push({
      ext,
      r,
      t,
      rec: sent.get(ext),
      pred: inc ?? `solo:${r.id}`,
      inc: inc ? incById.get(inc) : null,
      gold: t.event ?? `noise:${ext}`,
    });
  }
  const predSize = new Map(),
    goldSize = new Map(),
    both = new Map();
  for (const it of items) {
    predSize.set(it.pred, (predSize.get(it.pred) ?? 0) + 1);
    goldSize.set(it.gold, (goldSize.get(it.gold) ?? 0) + 1);
    const k = it.pred + '|' + it.gold;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  for (const it of items) {
    const n = both.get(it.pred + '|' + it.gold);
    it.P = n / predSize.get(it.pred);
    it.R = n / goldSize.get(it.gold);
  }
  const avg = (xs, f) => (xs.length ? xs.reduce((s, x) => s + f(x), 0) / xs.length : null);
  const P = avg(items, (x) => x.P),
    R = avg(items, (x) => x.R);
  const F = (p, r) => (p + r ? (2 * p * r) / (p + r) : 0);
  const group = (keyf) => {
    const m = new Map();
    for (const it of items)
      for (const k of [].concat(keyf(it))) {
        if (!m.has(k)) m.set(k, []);
        m.get(k).push(it);
      }
    return [...m.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([k, xs]) => ({
        k,
        n: xs.length,
        P: avg(xs, (x) => x.P),
        R: avg(xs, (x) => x.R),
        inInc: xs.filter((x) => x.inc && x.inc.reportIds.length > 1).length / xs.length,
      }));
  };
  // independent sources
  let overSources = 0,
    underSources = 0,
    incChecked = 0;
  const overCauses = {};
  const overExamples = [];
  const itemByReportId = new Map(items.map((it) => [it.r.id, it]));
  for (const inc of incidents) {
    if (inc.mergedInto) continue;
    const mem = inc.reportIds.map((id) => itemByReportId.get(id)).filter(Boolean);
    if (!mem.length) continue;
    incChecked++;
    const trueSources = new Set(mem.map((m) => m.t.source)).size;
    if (inc.independentSources > trueSources) {
      overSources++;
      // can anyone tell from outside? a true source whose reports do not all carry one caller
      const bySrc = new Map();
      for (const m of mem) {
        if (!bySrc.has(m.t.source)) bySrc.set(m.t.source, []);
        bySrc.get(m.t.source).push(m);
      }
      const multi = [...bySrc.values()].filter((ms) => ms.length > 1);
      const cause = multi.some((ms) => ms.some((m) => !m.r.callerPseudonym))
        ? 'a source sent some reports without a number'
        : multi.some((ms) => new Set(ms.map((m) => m.r.callerPseudonym)).size > 1)
          ? 'a source used several numbers (campaign)'
          : 'every report of each source carried its one number';
      overCauses[cause] = (overCauses[cause] ?? 0) + 1;
      overExamples.push({ inc, mem, trueSources });
    } else if (inc.independentSources < trueSources) underSources++;
  }
  const goldEvents = new Set(items.filter((i) => i.t.event).map((i) => i.t.event));
  // the same measure without the two deliberately hard witness types (a witness far from the
  // event giving its own GPS point; a campaign copy carrying its sender's GPS point)
  const core = items.filter((x) => !/\b(distant|loc:sender)\b/.test(x.t.sub));
  const cP = new Map(),
    cG = new Map(),
    cB = new Map();
  for (const it of core) {
    cP.set(it.pred, (cP.get(it.pred) ?? 0) + 1);
    cG.set(it.gold, (cG.get(it.gold) ?? 0) + 1);
    cB.set(it.pred + '|' + it.gold, (cB.get(it.pred + '|' + it.gold) ?? 0) + 1);
  }
  const coreP = avg(core, (x) => cB.get(x.pred + '|' + x.gold) / cP.get(x.pred));
  const coreR = avg(core, (x) => cB.get(x.pred + '|' + x.gold) / cG.get(x.gold));
  const res = {
    seed,
    coreP,
    coreR,
    coreF1: F(coreP, coreR),
    coreN: core.length,
    truthReports: Object.keys(T).length,
    stored: reports.length,
    matched: items.length,
    dupStored,
    unknownStored,
    missing: Object.keys(T).length - byExt.size,
    events: goldEvents.size,
    incidents: incidents.filter((i) => !i.mergedInto).length,
    mergedIncidents: incidents.filter((i) => i.mergedInto).length,
    P,
    R,
    F1: F(P, R),
    overSources,
    underSources,
    incChecked,
    overCauses,
    byRole: group((x) => x.t.role),
    bySub: group((x) =>
      x.t.sub
        .split(' ')
        .filter((s) => !/^call\d/.test(s))
        .map((s) => `${x.t.role}:${s}`),
    ),
    byKind: group((x) => (x.t.event ? x.t.kind : 'noise')),
    byLang: group((x) => x.t.lang),
    reasons: countReasons(items),
    flags: countFlags(items),
  };
  res.examples = examples(items, truth, overExamples);
  res.causes = causes(items, truth);
  return res;
}
function countReasons(items) {
  const m = {};
  for (const it of items) {
    if (it.inc && it.inc.reportIds.length > 1) continue;
    const k = `${it.t.role}:${it.r.incidentReason ?? (it.r.incidentId ? 'own-incident' : 'none')}`;
    m[k] = (m[k] ?? 0) + 1;
  }
  return m;
}
function countFlags(items) {
  const m = {};
  for (const it of items)
    for (const f of it.r.flags ?? []) {
      const k = typeof f === 'string' ? f : (f.code ?? JSON.stringify(f));
      m[k] = (m[k] ?? 0) + 1;
    }
  return m;
}

// ---------------------------------------------------------------- why: outside-view classification
function interval(it) {
  const t = it.r.time;
  if (!t || !t.observedFrom) return null;
  return [Date.parse(t.observedFrom), Date.parse(t.observedTo)];
}
function causes(items, truth) {
  // split side: every report of a real event that is not in its event's main cluster
  const byGold = new Map();
  for (const it of items)
    if (it.t.event) {
      if (!byGold.has(it.gold)) byGold.set(it.gold, []);
      byGold.get(it.gold).push(it);
    }
  const split = {};
  const add = (o, k) => (o[k] = (o[k] ?? 0) + 1);
  for (const [, mem] of byGold) {
    if (mem.length < 2) continue;
    const cnt = new Map();
    for (const m of mem) cnt.set(m.pred, (cnt.get(m.pred) ?? 0) + 1);
    const main = [...cnt.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const mainInc = mem.find((m) => m.pred === main).inc;
    for (const m of mem) {
      if (m.pred === main) continue;
      let c;
      if (!m.r.incidentId || m.r.incidentReason)
        c = `not placed (${m.r.incidentReason ?? 'no incident'})`;
      else if (!mainInc) c = 'main part of event is itself unplaced';
      else {
        const k1 = new Set(m.inc?.kinds ?? []),
          k2 = new Set(mainInc.kinds ?? []);
        const kindsAgree = [...k1].some((k) => k2.has(k));
        const iv = interval(m);
        const timeGap = iv
          ? Math.max(0, Date.parse(mainInc.start) - iv[1], iv[0] - Date.parse(mainInc.end)) / 60e3
          : null;
        const d =
          m.r.place?.lat != null && mainInc.centroid?.lat != null
            ? distM(m.r.place, mainInc.centroid)
            : null;
        const acc = m.r.place?.accuracyMeters ?? null;
        if (!kindsAgree)
          c = `kinds differ (${[...k1].join('+') || '∅'} vs ${[...k2].join('+') || '∅'})`;
        else if (timeGap !== null && timeGap > 10)
          c = 'time: interval misses incident span by >10 min';
        else if (d !== null && acc !== null && d > 2 * acc + 300)
          c = 'place: stated point far from incident (>2×acc+300 m)';
        else if ((m.r.flags ?? []).some((f) => String(f.code ?? f).startsWith('time.zone')))
          c = 'time zone unknown/ambiguous';
        else c = 'other (fits by outside view: greedy order / bridge not made)';
      }
      add(split, `${m.t.role}: ${c}`);
    }
  }
  // join side: for each predicted cluster, reports not of its dominant gold group
  const join = {};
  const byPred = new Map();
  for (const it of items)
    if (it.inc) {
      if (!byPred.has(it.pred)) byPred.set(it.pred, []);
      byPred.get(it.pred).push(it);
    }
  for (const [, mem] of byPred) {
    if (mem.length < 2) continue;
    const cnt = new Map();
    for (const m of mem) cnt.set(m.gold, (cnt.get(m.gold) ?? 0) + 1);
    const [dom] = [...cnt.entries()].sort((a, b) => b[1] - a[1])[0];
    const domEv = truth.events[dom];
    for (const m of mem) {
      if (m.gold === dom) continue;
      let c;
      if (!m.t.event) c = `noise (${m.t.sub}) joined an incident`;
      else if (!domEv) c = `${m.t.role} joined a cluster dominated by noise`;
      else {
        const ev = truth.events[m.t.event];
        const d = distM(ev, domEv);
        const dt = Math.abs(Date.parse(ev.start) - Date.parse(domEv.start)) / 60e3;
        const same = ev.kind === domEv.kind ? 'same kind' : `${ev.kind}→${domEv.kind}`;
        c = `${m.t.role}: other event, ${same}, ${d < 300 ? '<300m' : d < 1000 ? '300m-1km' : d < 3000 ? '1-3km' : '>3km'} apart, ${dt < 60 ? '<1h' : dt < 360 ? '1-6h' : '>6h'} apart`;
      }
      add(join, c);
    }
  }
  const top = (o) => Object.entries(o).sort((a, b) => b[1] - a[1]);
  return { split: top(split), join: top(join) };
}

// ---------------------------------------------------------------- examples
function describe(it, truth) {
  const rec = it.rec;
  const loc =
    rec.location === undefined
      ? 'no location'
      : typeof rec.location === 'string'
        ? `"${rec.location}"`
        : rec.location.lat !== undefined
          ? `${rec.location.lat},${rec.location.lon}${rec.location.accuracyMeters !== undefined ? ` ±${rec.location.accuracyMeters}m` : ' (no acc)'}${rec.location.text ? ` "${rec.location.text}"` : ''}`
          : `text "${rec.location.text}"`;
  const tm =
    rec.observedAt === undefined
      ? 'no time'
      : `${JSON.stringify(rec.observedAt)}${rec.precisionSeconds !== undefined ? ` ±${Math.round(rec.precisionSeconds / 60)}min` : ''}${rec.timezone ? ` tz=${rec.timezone}` : ''}`;
  const norm = it.r.time?.observedFrom
    ? `${it.r.time.observedFrom.slice(5, 16)}–${it.r.time.observedTo.slice(5, 16)}Z`
    : 'no interval';
  const ev = it.t.event ? truth.events[it.t.event] : null;
  const tr = ev ? `${it.t.event}/${ev.kind}` : 'noise';
  const off =
    ev && it.r.place?.lat != null ? ` [${Math.round(distM(it.r.place, ev))}m from true]` : '';
  return (
    `      ${pad(tr, 18)} ${pad(it.t.role + (it.t.sub ? ' ' + it.t.sub.replace(/loc:acc |time:local /g, '') : ''), 46).slice(0, 46)} src=${it.t.source}\n` +
    `        "${short(rec.narrative, 130)}"\n` +
    `        place ${loc}${off}; time ${tm} -> ${norm}; recv ${rec.receivedAt.slice(5, 16)}Z${it.r.incidentReason ? `; reason ${it.r.incidentReason}` : ''}${(it.r.flags ?? []).length ? `; flags ${it.r.flags.map((f) => f.code ?? f).join(',')}` : ''}`
  );
}
function examples(items, truth, overExamples) {
  const out = { joins: [], splits: [], sources: [] };
  const byPred = new Map(),
    byGold = new Map();
  for (const it of items) {
    if (!byPred.has(it.pred)) byPred.set(it.pred, []);
    byPred.get(it.pred).push(it);
    if (it.t.event) {
      if (!byGold.has(it.gold)) byGold.set(it.gold, []);
      byGold.get(it.gold).push(it);
    }
  }
  const pairs = (groups) => {
    let tot = 0,
      s = 0;
    for (const g of groups) {
      s += g;
      tot += g * g;
    }
    return (s * s - tot) / 2;
  };
  // wrong joins: pairs of reports from different gold groups inside one incident
  const joins = [];
  for (const [pred, mem] of byPred) {
    if (mem.length < 2) continue;
    const g = new Map();
    for (const m of mem) {
      if (!g.has(m.gold)) g.set(m.gold, []);
      g.get(m.gold).push(m);
    }
    if (g.size < 2) continue;
    joins.push({ pred, mem, g, bad: pairs([...g.values()].map((x) => x.length)) });
  }
  joins.sort((a, b) => b.bad - a.bad);
  // prefer variety: at most 2 examples whose dominant event kind is the same
  const seenKind = {};
  for (const j of joins) {
    const groups = [...j.g.entries()].sort((a, b) => b[1].length - a[1].length);
    const k = groups
      .map(([gold, ms]) => (ms[0].t.event ? truth.events[gold].kind : 'noise'))
      .slice(0, 2)
      .join('+');
    if ((seenKind[k] = (seenKind[k] ?? 0) + 1) > 2) continue;
    const inc = j.mem[0].inc;
    let s = `  JOIN ${inc.id} kinds=${(inc.kinds ?? []).join('+')} reports=${j.mem.length} truth-groups=${j.g.size} wrong-pairs=${j.bad} span ${inc.start.slice(5, 16)}–${inc.end.slice(5, 16)}Z radius ${inc.radiusMeters}m\n`;
    for (const [gold, ms] of groups.slice(0, 4)) {
      const ev = truth.events[gold];
      s += `    group ${gold} (${ms.length} here${ev ? `; true ${ev.kind} at ${ev.lat},${ev.lon} ext ${ev.extentM}m start ${ev.start.slice(5, 16)}Z for ${ev.durMin}min${ev.site ? ' @' + ev.site : ''}` : ''})\n`;
      for (const m of ms.slice(0, 2)) s += describe(m, truth) + '\n';
    }
    if (groups.length > 4) s += `    … and ${groups.length - 4} more truth groups\n`;
    out.joins.push(s);
    if (out.joins.length >= Math.ceil(N_EXAMPLES / 2)) break;
  }
  // splits: one real event spread over several predicted clusters
  const splits = [];
  for (const [gold, mem] of byGold) {
    const g = new Map();
    for (const m of mem) {
      if (!g.has(m.pred)) g.set(m.pred, []);
      g.get(m.pred).push(m);
    }
    if (g.size < 2) continue;
    splits.push({ gold, mem, g, missed: pairs([...g.values()].map((x) => x.length)) });
  }
  splits.sort((a, b) => b.missed - a.missed);
  const seenSplitKind = {};
  for (const sp of splits) {
    const ev = truth.events[sp.gold];
    if ((seenSplitKind[ev.kind] = (seenSplitKind[ev.kind] ?? 0) + 1) > 2) continue;
    let s = `  SPLIT ${sp.gold} true ${ev.kind} at ${ev.lat},${ev.lon} ext ${ev.extentM}m start ${ev.start.slice(5, 16)}Z for ${ev.durMin}min${ev.site ? ' @' + ev.site : ''}: ${sp.mem.length} reports in ${sp.g.size} clusters, missed-pairs=${sp.missed}\n`;
    const frags = [...sp.g.entries()].sort((a, b) => b[1].length - a[1].length);
    for (const [pred, ms] of frags.slice(0, 4)) {
      const inc = ms[0].inc;
      const others = inc ? inc.reportIds.length - ms.length : 0;
      s += `    fragment ${inc ? `${inc.id} kinds=${(inc.kinds ?? []).join('+')} ${inc.start.slice(5, 16)}–${inc.end.slice(5, 16)}Z centroid ${inc.centroid?.lat?.toFixed(4)},${inc.centroid?.lon?.toFixed(4)}` : 'no incident'} (${ms.length} of this event${others ? `, +${others} others` : ''})\n`;
      for (const m of ms.slice(0, 2)) s += describe(m, truth) + '\n';
    }
    if (frags.length > 4) s += `    … and ${frags.length - 4} more fragments\n`;
    out.splits.push(s);
    if (out.splits.length >= Math.floor(N_EXAMPLES / 2)) break;
  }
  overExamples.sort(
    (a, b) => b.inc.independentSources - b.trueSources - (a.inc.independentSources - a.trueSources),
  );
  for (const o of overExamples.slice(0, 3)) {
    let s = `  SOURCES ${o.inc.id}: independentSources=${o.inc.independentSources} but true distinct sources=${o.trueSources} (${o.mem.length} reports)\n`;
    const bySrc = new Map();
    for (const m of o.mem) {
      if (!bySrc.has(m.t.source)) bySrc.set(m.t.source, []);
      bySrc.get(m.t.source).push(m);
    }
    for (const [src, ms] of [...bySrc.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .slice(0, 2)) {
      s += `    source ${src}: ${ms.length} reports, callers ${new Set(ms.map((m) => (m.r.callerPseudonym ? m.r.callerPseudonym.slice(0, 12) : m.r.channel + ':none'))).size} distinct\n`;
      for (const m of ms.slice(0, 3)) s += describe(m, truth) + '\n';
    }
    out.sources.push(s);
  }
  return out;
}

// ---------------------------------------------------------------- main
const results = [];
for (const seed of SEEDS) {
  process.stderr.write(
    `seed ${seed}: generating, importing, exporting in ${WORK}/seed-${seed} …\n`,
  );
  const r = runSeed(seed);
  results.push(r);
  process.stderr.write(
    `seed ${seed}: F1 ${pct(r.F1)} (import ${Math.round(r.timing.importMs / 1000)} s)\n`,
  );
}

const line = '-'.repeat(118);
console.log(
  `\ntipwire blind scenario (Chengdu, 5 days; generator bench/blind-scenario/generate.mjs) — work dir ${WORK}\n${line}`,
);
console.log(
  `${pad('seed', 5)}${lpad('truth', 7)}${lpad('stored', 8)}${lpad('dup', 5)}${lpad('miss', 6)}${lpad('events', 8)}${lpad('incid.', 8)}${lpad('B3-P', 8)}${lpad('B3-R', 8)}${lpad('B3-F1', 8)}${lpad('srcOver', 9)}${lpad('srcUnder', 9)}${lpad('failedLines', 13)}${lpad('import s', 10)}`,
);
for (const r of results) {
  console.log(
    `${pad(r.seed, 5)}${lpad(r.truthReports, 7)}${lpad(r.stored, 8)}${lpad(r.dupStored, 5)}${lpad(r.missing, 6)}${lpad(r.events, 8)}${lpad(r.incidents, 8)}${lpad(pct(r.P), 8)}${lpad(pct(r.R), 8)}${lpad(pct(r.F1), 8)}${lpad(`${r.overSources}/${r.incChecked}`, 9)}${lpad(r.underSources, 9)}${lpad(r.failedLines.length, 13)}${lpad((r.timing.importMs / 1000).toFixed(0), 10)}`,
  );
}
const mean = (f) => results.reduce((s, r) => s + f(r), 0) / results.length;
console.log(
  `${pad('mean', 5)}${' '.repeat(50)}${lpad(pct(mean((r) => r.P)), 8)}${lpad(pct(mean((r) => r.R)), 8)}${lpad(pct(mean((r) => r.F1)), 8)}${lpad(mean((r) => r.overSources).toFixed(1), 9)}`,
);
for (const r of results)
  console.log(
    `  seed ${r.seed} core (without ${r.matched - r.coreN} distant-witness / campaign-sender-GPS reports): B3-P ${pct(r.coreP)}  B3-R ${pct(r.coreR)}  F1 ${pct(r.coreF1)}`,
  );
console.log(
  '(stored = report lines in export; truth = distinct externalIds incl. re-sent ones; dup = externalIds stored twice; srcOver = incidents whose independentSources > true distinct sources among its reports)',
);
for (const r of results)
  console.log(`  seed ${r.seed} srcOver causes: ${JSON.stringify(r.overCauses)}`);
for (const r of results) {
  console.log(
    `  seed ${r.seed}: ${r.importSummary.join(' | ')}${r.failedLines.length ? `\n    failed lines e.g. ${r.failedLines.slice(0, 3).join(' ; ')}` : ''}`,
  );
}

function pooled(key) {
  const m = new Map();
  for (const r of results)
    for (const g of r[key]) {
      const a = m.get(g.k) ?? { k: g.k, n: 0, P: 0, R: 0, inInc: 0 };
      a.n += g.n;
      a.P += g.P * g.n;
      a.R += g.R * g.n;
      a.inInc += g.inInc * g.n;
      m.set(g.k, a);
    }
  return [...m.values()]
    .map((a) => ({ ...a, P: a.P / a.n, R: a.R / a.n, inInc: a.inInc / a.n }))
    .sort((a, b) => b.n - a.n);
}
function table(title, rows, min = 0) {
  console.log(
    `\n${title}\n${pad('', 44)}${lpad('n', 7)}${lpad('B3-P', 8)}${lpad('B3-R', 8)}${lpad('in multi-report incident', 26)}`,
  );
  for (const g of rows)
    if (g.n >= min)
      console.log(
        `  ${pad(g.k, 42)}${lpad(g.n, 7)}${lpad(pct(g.P), 8)}${lpad(pct(g.R), 8)}${lpad(pct(g.inInc), 26)}`,
      );
}
console.log(line);
for (const r of results) table(`by witness role, seed ${r.seed}`, r.byRole);
table('by witness role, all seeds pooled', pooled('byRole'));
table('by role and sub-type (pooled; n ≥ 40)', pooled('bySub'), 40);
table('by true kind (pooled)', pooled('byKind'));
table('by language (pooled)', pooled('byLang'));

console.log(
  `\n${line}\nwhy reports of one event were split (pooled; each report outside its event's main cluster, classified from the export)`,
);
const mergeCounts = (key) => {
  const m = {};
  for (const r of results) for (const [k, v] of r.causes[key]) m[k] = (m[k] ?? 0) + v;
  return Object.entries(m).sort((a, b) => b[1] - a[1]);
};
for (const [k, v] of mergeCounts('split').slice(0, 18)) console.log(`  ${lpad(v, 6)}  ${k}`);
console.log(
  `\nwhat was wrongly joined (pooled; each report not of its incident's dominant truth group)`,
);
for (const [k, v] of mergeCounts('join').slice(0, 18)) console.log(`  ${lpad(v, 6)}  ${k}`);
console.log(`\nreports left out of any multi-report incident, by role:reason (pooled)`);
const reasons = {};
for (const r of results)
  for (const [k, v] of Object.entries(r.reasons)) reasons[k] = (reasons[k] ?? 0) + v;
console.log(
  '  ' +
    Object.entries(reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v}`)
      .join('  '),
);
const flags = {};
for (const r of results)
  for (const [k, v] of Object.entries(r.flags)) flags[k] = (flags[k] ?? 0) + v;
console.log(
  `flags on stored reports (pooled): ${Object.entries(flags)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}=${v}`)
    .join('  ')}`,
);

console.log(
  `\n${line}\nlargest errors, seed ${results[0].seed} (true place/time vs what was sent and how tipwire read it)\n`,
);
for (const s of results[0].examples.joins) console.log(s);
for (const s of results[0].examples.splits) console.log(s);
for (const s of results[0].examples.sources) console.log(s);

writeFileSync(
  join(WORK, 'results.json'),
  JSON.stringify(
    results.map(({ examples, ...r }) => r),
    null,
    1,
  ),
);
console.log(`results: ${join(WORK, 'results.json')}`);
