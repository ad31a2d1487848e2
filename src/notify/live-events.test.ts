import { describe, expect, it } from 'vitest';
import type { EventRepository, StoredEvent } from '../store/store.js';
import { createLiveEvents, MAX_REPLAY, RESET_EVENT_TYPE } from './live-events.js';

/** An in-memory event log with the repository's contract. */
function memoryEvents(): EventRepository & { rows: StoredEvent[] } {
  const rows: StoredEvent[] = [];
  let nextId = 1;
  return {
    rows,
    append(type, payload, createdAt) {
      rows.push({ id: nextId, type, payload, createdAt });
      return nextId++;
    },
    after: (id, limit) => rows.filter((e) => e.id > id).slice(0, limit),
    lastId: () => nextId - 1,
    pruneBefore(createdAt) {
      const before = rows.length;
      rows.splice(0, rows.length, ...rows.filter((e) => e.createdAt >= createdAt));
      return before - rows.length;
    },
  };
}

describe('createLiveEvents', () => {
  it('delivers each new event once to every subscriber', () => {
    const events = memoryEvents();
    const live = createLiveEvents(events);
    const a: number[] = [];
    const b: number[] = [];
    live.subscribe((e) => a.push(e.id));
    const stopB = live.subscribe((e) => b.push(e.id));
    events.append('report.processed', {}, 1);
    live.poke();
    live.poke();
    stopB();
    events.append('report.processed', {}, 2);
    live.poke();
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1]);
  });

  it('replays what a reconnecting subscriber missed, in order, before new events', () => {
    const events = memoryEvents();
    const live = createLiveEvents(events);
    for (let i = 0; i < 5; i++) events.append('report.processed', {}, i);
    live.poke();
    const seen: number[] = [];
    live.subscribe((e) => seen.push(e.id), 2);
    events.append('report.processed', {}, 9);
    live.poke();
    expect(seen).toEqual([3, 4, 5, 6]);
  });

  it('tells a subscriber to reload when its missed events were pruned', () => {
    const events = memoryEvents();
    for (let i = 0; i < 5; i++) events.append('report.processed', {}, i);
    events.pruneBefore(3);
    const live = createLiveEvents(events);
    const seen: string[] = [];
    live.subscribe((e) => seen.push(`${e.type}:${e.id}`), 1);
    expect(seen).toEqual([`${RESET_EVENT_TYPE}:1`, 'report.processed:4', 'report.processed:5']);
  });

  it('replays at most MAX_REPLAY events, after a reset', () => {
    const events = memoryEvents();
    for (let i = 0; i < MAX_REPLAY + 10; i++) events.append('report.processed', {}, i);
    const live = createLiveEvents(events);
    const seen: StoredEvent[] = [];
    live.subscribe((e) => seen.push(e), 0);
    expect(seen[0]!.type).toBe(RESET_EVENT_TYPE);
    expect(seen).toHaveLength(MAX_REPLAY + 1);
    expect(seen.at(-1)!.id).toBe(MAX_REPLAY + 10);
  });
});
