// Preloaded into a server under test (`node --import ./bench/lib/loop-monitor.mjs …`):
// measures the delay of the server's own event loop with perf_hooks'
// monitorEventLoopDelay (1 ms resolution), without touching tipwire's code. On
// SIGUSR2 it writes one line `LOOP_DELAY {json}` (max, p99, mean in ms, samples) to
// stderr and starts a new measurement, so a benchmark can read the worst delay of
// each window it cares about.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
const ms = (ns) => Math.round(ns / 1e4) / 100;

process.on('SIGUSR2', () => {
  const line = {
    maxMs: ms(histogram.max),
    p99Ms: ms(histogram.percentile(99)),
    meanMs: ms(histogram.mean),
    samples: histogram.count,
  };
  histogram.reset();
  process.stderr.write(`LOOP_DELAY ${JSON.stringify(line)}\n`);
});
