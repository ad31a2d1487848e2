/**
 * Fan-out of stored events to live subscribers (the workbench's server-sent
 * events). The events table is the source of truth: after each pipeline commit
 * `poke()` reads what is new and hands it to every subscriber, and a subscriber
 * that reconnects with the last id it saw gets the missed events replayed first.
 * Events written by another process (an import) arrive on the next poll.
 */
/** An event as stored: the notify stage's own view of the events table. */
export interface StoredEvent {
  id: number;
  type: string;
  payload: unknown;
  createdAt: number;
}

/** What the fan-out reads: the stored events after an id (the store's event repository). */
export interface EventSource {
  after(id: number, limit: number): StoredEvent[];
  lastId(): number;
}

export type Send = (event: StoredEvent) => void;

/**
 * Sent first to a reconnecting subscriber whose missed events can no longer all be
 * replayed (too many, or pruned): its lists are stale and must be reloaded.
 */
export const RESET_EVENT_TYPE = 'stream.reset';

export interface LiveEvents {
  /** Replays events after `lastSeenId` (if given), then delivers new ones. */
  subscribe(send: Send, lastSeenId?: number): () => void;
  poke(): void;
}

const READ_CHUNK = 500;
/** Most events replayed to a reconnecting subscriber; older ones are for the API. */
export const MAX_REPLAY = 1000;

export function createLiveEvents(events: EventSource): LiveEvents {
  const subscribers = new Set<Send>();
  let delivered = events.lastId();

  return {
    subscribe(send, lastSeenId) {
      if (lastSeenId !== undefined && lastSeenId < delivered) {
        const from = Math.max(lastSeenId, delivered - MAX_REPLAY);
        const oldestKept = events.after(from, 1)[0]?.id;
        if (from > lastSeenId || (oldestKept !== undefined && oldestKept > from + 1)) {
          send({
            id: from,
            type: RESET_EVENT_TYPE,
            payload: { reason: 'missed events are no longer kept' },
            createdAt: 0,
          });
        }
        let after = from;
        while (after < delivered) {
          const chunk = events.after(after, Math.min(READ_CHUNK, delivered - after));
          if (chunk.length === 0) break;
          for (const e of chunk) if (e.id <= delivered) send(e);
          after = chunk[chunk.length - 1]!.id;
        }
      }
      subscribers.add(send);
      return () => subscribers.delete(send);
    },
    poke() {
      // Nobody listens: skip reading and parsing, just move the mark.
      if (subscribers.size === 0) {
        delivered = events.lastId();
        return;
      }
      for (;;) {
        const chunk = events.after(delivered, READ_CHUNK);
        if (chunk.length === 0) return;
        delivered = chunk[chunk.length - 1]!.id;
        for (const e of chunk) for (const send of subscribers) send(e);
      }
    },
  };
}
