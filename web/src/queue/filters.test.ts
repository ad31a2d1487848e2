import { describe, expect, it } from 'vitest';
import {
  filterParams,
  incidentOptions,
  isFiltering,
  liveReportMatch,
  matchesIncident,
  matchesReport,
  NO_INCIDENT_FILTER,
  NO_OFFICE,
  NO_REPORT_FILTER,
  officeChoices,
  reportOptions,
  sameFilter,
} from './filters.js';
import { excerpt } from '../common/format.js';
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

describe('the filters in the page (live rows, changed rows)', () => {
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
    expect(matchesReport(r, { ...f, flag: 'time.future' })).toBe(false);
    expect(matchesReport(r, { ...f, category: 'drone' })).toBe(true);
    expect(matchesReport(r, { ...f, office: NO_OFFICE })).toBe(true);
    expect(matchesReport(r, { ...f, office: 'o_1' })).toBe(false);
    expect(matchesReport(r, { ...f, since: '2026-11-20T09:00:00Z' })).toBe(true);
    expect(matchesReport(r, { ...f, since: '2026-11-20T11:00:00Z' })).toBe(false);
  });

  it('reads since as included and until as left out, to the millisecond, as the server does', () => {
    const r = report({});
    const f = NO_REPORT_FILTER;
    expect(matchesReport(r, { ...f, since: '2026-11-20T10:00:00.000Z' })).toBe(true);
    expect(matchesReport(r, { ...f, since: '2026-11-20T10:00:00.001Z' })).toBe(false);
    expect(matchesReport(r, { ...f, since: '2026-11-20T09:59:59.999Z' })).toBe(true);
    expect(matchesReport(r, { ...f, until: '2026-11-20T10:00:00.000Z' })).toBe(false);
    expect(matchesReport(r, { ...f, until: '2026-11-20T10:00:00.001Z' })).toBe(true);
    expect(matchesReport(r, { ...f, until: '2026-11-20T09:59:59.999Z' })).toBe(false);
    expect(matchesReport(r, { ...f, since: '2026-11-20T18:00:00+08:00' })).toBe(true);
  });

  it('says of a live event when it cannot tell (a status asked), else whether it matches', () => {
    const live = {
      id: 'r3',
      category: 'drone',
      flags: ['time.future'],
      officeId: null,
      receivedAt: '2026-11-20T10:00:00.000Z',
    } as unknown as LiveReport;
    const f = NO_REPORT_FILTER;
    expect(liveReportMatch(live, f)).toBe(true);
    expect(liveReportMatch(live, { ...f, status: 'new' })).toBeNull();
    expect(liveReportMatch(live, { ...f, status: 'new', category: 'fire' })).toBe(false);
    expect(liveReportMatch(live, { ...f, flag: 'time.future', office: NO_OFFICE })).toBe(true);
    expect(liveReportMatch(live, { ...f, office: 'o_1' })).toBe(false);
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
    expect(matchesIncident(i, { kind: '', office: 'o_1' })).toBe(true);
    expect(matchesIncident({ ...i, officeId: null }, { kind: '', office: NO_OFFICE })).toBe(true);
    // Known only from a live summary: no office yet, so not yet shown under an office filter.
    expect(matchesIncident({ id: 'i', kinds: ['drone'] }, { kind: '', office: NO_OFFICE })).toBe(
      false,
    );
    expect(matchesIncident({ id: 'i' }, { kind: 'drone', office: '' })).toBe(false);
  });

  it('suggests the categories and offices the loaded rows have, each once', () => {
    const options = reportOptions([
      report({ category: 'b', flags: ['x', 'y'] }),
      report({ id: 'r2', category: 'a', flags: ['y'], officeId: 'o_1' }),
      report({ id: 'r3', category: null, officeId: 'o_1' }),
    ]);
    expect(options).toEqual({ categories: ['a', 'b'], offices: ['o_1'] });
    expect(
      incidentOptions([
        { id: 'i1', officeId: 'o_2' },
        { id: 'i2', officeId: null },
        { id: 'i3' },
        { id: 'i4', officeId: 'o_1' },
        { id: 'i5', officeId: 'o_2' },
      ]),
    ).toEqual({ offices: ['o_1', 'o_2'] });
  });

  it('says whether any filter is set', () => {
    expect(isFiltering(NO_REPORT_FILTER)).toBe(false);
    expect(isFiltering(NO_INCIDENT_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_REPORT_FILTER, until: '2026-11-20T10:00:00.000Z' })).toBe(true);
    expect(isFiltering({ kind: '', office: NO_OFFICE })).toBe(true);
  });

  it('names the API parameters of the filters set, and compares filters by value', () => {
    expect(filterParams(NO_REPORT_FILTER)).toEqual([]);
    expect(filterParams({ ...NO_REPORT_FILTER, office: NO_OFFICE, flag: 'x' })).toEqual([
      ['flag', 'x'],
      ['office', 'none'],
    ]);
    expect(filterParams({ kind: 'drone', office: '' })).toEqual([['kind', 'drone']]);
    expect(sameFilter(NO_REPORT_FILTER, { ...NO_REPORT_FILTER })).toBe(true);
    expect(sameFilter(NO_REPORT_FILTER, { ...NO_REPORT_FILTER, until: 'x' })).toBe(false);
    expect(sameFilter(NO_INCIDENT_FILTER, { kind: '', office: 'o' })).toBe(false);
  });

  it("offers offices by name to supervisors, the loaded rows' to analysts, none to an office", () => {
    const named = [{ id: 'o_2', name: 'South' }];
    expect(officeChoices(['supervisor'], named, ['o_1'], '')).toEqual([
      { value: 'o_1', label: 'o_1' },
      { value: 'o_2', label: 'South' },
    ]);
    expect(officeChoices(['analyst'], null, ['o_1', 'o_1'], 'o_9')).toEqual([
      { value: 'o_1', label: 'o_1' },
      { value: 'o_9', label: 'o_9' },
    ]);
    expect(officeChoices(['analyst'], null, [], NO_OFFICE)).toEqual([]);
    expect(officeChoices(['office'], named, ['o_1'], '')).toBeNull();
  });
});

describe('excerpt', () => {
  it('cuts at whole code points', () => {
    expect(excerpt('🚁🚁🚁', 2)).toBe('🚁🚁…');
    expect(excerpt('short', 10)).toBe('short');
  });
});
