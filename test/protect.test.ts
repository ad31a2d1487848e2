/**
 * Reporter protection as the issue states it, through the real server and the
 * real database file: caller numbers never reach disk, logs or temp files; a dump
 * without the keys gives up neither numbers nor narratives; sealed text fails
 * loudly when touched; blind-index search; receipts; repeat dialers; floods.
 */
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  LOG_DIR,
  makeReport,
  postReport,
  remember,
  runCli,
  startServer,
  tempDir,
  type ServerProcess,
  waitForPipeline as waitForPipelineOf,
} from './helpers.js';

const STARTED = Date.now();
/** A block of 10 000 numbers of one Chinese mobile numbering range: the test's callers live in it. */
const PLAN_PREFIX = '+86139123';
const planNumber = (n: number) => `${PLAN_PREFIX}${String(n).padStart(4, '0')}`;
const CALLERS = [17, 42, 99, 1234, 5678, 9001].map(planNumber);
/** The forms a number may be written in (E.164, digits, national, spaced national). */
function forms(e164: string): string[] {
  const national = e164.slice(3);
  return [
    e164,
    e164.slice(1),
    national,
    `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
  ];
}
const CANARIES = [
  'CANARY-7f3a9 drone landed by the north gate',
  '金丝雀9c2e 昨晚一架无人机坠落在北门后面',
];

let dir: string;
let cleanup: () => void;
let server: ServerProcess;
let db: string;
let supervisor: string;

async function get(pathname: string, token = supervisor) {
  return getJson(`${server.url}${pathname}`, token);
}

const waitForPipeline = () => waitForPipelineOf(server.url, supervisor);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'tipwire.db');
  supervisor = createToken(db, 'supervisor');
  server = await startServer(db, { TIPWIRE_DEFAULT_PHONE_REGION: 'CN' });
});

afterAll(async () => {
  await server.stop();
  cleanup();
});

describe('caller numbers', () => {
  it('are in no form in the database, its WAL, the logs or the temp folder 31 s after a burst', async () => {
    // The burst: every caller in several written forms, through the API and an import.
    const sent = await Promise.all(
      CALLERS.flatMap((e164, i) =>
        [e164, forms(e164)[3]!].map((phone) =>
          postReport(
            server.url,
            makeReport({ caller: { phone }, narrative: `burst ${i} ${phone.length}` }),
          ),
        ),
      ),
    );
    expect(sent.every((r) => r.status === 201)).toBe(true);
    const file = path.join(dir, 'calls.jsonl');
    writeFileSync(
      file,
      CALLERS.map((phone, i) =>
        JSON.stringify(
          makeReport({
            caller: { phone },
            externalId: `imp-${i}`,
            receivedAt: '2026-11-20T10:00:00Z',
          }),
        ),
      ).join('\n') + '\n',
    );
    expect(
      runCli(['import', file, '--db', db], { TIPWIRE_DEFAULT_PHONE_REGION: 'CN' }).status,
    ).toBe(0);
    await waitForPipeline();
    await new Promise((r) => setTimeout(r, 31_000));

    // Files that must be read: the database, its WAL and shared memory, every log.
    const mustRead: string[] = [db, `${db}-wal`, `${db}-shm`];
    for (const f of readdirSync(LOG_DIR).filter((f) => f.endsWith('.log')))
      mustRead.push(path.join(LOG_DIR, f));
    // Temp files written since the test began, by anyone: one may vanish meanwhile.
    const temps = recentFiles(os.tmpdir(), STARTED).filter(
      (f) => !f.startsWith(LOG_DIR) && f !== file,
    );
    const needles = CALLERS.flatMap(forms).flatMap((f) => [
      Buffer.from(f, 'utf8'),
      Buffer.from(f, 'utf16le'),
    ]);
    const found: string[] = [];
    const unread: string[] = [];
    let read = 0;
    for (const place of [...mustRead, ...temps]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(place);
      } catch (err) {
        // Only a temp file that is gone may be passed over; anything else is a blind spot.
        const gone = (err as NodeJS.ErrnoException).code === 'ENOENT';
        if (!(gone && temps.includes(place))) unread.push(`${place}: ${(err as Error).message}`);
        continue;
      }
      read += 1;
      for (const needle of needles) if (bytes.includes(needle)) found.push(place);
    }
    expect(unread).toEqual([]);
    expect(read).toBeGreaterThan(mustRead.length - 1);
    expect(found).toEqual([]);
  }, 60_000);

  it('cannot be recovered from a database dump without the keys, by enumerating the numbering plan', () => {
    const dump = path.join(dir, 'dump.db');
    const live = new Database(db);
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
    copyFileSync(db, dump); // the keys folder stays behind
    const values = storedValues(dump);
    expect(values.size).toBeGreaterThan(10);

    const recovered = enumerate(values);
    expect(recovered).toEqual([]);

    // Control: had tipwire stored a plain SHA-256, the same enumeration finds it.
    const control = new Set(values);
    control.add(createHash('sha256').update(CALLERS[0]!).digest('hex'));
    expect(enumerate(control)).toEqual([CALLERS[0]]);
  });
});

/** Everything text-like the database holds in its columns (hex for blobs). */
function storedValues(file: string): Set<string> {
  const d = new Database(file, { readonly: true });
  const values = new Set<string>();
  const tables = d
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    for (const row of d.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const v of Object.values(row)) {
        if (typeof v === 'string')
          for (const part of v.split(/[^0-9a-zA-Z+]+|ps\d+_/)) values.add(part);
        if (Buffer.isBuffer(v)) values.add(v.toString('hex'));
      }
    }
  }
  d.close();
  return values;
}

/** What an attacker without the key can compute for each number of the plan, looked up in the dump. */
function enumerate(values: Set<string>): string[] {
  const hits: string[] = [];
  for (let n = 0; n < 10_000; n++) {
    const e164 = planNumber(n);
    const candidates = forms(e164).flatMap((form) => [
      form,
      createHash('sha256').update(form).digest('hex'),
      createHash('sha1').update(form).digest('hex'),
      createHash('md5').update(form).digest('hex'),
      createHmac('sha256', '').update(form).digest('hex'),
    ]);
    if (candidates.some((c) => values.has(c))) hits.push(e164);
  }
  return hits;
}

function recentFiles(root: string, since: number, depth = 3): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out; // removed meanwhile
    throw err;
  }
  for (const name of entries) {
    const full = path.join(root, name);
    let st;
    try {
      st = statSync(full);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // raced with its deletion
      throw err;
    }
    if (st.isDirectory() && depth > 0) out.push(...recentFiles(full, since, depth - 1));
    else if (st.isFile() && st.mtimeMs >= since && st.size < 64 * 1024 * 1024) out.push(full);
  }
  return out;
}

describe('narratives', () => {
  it('are not in the database file in plain text, but search still finds them', async () => {
    const ids: string[] = [];
    for (const narrative of CANARIES) {
      const r = await postReport(
        server.url,
        makeReport({ narrative, externalId: `canary-${ids.length}` }),
      );
      ids.push(r.body.id as string);
    }
    await waitForPipeline();
    const live = new Database(db);
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
    const bytes = readFileSync(db);
    // The canaries whole, and their distinctive words.
    for (const needle of [...CANARIES, 'CANARY-7f3a9', '金丝雀9c2e', '无人机坠落']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
    // Control: what tipwire keeps in the clear (an external id) is found by the same scan.
    expect(bytes.includes(Buffer.from('canary-0'))).toBe(true);

    const found = async (q: string) =>
      (
        (await get(`/api/v1/reports?q=${encodeURIComponent(q)}`)).body.items as { id: string }[]
      ).map((r) => r.id);
    expect(await found('drone')).toContain(ids[0]);
    expect(await found('无人机')).toEqual([ids[1]]);
    expect(await found('北门')).toEqual([ids[1]]);
    expect(await found('无人机 drone')).toEqual([]);
    expect(await found('submarine')).toEqual([]);
  });

  it('fail loudly when one byte of their ciphertext changes', async () => {
    const { id } = (await postReport(server.url, makeReport({ narrative: 'tamper target' })))
      .body as { id: string };
    expect((await get(`/api/v1/reports/${id}`)).status).toBe(200);
    const d = new Database(db);
    const sealed = d
      .prepare('SELECT narrative_sealed FROM reports WHERE id = ?')
      .pluck()
      .get(id) as Buffer;
    sealed[20] = sealed[20]! ^ 0x01;
    d.prepare('UPDATE reports SET narrative_sealed = ? WHERE id = ?').run(sealed, id);
    d.close();
    const res = await get(`/api/v1/reports/${id}`);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: { code: 'integrity_failure' } });
  });
});

describe('receipts', () => {
  it('let the reporter see the operators’ questions and answer into the same report', async () => {
    const first = await postReport(
      server.url,
      makeReport({ narrative: 'a parcel ticking in the lobby' }),
    );
    const { id, receipt } = first.body as { id: string; receipt: string };
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    const analyst = createToken(db, 'analyst');
    const asked = await fetch(`${server.url}/api/v1/reports/${id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Which entrance of the lobby?' }),
    });
    expect(asked.status).toBe(201);

    // Typed loosely, as a person would.
    const typed = receipt.toLowerCase().replace(/-/g, ' ');
    const view = await fetch(`${server.url}/api/v1/receipts/${encodeURIComponent(typed)}`);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({
      status: 'received',
      questions: [{ author: 'operator', text: 'Which entrance of the lobby?' }],
    });
    const answer = await fetch(`${server.url}/api/v1/receipts/${receipt}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'The east entrance, by the lifts.' }),
    });
    expect(answer.status).toBe(201);
    const report = (await get(`/api/v1/reports/${id}`)).body as {
      messages: { author: string; text: string }[];
    };
    expect(report.messages.map((m) => [m.author, m.text])).toEqual([
      ['operator', 'Which entrance of the lobby?'],
      ['reporter', 'The east entrance, by the lifts.'],
    ]);
    // The answer is searchable too, and only the hash of the receipt is stored.
    expect(
      ((await get('/api/v1/reports?q=lifts')).body.items as { id: string }[]).map((r) => r.id),
    ).toEqual([id]);
    const d = new Database(db, { readonly: true });
    expect(readFileSync(db).includes(Buffer.from(receipt.replace(/-/g, '').slice(8)))).toBe(false);
    d.close();
  });

  it('answer a wrong code like an unknown one, and stop guessing with 429', async () => {
    const guess = '0000-0000-0000-0000-0000-0000';
    remember('receipt', guess);
    let last: Response | null = null;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      last = await fetch(`${server.url}/api/v1/receipts/${guess}`);
      statuses.push(last.status);
      if (last.status === 429) break;
    }
    expect(statuses[0]).toBe(404);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('abuse control', () => {
  it('flags the fourth call in a row from one number, not the first three', async () => {
    const phone = planNumber(4321);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await postReport(
        server.url,
        makeReport({ caller: { phone }, narrative: `repeat ${i}` }),
      );
      ids.push(r.body.id as string);
    }
    await waitForPipeline();
    const flags = await Promise.all(
      ids.map(async (id) => (await get(`/api/v1/reports/${id}`)).body),
    );
    expect(flags.map((r) => (r.flags as string[]).includes('abuse.repeat_dialer'))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(flags.map((r) => r.queue)).toEqual(['analyst', 'analyst', 'analyst', 'abuse']);
    // The analysts' queue does not show it.
    const analyst = createToken(db, 'analyst');
    expect((await get(`/api/v1/reports/${ids[3]}`, analyst)).status).toBe(404);
    // Exports show the flag.
    const exported = runCli(['export', 'reports', '--db', db]).stdout;
    const line = exported.split('\n').find((l) => l.includes(ids[3]!))!;
    expect(JSON.parse(line).flags).toContain('abuse.repeat_dialer');
  });

  it('judges imported history by time, whatever the order of the lines', () => {
    const phone = planNumber(8765);
    const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 8, minute)).toISOString();
    // Calls at 0, 4, 8, 12 (the 4th in a row) and 40 (after a gap), listed out of order.
    const minutes = [12, 0, 40, 8, 4];
    const file = path.join(dir, 'history.jsonl');
    writeFileSync(
      file,
      minutes
        .map((m) =>
          JSON.stringify(
            makeReport({
              caller: { phone },
              receivedAt: at(m),
              externalId: `hist-${m}`,
              narrative: `history ${m}`,
            }),
          ),
        )
        .join('\n'),
    );
    expect(runCli(['import', file, '--db', db]).status).toBe(0);
    const lines = runCli(['export', 'reports', '--db', db])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { externalId: string; flags: string[] })
      .filter((r) => r.externalId?.startsWith('hist-'));
    const flagged = lines
      .filter((r) => r.flags.includes('abuse.repeat_dialer'))
      .map((r) => r.externalId);
    expect(flagged).toEqual(['hist-12']);
  });

  it('answers a flood from one caller with 429 and Retry-After', async () => {
    const phone = planNumber(2468);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i++) {
      const res = await fetch(`${server.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(makeReport({ caller: { phone }, narrative: `flood ${i}` })),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
