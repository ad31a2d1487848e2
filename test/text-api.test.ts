/**
 * F8's text evidence through the real server and SQLite file: the observables of a
 * narrative and who/what (typed, defanged ones refanged, a phone number as its caller
 * pseudonym), sealed at rest and matched across reports by keyed tokens; the language
 * model's perplexity findings (each saying it is a weak signal, no word of the text in
 * their evidence); and the model trained again at start on closed cases' narratives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  makeReport,
  postReportAs,
  remember,
  startServer,
  tempDir,
  waitForPipeline,
  type ServerProcess,
} from './helpers.js';
import { CORPUS_EN } from '../src/verify/lm/data/corpus.js';

// The language model's findings are judged on the bundled corpus alone here (its
// defaults wait for 50,000 tokens of closed cases) and on texts it partly knows.
const LM_ENV = {
  TIPWIRE_TEXT_LM_MIN_TRAINING_TOKENS: '0',
  TIPWIRE_TEXT_LM_MIN_KNOWN_SHARE: '0',
  TIPWIRE_TEXT_LM_MIN_TOKENS: '20',
};

let cleanup: () => void;
let dir: string;
let db: string;
let server: ServerProcess;
let analyst: string;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  dir = tmp.dir;
  db = path.join(dir, 'tipwire.db');
  analyst = createToken(db);
  server = await startServer(db, LM_ENV);
});
afterAll(async () => {
  await server?.stop();
  cleanup?.();
});

const post = (body: Record<string, unknown>) => postReportAs(server.url, analyst, body);

/**
 * The report once its text has been read (text-analysis job, after intake) and the
 * pipeline has run on what that reading gave.
 */
async function read(id: string) {
  const until = Date.now() + 15_000;
  for (;;) {
    await waitForPipeline(server.url, analyst);
    const report = (await getJson(`${server.url}/api/v1/reports/${id}`, analyst)).body as Record<
      string,
      any
    >;
    if (report.textState !== 'pending') {
      // A finding from the reading sends it through verify again.
      await waitForPipeline(server.url, analyst);
      return (await getJson(`${server.url}/api/v1/reports/${id}`, analyst)).body as Record<
        string,
        any
      >;
    }
    if (Date.now() > until) throw new Error(`the text of ${id} was never read`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Observable = { type: string; value: string; otherReports: number };
const observablesOf = (report: Record<string, any>) => report.observables as Observable[];
const valueOf = (report: Record<string, any>, type: string) =>
  observablesOf(report).find((o) => o.type === type)?.value;

const NUMBER = '+86 138 0013 8000';
const E164 = '+8613800138000';

describe('observables of a report’s text', () => {
  const narrative =
    `The phishing mail came from ops-desk@corp-mail.example.org and linked to ` +
    `hxxps://login.bank-verify[.]com/reset?id=7, hosted on 203.0.113[.]45. ` +
    `The attachment's SHA-256 was ` +
    `9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08. ` +
    `A man called me from ${NUMBER} and drove off in 京A·12345.`;
  let first: string;

  beforeAll(async () => {
    remember('phone', NUMBER);
    remember('phone', E164);
    first = await post(makeReport({ narrative, caller: { phone: '+8613900139000' } }));
  });

  it('reads each type, refangs the defanged ones and keeps the phone number only as its pseudonym', async () => {
    const report = await read(first);
    expect(report.textState).toBe('done');
    const types = observablesOf(report)
      .map((o) => o.type)
      .sort();
    expect(types).toEqual(['email', 'ipv4', 'phone', 'plate', 'sha256', 'url']);
    expect(valueOf(report, 'email')).toBe('ops-desk@corp-mail.example.org');
    expect(valueOf(report, 'url')).toBe('https://login.bank-verify.com/reset?id=7');
    expect(valueOf(report, 'ipv4')).toBe('203.0.113.45');
    expect(valueOf(report, 'plate')).toBe('京A12345');
    const phone = valueOf(report, 'phone')!;
    expect(phone).not.toContain('13800138000');
    expect(phone).toMatch(/^ps\d+_[0-9a-f]{32,}$/);
    // None of them named by another report yet.
    expect(observablesOf(report).every((o) => o.otherReports === 0)).toBe(true);
  });

  it('matches them across reports by token: the same IP, and the number a caller phoned from', async () => {
    const second = await post(
      makeReport({
        narrative: 'Scanning from 203.0.113.45 again tonight, same as last week.',
        caller: { phone: NUMBER },
      }),
    );
    const b = await read(second);
    const a = await read(first);
    expect(observablesOf(a).find((o) => o.type === 'ipv4')!.otherReports).toBe(1);
    expect(observablesOf(a).find((o) => o.type === 'email')!.otherReports).toBe(0);
    expect(observablesOf(b)).toEqual([{ type: 'ipv4', value: '203.0.113.45', otherReports: 1 }]);
    // The number named in the first text is the second report's caller: one pseudonym.
    expect(valueOf(a, 'phone')).toBe(b.callerPseudonym);
  });

  it('reads an operator’s answer (who/what) for observables too', async () => {
    const id = await post(makeReport({ narrative: 'A grey car waited by the gate for an hour.' }));
    expect(observablesOf(await read(id))).toEqual([]);
    const res = await fetch(`${server.url}/api/v1/reports/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subjects: 'driver gave his mail as watcher77@mailbox.example.net' }),
    });
    expect(res.status).toBe(200);
    expect(observablesOf(await read(id))).toEqual([
      { type: 'email', value: 'watcher77@mailbox.example.net', otherReports: 0 },
    ]);
  });

  it('keeps the values sealed: none is in the database file in the clear', async () => {
    await read(first);
    const bytes = readdirSync(dir)
      .filter((f) => f.startsWith('tipwire.db'))
      .map((f) => readFileSync(path.join(dir, f)));
    const all = Buffer.concat(bytes);
    for (const secret of [
      'ops-desk@corp-mail',
      'bank-verify',
      '203.0.113',
      '9f86d081884c7d659a2f',
      '13800138000',
      'watcher77',
      '京A12345',
    ]) {
      expect(all.includes(Buffer.from(secret)), secret).toBe(false);
    }
  });
});

describe('the language model’s perplexity', () => {
  const findingOf = (report: Record<string, any>) =>
    (report.findings as { code: string; check: string; evidence: any; message: any }[]).filter(
      (f) => f.check === 'text-perplexity',
    );

  it('finds a text of its own training very predictable, and says it is a weak signal', async () => {
    const narrative = CORPUS_EN.slice(0, 4).join(' ');
    const report = await read(await post(makeReport({ narrative })));
    const [finding] = findingOf(report);
    expect(finding?.code).toBe('text.low_perplexity');
    expect(finding!.message.en).toContain('weak signal');
    expect(finding!.message.zh).toContain('弱信号');
    expect(finding!.evidence.perplexity).toBeLessThan(10);
    expect(report.textScore.perplexity).toBeCloseTo(finding!.evidence.perplexity, 1);
    // Numbers and codes only: no word of the text.
    const evidence = JSON.stringify(finding!.evidence);
    for (const word of ['drone', 'gate', 'evening', 'light']) expect(evidence).not.toContain(word);
  });

  it('finds known words in an order it never saw unusual', async () => {
    const words = CORPUS_EN.slice(0, 6).join(' ').replace(/[.,]/g, '').split(' ');
    // A fixed shuffle: every word known, hardly any pair or triple it has seen.
    const shuffled = words.map((w, i) => words[(i * 7) % words.length]!).join(' ');
    const report = await read(await post(makeReport({ narrative: `${shuffled}.` })));
    const [finding] = findingOf(report);
    expect(finding?.code).toBe('text.high_perplexity');
    expect(finding!.evidence.perplexity).toBeGreaterThan(85);
    expect(finding!.evidence.unknownTokens).toBe(0);
  });

  it('says nothing of a text shorter than TIPWIRE_TEXT_LM_MIN_TOKENS', async () => {
    const report = await read(await post(makeReport({ narrative: CORPUS_EN[0] })));
    expect(report.textScore.tokens).toBeLessThan(20);
    expect(findingOf(report)).toEqual([]);
  });
});

describe('training on closed cases', () => {
  it('trains the model again at start on the narratives of closed cases, and only those', async () => {
    const before = await read(
      await post(makeReport({ narrative: CORPUS_EN.slice(8, 12).join(' ') })),
    );
    const bundledTokens = before.textScore.model.trainingTokens as number;
    const closedText = 'Quartermaster zebra manifests eleven crates nightly.';
    const openText = 'Lighthouse keeper logs nine ferries weekly here.';
    const close = async (narrative: string, status: string) => {
      const id = await post(makeReport({ narrative }));
      await read(id);
      const res = await fetch(`${server.url}/api/v1/reports/${id}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status, reason: 'handled' }),
      });
      expect(res.status).toBe(200);
    };
    await close(closedText, 'closed');
    await close(openText, 'unfounded');
    await server.stop();
    server = await startServer(db, LM_ENV);
    const until = Date.now() + 15_000;
    while (!server.output().includes('language model trained') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(server.output()).toContain('"reports":1');
    const probe = async (narrative: string) =>
      (await read(await post(makeReport({ narrative })))).textScore;
    // The closed case's words are now known, the unfounded one's are not.
    const closed = await probe(closedText);
    const unfounded = await probe(openText);
    expect(closed.model.trainingTokens).toBeGreaterThan(bundledTokens);
    expect(closed.unknownTokens).toBe(0);
    expect(unfounded.unknownTokens).toBeGreaterThan(0);
    expect(server.output()).toContain('language model trained');
  });
});
