// Diagnostic: the sizes of the bodies the intake benchmark sends. Runs wrk with
// bench/post.lua (exactly as bench/intake.mjs does) against a small node:http
// server in this process that records each body's size in bytes and answers 201.
// A size, not a timing: no idle-machine wait.
//
//   npm run bench:payload
//   node bench/diagnostics/payload-sizes.mjs --seconds 3
//
// Raw figures go to bench/results/payload-sizes-<timestamp>.json (git-ignored).
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineFacts, median, ROOT, writeResults } from '../lib/rounds.mjs';

const { values: opt } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log('node bench/diagnostics/payload-sizes.mjs [--seconds S (3)]');
  process.exit(0);
}
const WRK = process.env.WRK ?? '/usr/bin/wrk';

const sizes = [];
const byScript = { latin: [], han: [] };
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    sizes.push(body.length);
    const { narrative } = JSON.parse(body.toString('utf8'));
    (/\p{Script=Han}/u.test(narrative) ? byScript.han : byScript.latin).push(body.length);
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': 2 });
    res.end('{}');
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const args = ['-t1', '-c8', `-d${opt.seconds}s`, '-s', path.join(ROOT, 'bench/post.lua')];
const wrk = spawn(WRK, [...args, `http://127.0.0.1:${port}`], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
wrk.stdout.resume();
const code = await new Promise((resolve) => wrk.on('close', resolve));
server.close();
if (code !== 0) throw new Error(`wrk exited with ${code}`);

const stats = (xs) => ({
  bodies: xs.length,
  minBytes: Math.min(...xs),
  medianBytes: median(xs),
  maxBytes: Math.max(...xs),
});
const startedAt = new Date();
const result = {
  benchmark: 'payload-sizes',
  startedAt: startedAt.toISOString(),
  command: `wrk ${args.join(' ')} (bench/post.lua) against a recording node:http server`,
  machine: machineFacts(),
  all: stats(sizes),
  englishNarrative: stats(byScript.latin),
  chineseNarrative: stats(byScript.han),
};
const file = writeResults('payload-sizes', result, startedAt);
console.log('| bodies | count | min bytes | median bytes | max bytes |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, s] of [
  ['all', result.all],
  ['English narrative', result.englishNarrative],
  ['Chinese narrative', result.chineseNarrative],
]) {
  console.log(`| ${label} | ${s.bodies} | ${s.minBytes} | ${s.medianBytes} | ${s.maxBytes} |`);
}
console.log(`\nraw: ${file}`);
