/**
 * Which of an incident's reports are independent sources, a pure function. A source is
 * a pseudonymous caller (under this epoch's key or linked from the last one), a partner
 * feed, or a report of its own; reports join one source when they share a caller, come
 * from one feed, carry one sender's externalId, were all sent in the abuse queue's burst,
 * or have near-identical text (a copy-paste campaign). Near-identical text is found by
 * comparing every pair of sketches up to `allPairsMax` of them; beyond, without comparing
 * every pair: sketches are bucketed by their LSH bands first, and only reports sharing a
 * band are compared.
 */
import type { Channel } from '../domain/report.js';

export interface SourceMember {
  reportId: string;
  channel: Channel;
  pseudonym: string | null;
  /** The caller's pseudonym under the previous epoch key. */
  link: string | null;
  /** Who sent it for the caller (`token:…`, `user:…`, `import`); null for the public. */
  sender: string | null;
  externalId: string | null;
  /** In the abuse queue (repeat dialer). */
  abusive: boolean;
  sketch: Buffer | null;
  /** Its text says its sender reported this before (correlate/says-repeat.ts). */
  saysRepeat?: boolean;
}

/** How near-identical text is told (the text-sketch functions, passed in). */
export interface TextSimilarity {
  bands(sketch: Buffer): string[];
  similarity(a: Buffer, b: Buffer): number;
  /** Copies: a vague report this alike to an incident's reports joins it (the stage's). */
  threshold: number;
  /** Sources: reports this alike are one. */
  sourceThreshold: number;
  /** Up to this many sketches every pair is compared; beyond, pairs sharing a band. */
  allPairsMax: number;
}

/** Why two reports were found to be one source. */
export type SameSourceReason =
  'caller' | 'feed' | 'external_id' | 'abuse_burst' | 'same_text' | 'says_repeat';

export interface Sources {
  /** Each member's source: the report id of the source's first member (in input order). */
  sourceOf: Map<string, string>;
  /** Members that repeat a source already counted, by the first reason that joined them. */
  repeats: Map<SameSourceReason, number>;
  count: number;
}

export function independentSources(
  members: readonly SourceMember[],
  text: TextSimilarity,
): Sources {
  const parent = members.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const reasonOf = new Map<number, SameSourceReason>();
  const union = (a: number, b: number, reason: SameSourceReason) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // The later source joins the earlier one (a source is named after its first member),
    // and says why: a member stops being a source's first once, so it has one reason.
    const join = Math.max(ra, rb);
    parent[join] = Math.min(ra, rb);
    reasonOf.set(join, reason);
  };
  const firstWithKey = new Map<string, number>();
  const byKey = (i: number, key: string, reason: SameSourceReason) => {
    const seen = firstWithKey.get(key);
    if (seen === undefined) firstWithKey.set(key, i);
    else union(seen, i, reason);
  };
  members.forEach((m, i) => {
    if (m.pseudonym) byKey(i, `caller:${m.pseudonym}`, 'caller');
    if (m.link) byKey(i, `caller:${m.link}`, 'caller');
    if (m.channel === 'feed' && m.sender) byKey(i, `feed:${m.sender}`, 'feed');
    if (m.sender && m.externalId) byKey(i, `ext:${m.sender}\u0000${m.externalId}`, 'external_id');
    // Stryker disable next-line StringLiteral: any key the other kinds (all prefixed) cannot take, "" too
    if (m.abusive) byKey(i, 'abuse', 'abuse_burst');
  });
  const sketched = members.flatMap((m, i) => (m.sketch ? [{ i, sketch: m.sketch }] : []));
  const alike = (a: { i: number; sketch: Buffer }, b: { i: number; sketch: Buffer }) => {
    if (find(a.i) !== find(b.i) && text.similarity(a.sketch, b.sketch) >= text.sourceThreshold)
      union(b.i, a.i, 'same_text');
  };
  if (sketched.length <= text.allPairsMax) {
    // Few enough: every pair (a pair the bands miss may be alike enough).
    sketched.forEach((a, k) => sketched.slice(0, k).forEach((b) => alike(a, b)));
  } else {
    const buckets = new Map<string, (typeof sketched)[number][]>();
    for (const a of sketched) {
      for (const band of text.bands(a.sketch)) {
        const bucket = buckets.get(band);
        if (bucket) {
          for (const b of bucket) alike(a, b);
          bucket.push(a);
        } else buckets.set(band, [a]);
      }
    }
  }
  // A report saying its sender reported this before, linked to no earlier member by
  // anything else, is not a new witness: it joins the incident's first source (which of
  // the earlier ones is its sender's, nothing tells; the count is what matters).
  members.forEach((m, i) => {
    if (m.saysRepeat && i > 0 && find(i) === i) union(0, i, 'says_repeat');
  });
  const sourceOf = new Map<string, string>();
  const repeats = new Map<SameSourceReason, number>();
  let count = 0;
  members.forEach((m, i) => {
    const root = find(i);
    if (root === i) count += 1;
    sourceOf.set(m.reportId, members[root]!.reportId);
  });
  // Every member that is not its source's first has the reason it joined (in input order).
  members.forEach((_, i) => {
    const reason = reasonOf.get(i);
    if (reason) repeats.set(reason, (repeats.get(reason) ?? 0) + 1);
  });
  return { sourceOf, repeats, count };
}
