// Rows written straight through tipwire's repositories (dist/), for benchmarks of the
// store: a report as intake stores it (placeholder seals: the text is never opened) and
// an incident's estimate of one kind.

const SEAL = Buffer.alloc(40, 7);

/** A NewReport with placeholder seals; `fields` overrides any field. */
export function plainReport(id, fields = {}) {
  return {
    id,
    externalId: null,
    channel: 'web',
    category: null,
    receivedAt: 0,
    claims: {},
    callerPseudonym: null,
    callerLink: null,
    submittedBy: null,
    sender: null,
    contentHash: null,
    sealed: { dataKey: SEAL, narrative: SEAL, subjects: null },
    textFacts: { narrativeWords: 10, who: null },
    eventKinds: [],
    textSketch: null,
    searchTokens: [],
    attachments: [],
    ...fields,
  };
}

/** An estimate naming one kind, without place or hand spread. */
export const plainEstimate = (kind) => ({
  kinds: [kind],
  preciseCount: 0,
  weight: 0,
  wx: 0,
  wy: 0,
  wz: 0,
  latestStart: 0,
  earliestEnd: 1,
  handSpreadMeters: 0,
});
