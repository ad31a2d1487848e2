/** What every view may read: the catalogue and who is signed in. */
import { createContext, useContext } from 'react';
import type { Meta } from '../meta.js';

export interface Me {
  /** `user:<name>` for a login session, `token:<id>` for an API token. */
  id: string;
  roles: string[];
  officeId: string | null;
}

export type ViewName = 'queue' | 'map' | 'incident' | 'call';

/**
 * The views each role's work needs: analysts and supervisors work the queue, the map,
 * incidents and calls; a field office sees the cases routed to it (src/access/scope.ts)
 * and their incidents; a call-taker (intake) enters calls. The server refuses what a
 * role may not do whatever the page shows; this only keeps the page to a role's work.
 * Others (auditor, admin) are refused at sign-in with a 403 message.
 */
export const VIEWS_BY_ROLE: Readonly<Record<string, readonly ViewName[]>> = {
  analyst: ['queue', 'map', 'incident', 'call'],
  supervisor: ['queue', 'map', 'incident', 'call'],
  office: ['queue', 'incident'],
  intake: ['call'],
};

export const WORKBENCH_ROLES = Object.keys(VIEWS_BY_ROLE);

/** The views open to someone with these roles, in the navigation's order. */
export function viewsFor(me: Pick<Me, 'roles'>): ViewName[] {
  const open = new Set(me.roles.flatMap((r) => VIEWS_BY_ROLE[r] ?? []));
  return (['queue', 'map', 'incident', 'call'] as const).filter((v) => open.has(v));
}

export const mayUseWorkbench = (me: Pick<Me, 'roles'>): boolean => viewsFor(me).length > 0;

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
