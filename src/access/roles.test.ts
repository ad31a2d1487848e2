import { describe, expect, it } from 'vitest';
import { isRole, ROLES } from './roles.js';

describe('ROLES', () => {
  it('is the six roles of the table in roles.ts, and no other', () => {
    expect([...ROLES].sort()).toEqual(
      ['admin', 'analyst', 'auditor', 'intake', 'office', 'supervisor'].sort(),
    );
  });
});

describe('isRole', () => {
  it.each(['intake', 'analyst', 'supervisor', 'office', 'admin', 'auditor'])(
    'accepts %s',
    (role) => {
      expect(isRole(role)).toBe(true);
    },
  );

  it.each([
    '',
    'Admin',
    'ADMIN',
    ' admin',
    'admin ',
    'root',
    'superuser',
    'constructor',
    'toString',
  ])('refuses %j', (value) => {
    expect(isRole(value)).toBe(false);
  });
});
