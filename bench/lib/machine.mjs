// Whole-machine CPU use from /proc/stat, shared by the benchmarks: to wait until the
// machine is quiet before a run, and to tell how busy everything else was during one.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

export const CLK_TCK =
  Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** Whole-machine CPU counters (ticks) from /proc/stat. */
export function systemCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal: steal ?? 0 };
}

/** CPU use of the whole machine over `ms`, in % of one core. */
export async function machineBusyPct(ms = 1000) {
  const a = systemCpu();
  const t0 = performance.now();
  await sleep(ms);
  const b = systemCpu();
  return (100 * (b.busy - a.busy)) / (((performance.now() - t0) / 1000) * CLK_TCK);
}

/**
 * Waits until the machine has used at most `belowPct` % of one core in each of
 * `quietSeconds` consecutive seconds (a pause between two test files is not quiet),
 * or `maxWaitMs` have passed; returns how long it waited and the last reading.
 */
export async function waitQuiet(belowPct, maxWaitMs, quietSeconds = 5) {
  const t0 = performance.now();
  let busy;
  let quiet = 0;
  for (;;) {
    busy = await machineBusyPct(1000);
    quiet = busy <= belowPct ? quiet + 1 : 0;
    if (quiet >= quietSeconds || performance.now() - t0 > maxWaitMs) break;
  }
  return { waitedMs: Math.round(performance.now() - t0), busyPct: Math.round(busy) };
}

/** utime + stime (ticks) of a live process, from /proc/<pid>/stat; NaN once it is gone. */
export function procCpuTicks(pid) {
  const f = statFields(`/proc/${pid}/stat`);
  return f ? Number(f[11]) + Number(f[12]) : NaN;
}

/**
 * CPU ticks of this process's children that have ended and been waited for (cutime +
 * cstime): the commands a bench ran with spawnSync, or a spawned child after its exit.
 */
export function endedChildrenCpuTicks() {
  const f = statFields('/proc/self/stat');
  return f ? Number(f[13]) + Number(f[14]) : NaN;
}

/** The fields of a /proc stat file from field 3 on (f[0] is the state), or null. */
function statFields(file) {
  try {
    const s = readFileSync(file, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
