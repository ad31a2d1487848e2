/**
 * Who may do what. A principal (a user or a token) holds one or more roles; each
 * route names the roles it allows, and nothing is allowed by default.
 *
 * - intake: submits reports on a caller's behalf (and may state receivedAt); reads nothing.
 * - analyst: reads and works the analysts' queue, reports' text included.
 * - supervisor: what an analyst does, plus the abuse queue and routing to field offices.
 * - office: a field office's staff; sees only the cases assigned to its office.
 * - admin: users, offices, tokens, keys and settings; no report text unless also analyst.
 * - auditor: reads the audit trail, nothing else.
 */
export const ROLES = ['intake', 'analyst', 'supervisor', 'office', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
