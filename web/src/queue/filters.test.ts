import { describe, expect, it } from 'vitest';
import {
  matchesIncident,
  matchesReport,
  NO_INCIDENT_FILTER,
  NO_OFFICE,
  NO_REPORT_FILTER,
  reportOptions,
} from './filters.js';
import { excerpt } from './format.js';
import {
  fullItem,
  liveItem,
  type IncidentItem,
  type LiveReport,
  type ReportView,
} from './types.js';

const report = (overrides: Partial<ReportView>) =>
  fullItem({
    id: 'r1',
    status: 'new',
    category: 'drone',
    flags: ['time.zone_unknown'],
    officeId: null,
    receivedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  } as ReportView);

describe('client-side filters', () => {
  it('keeps everything with no filter', () => {
    expect(matchesReport(report({}), NO_REPORT_FILTER)).toBe(true);
    expect(matchesIncident({ id: 'i' }, NO_INCIDENT_FILTER)).toBe(true);
  });

  it('filters reports by status, category, flag, office and time received', () => {
    const r = report({});
    const f = NO_REPORT_FILTER;
    expect(matchesReport(r, { ...f, status: 'new' })).toBe(true);
    expect(matchesReport(r, { ...f, status: 'closed' })).toBe(false);
    expect(matchesReport(r, { ...f, category: 'fire' })).toBe(false);
    expect(matchesReport(r, { ...f, flag: 'time.zone_unknown' })).toBe(true);
    expect(matchesReport(r, { ...f, office: NO_OFFICE })).toBe(true);
    expect(matchesReport(r, { ...f, office: 'o_1' })).toBe(false);
    expect(matchesReport(r, { ...f, since: '2026-11-20T09:00:00Z' })).toBe(true);
    expect(matchesReport(r, { ...f, since: '2026-11-20T11:00:00Z' })).toBe(false);
  });

  it('a report known only from its event has no status yet', () => {
    const live = liveItem({
      id: 'r2',
      category: null,
      flags: [],
      officeId: 'o_1',
      receivedAt: '2026-11-20T10:00:00.000Z',
    } as unknown as LiveReport);
    expect(matchesReport(live, { ...NO_REPORT_FILTER, status: 'new' })).toBe(false);
    expect(matchesReport(live, { ...NO_REPORT_FILTER, office: 'o_1' })).toBe(true);
  });

  it('filters incidents by kind and office', () => {
    const i: IncidentItem = { id: 'i', kinds: ['drone'], officeId: 'o_1' };
    expect(matchesIncident(i, { kind: 'drone', office: '' })).toBe(true);
    expect(matchesIncident(i, { kind: 'fire', office: '' })).toBe(false);
    expect(matchesIncident(i, { kind: '', office: NO_OFFICE })).toBe(false);
  });

  it('offers the values the loaded rows have, each once', () => {
    const options = reportOptions([
      report({ category: 'b', flags: ['x', 'y'] }),
      report({ id: 'r2', category: 'a', flags: ['y'], officeId: 'o_1' }),
    ]);
    expect(options).toEqual({ categories: ['a', 'b'], flags: ['x', 'y'], offices: ['o_1'] });
  });
});

describe('excerpt', () => {
  it('cuts at whole code points', () => {
    expect(excerpt('🚁🚁🚁', 2)).toBe('🚁🚁…');
    expect(excerpt('short', 10)).toBe('short');
  });
});
