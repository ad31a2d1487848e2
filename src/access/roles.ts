/** Who may do what. Each route names the roles it allows; nothing is allowed by default. */
export const ROLES = ['admin', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
