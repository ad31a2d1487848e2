/**
 * An incremental parser of a `text/event-stream` body (the WHATWG "event stream
 * interpretation" rules), ported from the classic page: lines end in CR, LF or CRLF
 * (a CRLF split across two chunks too), `:` starts a comment (keep-alive), `data`
 * lines join with LF, an event is dispatched at a blank line only if it has data, `id`
 * persists across events (one holding NUL is ignored), `retry` takes only digits, and an
 * event the stream ends in the middle of is dropped. Chunks may be split anywhere;
 * `createSseByteParser` also takes bytes split inside a UTF-8 character.
 */

export interface SseEvent {
  /** The `event:` field, `message` when none was given. */
  type: string;
  data: string;
  /** The last `id:` seen so far on this stream (the reconnect's Last-Event-ID). */
  lastEventId: string;
}

export interface SseParser {
  push(text: string): void;
  readonly lastEventId: string;
}

export function createSseParser(
  onEvent: (event: SseEvent) => void,
  onRetry: (ms: number) => void = () => {},
): SseParser {
  let buffer = '';
  let skipLineFeed = false; // the last chunk ended in CR: a leading LF belongs to it
  let data = '';
  let hasData = false;
  let type = '';
  let lastEventId = '';

  function processLine(line: string) {
    if (line === '') {
      if (hasData) onEvent({ type: type || 'message', data, lastEventId });
      data = '';
      hasData = false;
      type = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        break;
      case 'data':
        data = hasData ? `${data}\n${value}` : value;
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) onRetry(Number(value));
        break;
      default: // unknown fields are ignored
    }
  }

  return {
    push(chunk: string) {
      let text = chunk;
      if (skipLineFeed && text.startsWith('\n')) text = text.slice(1);
      skipLineFeed = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        processLine(buffer.slice(start, i));
        if (c === '\r') {
          if (i + 1 < buffer.length) {
            if (buffer[i + 1] === '\n') i++;
          } else {
            skipLineFeed = true;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}

/** The same parser fed with the body's bytes (UTF-8, a character may be split). */
export function createSseByteParser(
  onEvent: (event: SseEvent) => void,
  onRetry?: (ms: number) => void,
): { push(bytes: Uint8Array): void; readonly lastEventId: string } {
  const parser = createSseParser(onEvent, onRetry);
  const decoder = new TextDecoder('utf-8');
  return {
    push(bytes) {
      parser.push(decoder.decode(bytes, { stream: true }));
    },
    get lastEventId() {
      return parser.lastEventId;
    },
  };
}
