import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../live/sse.js';
import { eventAction, liveModeOf } from './useIncident.js';

const on = (type: string, payload: unknown): SseEvent => ({
  type,
  data: JSON.stringify(payload),
  lastEventId: '1',
});

describe('what a live event asks of the incident view', () => {
  const members = ['r_1', 'r_2'];
  it('refreshes for this incident, or one merged into it, and not for another', () => {
    expect(
      eventAction(on('incident.updated', { incident: { id: 'i_1' } }), 'i_1', members),
    ).toEqual({ refresh: true });
    expect(
      eventAction(
        on('incident.updated', { incident: { id: 'i_9', mergedInto: 'i_1' } }),
        'i_1',
        [],
      ),
    ).toEqual({ refresh: true });
    expect(eventAction(on('incident.updated', { incident: { id: 'i_9' } }), 'i_1', [])).toBeNull();
  });
  it('re-reads a member report, refreshes for a report joining, ignores the rest', () => {
    const report = (id: string, incidentId: string | null) =>
      on('report.updated', { report: { id, incidentId } });
    expect(eventAction(report('r_2', 'i_1'), 'i_1', members)).toEqual({ report: 'r_2' });
    expect(eventAction(report('r_3', 'i_1'), 'i_1', members)).toEqual({ refresh: true });
    expect(eventAction(report('r_4', 'i_7'), 'i_1', members)).toBeNull();
    expect(eventAction(on('report.processed', { report: { id: 'r_1' } }), 'i_1', members)).toEqual({
      report: 'r_1',
    });
  });
  it('refreshes after a reset, and ignores what it cannot read', () => {
    expect(eventAction({ type: 'stream.reset', data: '{}', lastEventId: '' }, 'i_1', [])).toEqual({
      refresh: true,
    });
    expect(
      eventAction({ type: 'report.updated', data: 'not json', lastEventId: '' }, 'i_1', []),
    ).toBeNull();
    expect(eventAction(on('something.else', {}), 'i_1', [])).toBeNull();
  });
});

describe('the view’s live mode', () => {
  it('is live while the stream is, polls while it is down or reconnecting', () => {
    expect(liveModeOf({ state: 'live' })).toBe('live');
    expect(liveModeOf({ state: 'connecting', reconnect: false })).toBe('connecting');
    expect(liveModeOf({ state: 'connecting', reconnect: true })).toBe('polling');
    expect(liveModeOf({ state: 'waiting', retryInMs: 2000 })).toBe('polling');
    expect(liveModeOf({ state: 'stopped', why: 'forbidden' })).toBe('polling');
  });
});
