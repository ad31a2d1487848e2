// Summarises a V8 .cpuprofile (written by `node --cpu-prof`): self time per
// function and per module, and inclusive time of chosen functions, so a profile
// can be read without opening DevTools.
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
export function summarizeProfile(file, { top = 25 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Self time per node from samples and their time deltas (µs).
  const selfUs = new Map();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
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
        ms: Math.round(us / 1000),
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

  return {
    totalMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    selfByFunction: rows(byFn),
    selfByModule: rows(byModule),
    selfByFunctionOutside,
    inclusive(label, pred) {
      const us = inclusiveUs(pred);
      return {
        name: label,
        ms: Math.round(us / 1000),
        pctOfBusy: Math.round((1000 * us) / busyUs) / 10,
      };
    },
  };
}
