import { describe, expect, it } from 'vitest';
import { createSseByteParser, createSseParser, type SseEvent } from './sse.js';

/** The classic page's test stream: CRLF, CR-only, a comment, multi-line data, an unterminated event. */
const STREAM =
  ': comment\r\nretry: 1500\r\n\r\nid: 7\r\nevent: report.processed\r\ndata: {"a":\r\n' +
  'data:1}\r\n\r\n' +
  'data: no type\n\n' +
  'id: 8\rdata: cr only\r\r' +
  'event: ignored-without-data\n\n' +
  'data: unterminated';

const EXPECTED = {
  seen: [
    { type: 'report.processed', data: '{"a":\n1}', lastEventId: '7' },
    { type: 'message', data: 'no type', lastEventId: '7' },
    { type: 'message', data: 'cr only', lastEventId: '8' },
  ],
  retries: [1500],
};

function parseInChunks(chunks: string[]) {
  const seen: SseEvent[] = [];
  const retries: number[] = [];
  const parser = createSseParser(
    (e) => seen.push(e),
    (ms) => retries.push(ms),
  );
  for (const chunk of chunks) parser.push(chunk);
  return { seen, retries };
}

describe('the event-stream parser', () => {
  it('reads the stream whole', () => {
    expect(parseInChunks([STREAM])).toEqual(EXPECTED);
  });

  it('reads it the same split at any one place', () => {
    for (let at = 0; at <= STREAM.length; at++)
      expect(parseInChunks([STREAM.slice(0, at), STREAM.slice(at)]), `split at ${at}`).toEqual(
        EXPECTED,
      );
  });

  it('reads it the same in chunks of any size', () => {
    for (const size of [1, 2, 3, 5, 7, 1000]) {
      const chunks: string[] = [];
      for (let i = 0; i < STREAM.length; i += size) chunks.push(STREAM.slice(i, i + size));
      expect(parseInChunks(chunks), `chunks of ${size}`).toEqual(EXPECTED);
    }
  });

  it('reads UTF-8 bytes split anywhere, inside a character too', () => {
    const text = 'id: 42\nevent: report.processed\ndata: {"category":"无人机 ✈ 🚁"}\n\n';
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at <= bytes.length; at++) {
      const seen: SseEvent[] = [];
      const parser = createSseByteParser((e) => seen.push(e));
      parser.push(bytes.slice(0, at));
      parser.push(bytes.slice(at));
      expect(seen, `split at byte ${at}`).toEqual([
        { type: 'report.processed', data: '{"category":"无人机 ✈ 🚁"}', lastEventId: '42' },
      ]);
      expect(parser.lastEventId).toBe('42');
    }
  });

  it('keeps the last id across events, ignores one holding NUL, and a bad retry', () => {
    const { seen, retries } = parseInChunks([
      'id: 5\ndata: a\n\nid: x\0y\ndata: b\n\nretry: 12s\nretry\ndata: c\nid\n\n',
    ]);
    expect(seen.map((e) => e.lastEventId)).toEqual(['5', '5', '']);
    expect(retries).toEqual([]);
  });

  it('takes a field without a colon as empty, and data: with no space', () => {
    expect(parseInChunks(['data\ndata:x\n\n']).seen).toEqual([
      { type: 'message', data: '\nx', lastEventId: '' },
    ]);
  });
});
