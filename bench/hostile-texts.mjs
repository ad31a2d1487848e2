// Hostile texts benchmark (F8): how long the observables reader (extractObservables,
// src/verify/observables/extract.ts) and the language model's score take over
// 100,000-character texts built to make patterns backtrack (long runs of what an IP, a
// domain, an e-mail address, a URL or a phone number is made of), against an ordinary
// narrative of the same length as the baseline, in the same process. The text worker runs
// these; TIPWIRE_TEXT_ANALYSIS_TIMEOUT_MS is the last guard above them.
//
//   npm run build && node bench/hostile-texts.mjs [--runs 3]
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const dist = (rel) => import(path.join(ROOT, 'dist', rel));
const { extractObservables } = await dist('verify/observables/extract.js');
const { trainModel, analyzeText } = await dist('intake/text-analysis.js');
const { loadConfig } = await dist('config.js');

const N = 100_000;
const fill = (unit) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
const TEXTS = {
  'ordinary narrative (baseline)': fill(
    'A white van parked by the north gate at 9 pm; two men took photos. ',
  ),
  "'a.' (domain labels)": fill('a.'),
  "'1.' (IPv4 digits)": fill('1.'),
  "'1:' (IPv6 groups)": fill('1:'),
  "'a:' (hex and colons)": fill('a:'),
  "'1.1.1.1/' (CIDR)": fill('1.1.1.1/'),
  "'a@' (e-mail)": fill('a@'),
  "'[.]' (defanged dots)": fill('[.]'),
  "'http://' + letters": `http://${'a'.repeat(N - 7)}`,
  "'+1 ' (phone numbers)": fill('+1 '),
  "'ab' (hex digits)": fill('ab'),
};
const config = loadConfig({});
const settings = { ...config.text, defaultPhoneRegion: 'CN' };
const model = trainModel([], settings);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [name, text] of Object.entries(TEXTS)) {
  const observables = [];
  const whole = [];
  for (let run = 0; run <= Number(args.runs); run++) {
    let t = performance.now();
    extractObservables(text, { maxChars: settings.observablesMaxChars, defaultPhoneRegion: 'CN' });
    const o = performance.now() - t;
    t = performance.now();
    analyzeText(model, text, null, settings);
    const w = performance.now() - t;
    if (run > 0) {
      observables.push(o);
      whole.push(w);
    }
  }
  rows.push({ name, observablesMs: median(observables), analysisMs: median(whole) });
}
const base = rows[0].analysisMs;
console.log(`${os.cpus()[0]?.model}, ${os.cpus().length} CPUs, Node ${process.version}`);
console.log('| text (100,000 characters) | observables ms | whole analysis ms | ÷ baseline |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.observablesMs.toFixed(0)} | ${r.analysisMs.toFixed(0)} | ${(r.analysisMs / base).toFixed(1)} |`,
  );
}
