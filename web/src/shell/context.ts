/** What every view may read: the catalogue and who is signed in. */
import { createContext, useContext } from 'react';
import type { Meta } from '../meta.js';

export interface Me {
  /** `user:<name>` for a login session, `token:<id>` for an API token. */
  id: string;
  roles: string[];
  officeId: string | null;
}

/**
 * The roles whose work the app's views are for: analysts and supervisors work the
 * queue; a field office sees the cases routed to it (src/access/scope.ts). Others
 * (auditor, intake, admin) are refused at sign-in with a 403 message.
 */
export const WORKBENCH_ROLES = ['analyst', 'supervisor', 'office'] as const;

export const mayUseWorkbench = (me: Pick<Me, 'roles'>): boolean =>
  me.roles.some((r) => (WORKBENCH_ROLES as readonly string[]).includes(r));

export const MetaContext = createContext<Meta | null>(null);

export function useMeta(): Meta {
  const meta = useContext(MetaContext);
  if (!meta) throw new Error('the catalogue is not loaded');
  return meta;
}

export interface SessionValue {
  me: Me;
  signOut: (everywhere?: boolean) => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no one is signed in');
  return s;
}
