/** Who is calling: what the server's authentication proves and the services check. */
import type { Role } from './roles.js';

export interface Principal {
  /** `anonymous`, `token:<id>`, or `user:<name>` for a login session. */
  id: string;
  roles: Role[];
  /** For field-office staff: the office whose cases they may see. */
  officeId: string | null;
  /** The token that proved it (to end a session). */
  tokenId: string | null;
}

export const ANONYMOUS: Principal = { id: 'anonymous', roles: [], officeId: null, tokenId: null };

export const hasRole = (p: Principal, ...roles: Role[]): boolean =>
  roles.some((r) => p.roles.includes(r));
