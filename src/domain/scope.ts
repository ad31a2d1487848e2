/**
 * Which members of an incident a viewer sees: the same rule as `canSeeCase`, as a
 * filter a store can apply (a member is seen when any clause holds). An incident
 * is seen when at least one of its members is, and it is shown with those members
 * only: their ids, sources, span and centroid, never the others' (an analyst
 * must not learn of abuse-queue reports, nor an office of another office's).
 */
export interface MemberScope {
  /** Every member (supervisors). */
  all: boolean;
  /** Members in the analysts' queue. */
  analystQueue: boolean;
  /** Members assigned to this office. */
  officeId: string | null;
}

export const EVERY_MEMBER: MemberScope = { all: true, analystQueue: false, officeId: null };
