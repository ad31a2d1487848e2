/**
 * The reporter's receipt, through the real app in this process: the right code
 * opens the case, a real lookup with a wrong secret does not (and looks exactly
 * like an unknown code), forgiving typing is read, and guessing is limited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/protect/receipt.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, remember, tempDir, testConfig, testLogger } from './helpers.js';

const GUESS_BURST = 6;
let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;
let receipt: string;
let otherReceipt: string;
let reportId: string;
let source = 0;

/** Each test's requests come from their own network, so the guess limit is per test. */
const fromNetwork = () => `10.0.${++source}.7`;

async function open(code: string, remoteAddress = fromNetwork()) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/receipts/${encodeURIComponent(code)}`,
    remoteAddress,
  });
  return { status: res.statusCode, body: res.json() as Record<string, any>, headers: res.headers };
}

async function submit(): Promise<{ id: string; receipt: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(makeReport({ narrative: `receipt test ${++source}` })),
  });
  const body = res.json() as { id: string; receipt: string };
  remember('receipt', body.receipt);
  return body;
}

/** The same code with one character of its secret part changed (still well-formed). */
function withWrongSecret(code: string, at = 12): string {
  const chars = code.replace(/-/g, '').split('');
  chars[at] = chars[at] === '7' ? '8' : '7';
  return chars.join('').replace(/(.{4})(?!$)/g, '$1-');
}

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(
    testConfig(tmp.dir, {
      TIPWIRE_RATE_GUESSES_BURST: String(GUESS_BURST),
      TIPWIRE_RATE_GUESSES_PER_MINUTE: '1',
    }),
    { logger: testLogger() },
  );
  app = await createHttpApp(runtime);
  ({ id: reportId, receipt } = await submit());
  ({ receipt: otherReceipt } = await submit());
});

afterAll(async () => {
  await app.close();
  runtime.close();
  cleanup();
});

describe('GET /api/v1/receipts/{receipt}', () => {
  it('opens the case with the right code', async () => {
    const res = await open(receipt);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('received');
  });

  it('refuses a real lookup with a wrong secret, exactly as an unknown code', async () => {
    const wrong = withWrongSecret(receipt);
    expect(parseReceipt(wrong)?.lookup).toBe(parseReceipt(receipt)?.lookup);
    const refused = await open(wrong);
    const unknown = await open('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(unknown.body);
  });

  it('refuses the lookup of one receipt with the secret of another', async () => {
    const mine = receipt.replace(/-/g, '');
    const theirs = otherReceipt.replace(/-/g, '');
    const mixed = mine.slice(0, 8) + theirs.slice(8);
    expect((await open(mixed)).status).toBe(404);
  });

  it('changes every secret position: a wrong character anywhere is refused', async () => {
    for (let at = 8; at < 24; at++) {
      expect((await open(withWrongSecret(receipt, at))).status, `position ${at}`).toBe(404);
    }
  });

  it('reads the code as people type it: lower case, spaces, O for 0 and I or L for 1', async () => {
    const typed = receipt
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, Math.random() < 0.5 ? 'i' : 'l');
    expect((await open(typed)).status).toBe(200);
  });

  it('limits guesses from one network: 429 with Retry-After once the burst is used', async () => {
    const network = fromNetwork();
    const answers: number[] = [];
    for (let i = 0; i <= GUESS_BURST; i++) {
      answers.push((await open(withWrongSecret(receipt), network)).status);
    }
    expect(answers).toEqual([...Array(GUESS_BURST).fill(404), 429]);
    const limited = await open(receipt, network);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/receipts/{receipt}/messages', () => {
  const send = (code: string, text: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/receipts/${code}/messages`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text }),
      remoteAddress: fromNetwork(),
    });

  it('adds a message with the right code, and none with a wrong secret', async () => {
    const before = runtime.store.messages.forReport(reportId).length;
    expect((await send(withWrongSecret(receipt), 'a forged follow-up')).statusCode).toBe(404);
    expect(runtime.store.messages.forReport(reportId)).toHaveLength(before);
    expect((await send(receipt, 'the van was white')).statusCode).toBe(201);
    expect(runtime.store.messages.forReport(reportId)).toHaveLength(before + 1);
  });
});
