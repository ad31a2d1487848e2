import { describe, expect, it } from 'vitest';
import type { Role } from './roles.js';
import {
  canSeeCase,
  EVERY_MEMBER,
  listScope,
  memberScope,
  scopeKey,
  type Viewer,
} from './scope.js';

const viewer = (roles: Role[], officeId: string | null = null): Viewer => ({ roles, officeId });
const analyst = viewer(['analyst']);
const supervisor = viewer(['supervisor']);
const north = viewer(['office'], 'o_north');
const admin = viewer(['admin']);
/** An office role with no office assigned yet. */
const officeWithoutOffice = viewer(['office']);
/** An office id on a principal without the office role (say, an admin's token). */
const adminWithOffice = viewer(['admin'], 'o_north');

describe('canSeeCase', () => {
  it('shows analysts the analysts’ queue only', () => {
    expect(canSeeCase(analyst, { queue: 'analyst', officeId: null })).toBe(true);
    expect(canSeeCase(analyst, { queue: 'abuse', officeId: null })).toBe(false);
  });
  it('shows supervisors everything', () => {
    expect(canSeeCase(supervisor, { queue: 'abuse', officeId: 'o_south' })).toBe(true);
  });
  it('shows an office only its own cases', () => {
    expect(canSeeCase(north, { queue: 'analyst', officeId: 'o_north' })).toBe(true);
    expect(canSeeCase(north, { queue: 'abuse', officeId: 'o_north' })).toBe(true);
    expect(canSeeCase(north, { queue: 'analyst', officeId: 'o_south' })).toBe(false);
    expect(canSeeCase(north, { queue: 'analyst', officeId: null })).toBe(false);
  });
  it('shows an office role without an office no case, not even an unassigned one', () => {
    expect(canSeeCase(officeWithoutOffice, { queue: 'analyst', officeId: null })).toBe(false);
  });
  it('grants nothing for an office id without the office role', () => {
    expect(canSeeCase(adminWithOffice, { queue: 'analyst', officeId: 'o_north' })).toBe(false);
  });
  it('shows an admin no case', () => {
    expect(canSeeCase(admin, { queue: 'analyst', officeId: null })).toBe(false);
  });
});

describe('listScope', () => {
  it('narrows each viewer to its scope', () => {
    expect(listScope(analyst, undefined)).toEqual({ queue: 'analyst' });
    expect(listScope(analyst, 'analyst')).toEqual({ queue: 'analyst' });
    expect(listScope(analyst, 'abuse')).toBe('forbidden');
    expect(listScope(supervisor, 'abuse')).toEqual({ queue: 'abuse' });
    expect(listScope(supervisor, undefined)).toEqual({});
    expect(listScope(north, undefined)).toEqual({ officeId: 'o_north' });
    expect(listScope(admin, undefined)).toBe('forbidden');
  });
  it('keeps an office to its own cases in the queue it asked for', () => {
    expect(listScope(north, 'abuse')).toEqual({ queue: 'abuse', officeId: 'o_north' });
  });
  it('forbids listing to an office role without an office, and to an office id alone', () => {
    expect(listScope(officeWithoutOffice, undefined)).toBe('forbidden');
    expect(listScope(adminWithOffice, undefined)).toBe('forbidden');
  });
});

describe('memberScope', () => {
  it('lets a supervisor see every member', () => {
    expect(memberScope(supervisor)).toEqual({ all: true, analystQueue: false, officeId: null });
    expect(memberScope(viewer(['supervisor', 'office'], 'o_north'))).toBe(EVERY_MEMBER);
  });
  it('lets an analyst see the analysts’ queue', () => {
    expect(memberScope(analyst)).toEqual({ all: false, analystQueue: true, officeId: null });
  });
  it('lets an office see its own members', () => {
    expect(memberScope(north)).toEqual({ all: false, analystQueue: false, officeId: 'o_north' });
  });
  it('adds up the clauses of several roles', () => {
    expect(memberScope(viewer(['analyst', 'office'], 'o_north'))).toEqual({
      all: false,
      analystQueue: true,
      officeId: 'o_north',
    });
  });
  it('gives an office id nothing without the office role, and other roles nothing at all', () => {
    expect(memberScope(adminWithOffice)).toEqual({
      all: false,
      analystQueue: false,
      officeId: null,
    });
    expect(memberScope(viewer(['auditor', 'intake']))).toEqual({
      all: false,
      analystQueue: false,
      officeId: null,
    });
  });
});

describe('scopeKey', () => {
  it('names each scope by its clauses, so equal scopes share a key and others do not', () => {
    expect(scopeKey(EVERY_MEMBER)).toBe('all');
    expect(scopeKey({ all: false, analystQueue: true, officeId: null })).toBe('analyst|-');
    expect(scopeKey({ all: false, analystQueue: false, officeId: 'o_north' })).toBe('-|o_north');
    expect(scopeKey({ all: false, analystQueue: true, officeId: 'o_north' })).toBe(
      'analyst|o_north',
    );
    expect(scopeKey({ all: false, analystQueue: false, officeId: null })).toBe('-|-');
  });
});
