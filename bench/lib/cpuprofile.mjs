// Summarises a V8 .cpuprofile (written by `node --cpu-prof`): self time per
// function and per module, inclusive time of chosen functions, and the longest
// stretch the thread was busy without a pause, so a profile can be read without
// opening DevTools. A window (`fromUs`, `toUs`: the profile's clock, which is the
// monotonic clock of process.hrtime) keeps only the samples taken inside it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Where a call frame lives: `tipwire:<file>`, a package name, `node:<module>` or a V8 pseudo-frame. */
export function moduleOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native/V8)';
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = u.indexOf('/dist/');
  if (dist >= 0) return `tipwire:${u.slice(dist + '/dist/'.length)}`;
  if (u.startsWith('node:')) return u;
  return path.basename(u);
}

/**
 * Self time per function and module, self time outside chosen frames, and
 * inclusive time of chosen frames; ms and % of the busy (non-idle) time.
 */
export function summarizeProfile(file, { top = 25, fromUs = -Infinity, toUs = Infinity } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Self time per node from samples and their time deltas (µs); a sample's time is
  // the delta that ends at it.
  const selfUs = new Map();
  const inWindow = [];
  let totalUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (at < fromUs || at > toUs) return;
    inWindow.push({ id, at, dt });
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    totalUs += dt;
  });

  const fnKey = (n) => {
    const cf = n.callFrame;
    const where = moduleOf(cf.url, cf.functionName);
    const name = cf.functionName || '(anonymous)';
    return `${name} ${where}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
  };
  const addTo = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  const byFn = new Map();
  const byModule = new Map();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    addTo(byFn, fnKey(n), us);
    addTo(byModule, moduleOf(n.callFrame.url, n.callFrame.functionName), us);
  }
  const idleUs = [...selfUs].reduce(
    (s, [id, us]) => (byId.get(id).callFrame.functionName === '(idle)' ? s + us : s),
    0,
  );
  const busyUs = totalUs - idleUs;
  const rows = (map) =>
    [...map]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 100) / 10,
        pctOfBusy: Math.round((1000 * us) / busyUs) / 10,
      }));

  const onStack = (id, pred) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      if (pred(byId.get(cur).callFrame)) return true;
    }
    return false;
  };

  /** Self time by function of the samples whose stack has no frame matching `exclude`. */
  function selfByFunctionOutside(exclude) {
    const map = new Map();
    for (const [id, us] of selfUs) {
      const n = byId.get(id);
      if (n.callFrame.functionName === '(idle)' || onStack(id, exclude)) continue;
      addTo(map, fnKey(n), us);
    }
    return rows(map);
  }

  /** Inclusive time (µs) of samples with at least one frame on the stack matching pred. */
  function inclusiveUs(pred) {
    let us = 0;
    for (const [id, t] of selfUs) if (onStack(id, pred)) us += t;
    return us;
  }

  /**
   * The longest run of consecutive busy (not idle) samples: how long the thread held
   * on without returning to its event loop, as far as the sampling interval shows;
   * with the functions that took most of it.
   */
  function longestBusyStretch() {
    let best = { us: 0, from: 0, to: 0 };
    let start = -1;
    let us = 0;
    const close = (end) => {
      if (start >= 0 && us > best.us) best = { us, from: start, to: end };
      start = -1;
      us = 0;
    };
    inWindow.forEach((s, i) => {
      if (byId.get(s.id).callFrame.functionName === '(idle)') return close(i);
      if (start < 0) start = i;
      us += s.dt;
    });
    close(inWindow.length);
    const map = new Map();
    for (const s of inWindow.slice(best.from, best.to)) addTo(map, fnKey(byId.get(s.id)), s.dt);
    const stretch = inWindow.slice(best.from, best.to);
    return {
      ms: Math.round(best.us / 100) / 10,
      startUs: stretch[0]?.at ?? null,
      endUs: stretch[stretch.length - 1]?.at ?? null,
      selfByFunction: [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, t]) => ({ name, ms: Math.round(t / 100) / 10 })),
    };
  }

  /**
   * Busy time split into categories that do not overlap: a sample goes to the first
   * category (in the order given) with a frame on its stack matching `match`; the
   * rest to "other". The rows add up to the busy time.
   */
  function breakdown(categories) {
    const us = new Map(categories.map((c) => [c.name, 0]));
    let otherUs = 0;
    for (const [id, t] of selfUs) {
      if (byId.get(id).callFrame.functionName === '(idle)') continue;
      const hit = categories.find((c) => onStack(id, c.match));
      if (hit) us.set(hit.name, us.get(hit.name) + t);
      else otherUs += t;
    }
    const row = (name, t) => ({
      name,
      ms: Math.round(t / 100) / 10,
      pctOfBusy: Math.round((1000 * t) / busyUs) / 10,
    });
    return [...[...us].map(([name, t]) => row(name, t)), row('other', otherUs)];
  }

  return {
    startUs: profile.startTime,
    endUs: profile.endTime,
    totalMs: Math.round(totalUs / 100) / 10,
    busyMs: Math.round(busyUs / 100) / 10,
    idleMs: Math.round(idleUs / 100) / 10,
    selfByFunction: rows(byFn),
    selfByModule: rows(byModule),
    selfByFunctionOutside,
    longestBusyStretch,
    breakdown,
    inclusive(label, pred) {
      const us = inclusiveUs(pred);
      return {
        name: label,
        ms: Math.round(us / 100) / 10,
        pctOfBusy: Math.round((1000 * us) / busyUs) / 10,
      };
    },
  };
}
