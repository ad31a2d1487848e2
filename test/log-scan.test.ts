import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { scanLogs } from './log-scan.global.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  mkdirSync(dir, { recursive: true });
});
afterEach(() => cleanup());

const log = (text: string) => writeFileSync(path.join(dir, 'a.log'), text);

describe('the log scanner', () => {
  it('finds nothing in ordinary log lines', () => {
    log(
      '{"level":30,"time":1795919777249,"reqId":"req-1","route":"/api/v1/reports","status":201,"id":"r_01M8JJJK2NH2MX6A0A11PY8QTE"}\n',
    );
    expect(scanLogs(dir)).toEqual([]);
  });

  it.each([
    ['an API token', 'token tw_abcdefghijkl_' + 'A'.repeat(43)],
    ['a receipt', 'receipt 7KQ3-M9XD-2F8H-TNV4-C6RW-0BZ5'],
    ['a phone number', 'caller +8613800138000'],
    ['a national mobile number', 'caller 138 0013 8000 called'],
  ])('finds %s', (_what, line) => {
    log(line);
    expect(scanLogs(dir)).toHaveLength(1);
  });

  it('finds a narrative the tests remembered', () => {
    writeFileSync(
      path.join(dir, 'secrets.jsonl'),
      JSON.stringify({ kind: 'narrative', value: 'the red van at the gate' }) + '\n',
    );
    log('{"msg":"failed","input":"the red van at the gate"}');
    expect(scanLogs(dir)).toEqual(['a.log: contains a narrative the tests sent']);
  });
});
