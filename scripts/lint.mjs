// `npm run lint`: the type checks (tests and web included), eslint (with the layer
// rule), prettier and the folder-cycle check. They are independent, so they run at the
// same time, two at a time by default (`LINT_JOBS`): one after another they took
// about 76 s on the 2-vCPU VM. Each check's output is printed whole when it ends, and
// the exit code is 1 if any failed.
import { spawn } from 'node:child_process';
import os from 'node:os';

const CHECKS = [
  ['types', 'tsc', ['-p', 'tsconfig.json']],
  ['web types', 'tsc', ['-p', 'web/tsconfig.json']],
  ['eslint', 'eslint', ['.']],
  ['prettier', 'prettier', ['--check', '.']],
  ['folder cycles', process.execPath, ['scripts/folder-graph.mjs', '--quiet']],
];

const jobs = Math.max(1, Number(process.env.LINT_JOBS) || Math.min(2, os.cpus().length));

function run([name, command, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    // npm puts node_modules/.bin on PATH for scripts.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ name, ok: false, output: String(err), started }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output, started }));
  });
}

const queue = [...CHECKS];
let failed = false;
async function worker() {
  while (queue.length > 0) {
    const result = await run(queue.shift());
    const seconds = ((Date.now() - result.started) / 1000).toFixed(1);
    process.stdout.write(`${result.ok ? 'ok' : 'FAILED'}: ${result.name} (${seconds} s)\n`);
    if (result.output.trim()) process.stdout.write(result.output.trimEnd() + '\n');
    if (!result.ok) failed = true;
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
process.exit(failed ? 1 : 0);
