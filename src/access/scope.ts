/**
 * Which cases a principal may see, as pure rules over the principal's roles and
 * office and the case's queue and office:
 *
 * | role       | sees                                                        |
 * | ---------- | ----------------------------------------------------------- |
 * | supervisor | every case, in both queues                                  |
 * | analyst    | the analysts' queue (not the abuse queue)                   |
 * | office     | the cases assigned to its own office, in either queue       |
 *
 * A case outside a principal's scope does not exist for it (404, not 403), so
 * its existence is not revealed. Admins, auditors and intake see no case text.
 */
import type { Queue } from '../domain/report.js';
import type { Role } from './roles.js';

export interface Viewer {
  roles: Role[];
  officeId: string | null;
}

export interface CaseScope {
  queue: Queue;
  officeId: string | null;
}

export function canSeeCase(viewer: Viewer, c: CaseScope): boolean {
  if (viewer.roles.includes('supervisor')) return true;
  if (viewer.roles.includes('analyst') && c.queue === 'analyst') return true;
  return (
    viewer.roles.includes('office') && viewer.officeId !== null && c.officeId === viewer.officeId
  );
}

/**
 * The list filter that shows a viewer only its scope, or null when a supervisor
 * may see everything. `queue` is what the viewer asked for.
 */
export function listScope(
  viewer: Viewer,
  queue: Queue | undefined,
): { queue?: Queue; officeId?: string } | 'forbidden' {
  if (viewer.roles.includes('supervisor')) return queue ? { queue } : {};
  if (viewer.roles.includes('analyst')) {
    return queue === 'abuse' ? 'forbidden' : { queue: 'analyst' };
  }
  if (viewer.roles.includes('office') && viewer.officeId !== null) {
    return queue ? { queue, officeId: viewer.officeId } : { officeId: viewer.officeId };
  }
  return 'forbidden';
}

export { EVERY_MEMBER, type MemberScope } from '../domain/scope.js';
import { EVERY_MEMBER, type MemberScope } from '../domain/scope.js';

export function memberScope(viewer: Viewer): MemberScope {
  if (viewer.roles.includes('supervisor')) return EVERY_MEMBER;
  return {
    all: false,
    analystQueue: viewer.roles.includes('analyst'),
    officeId: viewer.roles.includes('office') ? viewer.officeId : null,
  };
}

/** A short key naming a scope, to share work between viewers with the same one. */
export const scopeKey = (s: MemberScope): string =>
  s.all ? 'all' : `${s.analystQueue ? 'analyst' : '-'}|${s.officeId ?? '-'}`;
