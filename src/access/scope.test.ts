import { describe, expect, it } from 'vitest';
import { canSeeCase, listScope } from './scope.js';

const analyst = { roles: ['analyst' as const], officeId: null };
const supervisor = { roles: ['supervisor' as const], officeId: null };
const north = { roles: ['office' as const], officeId: 'o_north' };
const admin = { roles: ['admin' as const], officeId: null };

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
  it('shows an admin no case', () => {
    expect(canSeeCase(admin, { queue: 'analyst', officeId: null })).toBe(false);
  });
});

describe('listScope', () => {
  it('narrows each viewer to its scope', () => {
    expect(listScope(analyst, undefined)).toEqual({ queue: 'analyst' });
    expect(listScope(analyst, 'abuse')).toBe('forbidden');
    expect(listScope(supervisor, 'abuse')).toEqual({ queue: 'abuse' });
    expect(listScope(supervisor, undefined)).toEqual({});
    expect(listScope(north, undefined)).toEqual({ officeId: 'o_north' });
    expect(listScope(admin, undefined)).toBe('forbidden');
  });
});
