/**
 * Vitest global setup: empties the suite's log folder before the run and, after
 * it, scans every log line the suite produced (servers, CLI stderr, in-process
 * runtimes) for caller numbers, tokens, receipts, passwords and report text. A
 * single hit fails the run. Secrets are those the tests remembered (test/helpers.ts)
 * plus anything shaped like a token, a receipt or a phone number.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LOG_DIR } from './helpers.js';

const SHAPES: [string, RegExp][] = [
  ['an API token', /tw_[a-z2-7]{12}_[A-Za-z0-9_-]{43}/],
  ['a receipt', /\b[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){5}\b/],
  ['an E.164 phone number', /\+\d{9,15}\b/],
  ['a Chinese mobile number', /(?<![\w.])1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\w)/],
];

/** Short, common strings a test might remember are not worth scanning for. */
const MIN_SECRET_LENGTH = 8;

export function scanLogs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const secretsFile = path.join(dir, 'secrets.jsonl');
  const secrets = existsSync(secretsFile)
    ? readFileSync(secretsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { kind: string; value: string })
        .filter((s) => s.value.length >= MIN_SECRET_LENGTH)
    : [];
  const unique = [...new Map(secrets.map((s) => [s.value, s])).values()];
  const findings: string[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const s of unique) {
      if (text.includes(s.value)) findings.push(`${file}: contains a ${s.kind} the tests sent`);
    }
    for (const [what, pattern] of SHAPES) {
      const match = pattern.exec(text);
      if (match) findings.push(`${file}: contains ${what} (${match[0].slice(0, 6)}…)`);
    }
  }
  return findings;
}

export default function setup() {
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  return () => {
    const files = readdirSync(LOG_DIR).filter((f) => f.endsWith('.log')).length;
    const findings = scanLogs(LOG_DIR);
    if (findings.length > 0) {
      throw new Error(
        `secrets found in the suite's logs:\n  ${findings.slice(0, 50).join('\n  ')}`,
      );
    }
    console.log(`log scan: ${files} log files, no secret found`);
  };
}
