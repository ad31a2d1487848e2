/**
 * The live stream: a processed report reaches a connected client as a
 * server-sent event, and a client reconnecting with Last-Event-ID gets what it
 * missed — including reports imported by another process.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createToken,
  makeReport,
  postReport,
  runCli,
  startServer,
  tempDir,
  type ServerProcess,
} from './helpers.js';
import { writeFileSync } from 'node:fs';

interface SseEvent {
  id: string;
  event: string;
  data: Record<string, { id: string } & Record<string, unknown>>;
}

let dir: string;
let cleanup: () => void;
let server: ServerProcess;
let token: string;
let db: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'tipwire.db');
  token = createToken(db);
  server = await startServer(db, {
    TIPWIRE_PIPELINE_POLL_MS: '100',
    TIPWIRE_LIVE_POLL_MS: '100',
  });
});
afterEach(async () => {
  await server.stop();
  cleanup();
});

/**
 * Opens the stream and collects events until `count` have arrived; `incident.updated`
 * events are skipped unless `withIncidents`.
 */
async function collect(
  count: number,
  lastEventId?: string,
  onOpen?: () => Promise<void>,
  withIncidents = false,
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${server.url}/api/v1/events`, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  await onOpen?.();
  const timeout = setTimeout(() => controller.abort(), 15_000);
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields: Record<string, string> = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => l && !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
        );
        if (fields.data && (withIncidents || fields.event !== 'incident.updated'))
          events.push({
            id: fields.id ?? '',
            event: fields.event ?? '',
            data: JSON.parse(fields.data),
          });
      }
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  return events;
}

describe('GET /api/v1/events', () => {
  it('tells connected clients when an incident changes, with its confidence', async () => {
    const events = await collect(
      2,
      undefined,
      async () => {
        await postReport(server.url, makeReport());
        await postReport(server.url, makeReport({ narrative: 'The drone again, over the depot.' }));
      },
      true,
    );
    const updates = events.filter((e) => e.event === 'incident.updated');
    expect(updates.length).toBeGreaterThan(0);
    const last = updates[updates.length - 1]!.data as unknown as {
      incident: { id: string; confidence: number; independentSources: number; reportCount: number };
      change: string;
    };
    expect(last.incident).toMatchObject({ reportCount: expect.any(Number) });
    expect(last.incident.confidence).toBeGreaterThan(0);
    expect(last.incident.confidence).toBeLessThan(1);
    // The kind code travels (like a category); the words of the narrative do not.
    expect(JSON.stringify(events)).not.toMatch(/circled|water tower|depot/i);
  });

  it('delivers each processed report to a connected client', async () => {
    let posted: string[] = [];
    const events = await collect(2, undefined, async () => {
      posted = [
        (await postReport(server.url, makeReport())).body.id as string,
        (await postReport(server.url, makeReport({ narrative: 'second' }))).body.id as string,
      ];
    });
    expect(events.map((e) => e.event)).toEqual(['report.processed', 'report.processed']);
    expect(events.map((e) => e.data.report!.id)).toEqual(posted);
    expect(events[1]!.data.incident).toMatchObject({ reportCount: 2 });
    // The stream carries metadata, never the narrative.
    expect(JSON.stringify(events)).not.toMatch(/drone circled/);
  });

  it('tells connected clients when a case changes (status, question)', async () => {
    const first = await collect(1, undefined, async () => {
      await postReport(server.url, makeReport());
    });
    const id = first[0]!.data.report!.id;
    const changes = await collect(2, first[0]!.id, async () => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      await fetch(`${server.url}/api/v1/reports/${id}/status`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ status: 'in_review', reason: 'looking into it' }),
      });
      await fetch(`${server.url}/api/v1/reports/${id}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'Which gate?' }),
      });
    });
    expect(changes.map((e) => e.event)).toEqual(['report.updated', 'report.updated']);
    expect(changes[0]!.data.report).toMatchObject({ id });
    // Metadata only: neither the question nor the narrative travels on the stream.
    expect(JSON.stringify(changes)).not.toMatch(/Which gate|drone circled/);
  });

  it('replays what a reconnecting client missed, then goes on live', async () => {
    const first = await collect(1, undefined, async () => {
      await postReport(server.url, makeReport());
    });
    await postReport(server.url, makeReport({ narrative: 'while away' }));
    // Another process imports a report into the same database meanwhile.
    const file = path.join(dir, 'one.jsonl');
    writeFileSync(file, JSON.stringify(makeReport({ externalId: 'imported-1' })) + '\n');
    expect(runCli(['import', file, '--db', db]).status).toBe(0);
    const resumed = await collect(2, first[0]!.id);
    // The next report event after the one seen (incident events in between are skipped here).
    expect(Number(resumed[0]!.id)).toBeGreaterThan(Number(first[0]!.id));
    expect(resumed[0]!.event).toBe('report.processed');
    expect(resumed[1]!.data.report).toMatchObject({ externalId: 'imported-1' });
  });
});
